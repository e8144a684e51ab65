#include "reports/signing/KeyGenerator.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace tollgate {

namespace {

QByteArray pemOf(X509* cert)
{
    BIO* b = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(b, cert);
    char* p = nullptr;
    const long n = BIO_get_mem_data(b, &p);
    QByteArray out(p, static_cast<int>(n));
    BIO_free(b);
    return out;
}

QByteArray pemOf(EVP_PKEY* key)
{
    BIO* b = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* p = nullptr;
    const long n = BIO_get_mem_data(b, &p);
    QByteArray out(p, static_cast<int>(n));
    BIO_free(b);
    return out;
}

bool addExt(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

X509* makeCert(EVP_PKEY* key, const QString& subject, X509* issuer, EVP_PKEY* issuerKey, long fromDays,
               long days, bool ca)
{
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert), fromDays * 86400L);
    X509_gmtime_adj(X509_getm_notAfter(cert), (fromDays + days) * 86400L);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_NAME_new();
    for (const QString& part : subject.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString k = part.section(QLatin1Char('='), 0, 0).trimmed();
        const QString v = part.section(QLatin1Char('='), 1).trimmed();
        X509_NAME_add_entry_by_txt(name, k.toUtf8().constData(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(v.toUtf8().constData()), -1, -1, 0);
    }
    X509_set_subject_name(cert, name);
    X509_NAME_free(name);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : X509_get_subject_name(cert));
    X509* iss = issuer ? issuer : cert;
    bool ok = true;
    if (ca) {
        ok = ok && addExt(cert, iss, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExt(cert, iss, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExt(cert, iss, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExt(cert, iss, NID_key_usage, "critical,digitalSignature,nonRepudiation");
        ok = ok && addExt(cert, iss, NID_ext_key_usage, "emailProtection");
    }
    ok = ok && addExt(cert, iss, NID_subject_key_identifier, "hash");
    if (issuer)
        ok = ok && addExt(cert, iss, NID_authority_key_identifier, "keyid:always");
    if (!ok || X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256()) <= 0) {
        X509_free(cert);
        return nullptr;
    }
    return cert;
}

} // namespace

Result<KeyGenerator::Output> KeyGenerator::generate(const QString& subject, int validFromDays, int validDays)
{
    EVP_PKEY* caKey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!caKey || !key) {
        EVP_PKEY_free(caKey);
        EVP_PKEY_free(key);
        return Error(QStringLiteral("key generation failed"));
    }
    QString caSubject = subject;
    caSubject.replace(QRegularExpression(QStringLiteral("CN=([^,]*)")), QStringLiteral("CN=\\1 Test CA"));
    if (caSubject == subject)
        caSubject = QStringLiteral("CN=Tollgate Test CA");
    X509* ca = makeCert(caKey, caSubject, nullptr, nullptr, -1, 3650, true);
    X509* signer = ca ? makeCert(key, subject, ca, caKey, validFromDays, validDays, false) : nullptr;
    Output out;
    if (ca && signer) {
        out.caPem = pemOf(ca);
        out.signerPem = pemOf(signer);
        out.signerKeyPem = pemOf(key);
    }
    X509_free(ca);
    X509_free(signer);
    EVP_PKEY_free(caKey);
    EVP_PKEY_free(key);
    if (out.caPem.isEmpty())
        return Error(QStringLiteral("certificate creation failed for subject '%1'").arg(subject));
    return out;
}

Status KeyGenerator::write(const QString& dir, const Output& out)
{
    if (!QDir().mkpath(dir))
        return Error(dir, 0, QStringLiteral("cannot create the folder"));
    auto put = [&](const QString& name, const QByteArray& bytes, bool secret) -> Status {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Error(f.fileName(), 0, QStringLiteral("cannot write: %1").arg(f.errorString()));
        if (secret)
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (f.write(bytes) != bytes.size())
            return Error(f.fileName(), 0, QStringLiteral("cannot write: %1").arg(f.errorString()));
        return {};
    };
    if (Status s = put(QStringLiteral("signer.key"), out.signerKeyPem, true); !s.ok())
        return s;
    if (Status s = put(QStringLiteral("signer.pem"), out.signerPem, false); !s.ok())
        return s;
    return put(QStringLiteral("ca.pem"), out.caPem, false);
}

} // namespace tollgate
