#include "reports/signing/CmsSignature.h"

#include "base/Sha256.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace tollgate {

namespace {

QString errorText()
{
    QStringList parts;
    while (const unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        parts << QString::fromLatin1(buf);
    }
    return parts.join(QStringLiteral("; "));
}

QString nameOf(X509* cert)
{
    char* s = X509_NAME_oneline(X509_get_subject_name(cert), nullptr, 0);
    const QString out = QString::fromUtf8(s);
    OPENSSL_free(s);
    return out;
}

} // namespace

Result<QByteArray> CmsSignature::sign(const QByteArray& data, const SigningIdentity& identity)
{
    if (!identity.key() || !identity.certificate())
        return Error(QStringLiteral("no signing identity loaded"));
    ERR_clear_error();
    BIO* in = BIO_new_mem_buf(data.constData(), static_cast<int>(data.size()));
    CMS_ContentInfo* cms =
        CMS_sign(identity.certificate(), identity.key(), static_cast<STACK_OF(X509)*>(identity.chain()), in,
                 CMS_DETACHED | CMS_BINARY);
    BIO_free(in);
    if (!cms)
        return Error(QStringLiteral("signing failed: %1").arg(errorText()));
    BIO* out = BIO_new(BIO_s_mem());
    const int ok = i2d_CMS_bio(out, cms);
    CMS_ContentInfo_free(cms);
    if (!ok) {
        BIO_free(out);
        return Error(QStringLiteral("cannot encode the signature: %1").arg(errorText()));
    }
    char* p = nullptr;
    const long n = BIO_get_mem_data(out, &p);
    QByteArray der(p, static_cast<int>(n));
    BIO_free(out);
    return der;
}

CmsSignature::Verification CmsSignature::verify(const QByteArray& data, const QByteArray& signatureDer,
                                                const QByteArray& caPem)
{
    Verification v;
    v.digest = QString::fromLatin1(Sha256::hex(data));
    v.revocation = QStringLiteral("not checked (offline)");
    ERR_clear_error();
    BIO* sb = BIO_new_mem_buf(signatureDer.constData(), static_cast<int>(signatureDer.size()));
    CMS_ContentInfo* cms = d2i_CMS_bio(sb, nullptr);
    BIO_free(sb);
    if (!cms) {
        v.problem =
            QStringLiteral("the signature file is damaged or not a CMS signature (%1)").arg(errorText());
        v.chain = QStringLiteral("chain not checked");
        return v;
    }
    // Signer and signing time, read before verifying so a failure can still name them.
    STACK_OF(X509)* signers = CMS_get0_signers(cms);
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    if (infos && sk_CMS_SignerInfo_num(infos) > 0) {
        CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
        const int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
        if (idx >= 0) {
            X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, idx);
            ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(attr, 0);
            if (t && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME)) {
                struct tm tmv = {};
                if (ASN1_TIME_to_tm(reinterpret_cast<const ASN1_TIME*>(t->value.asn1_string), &tmv) == 1)
                    v.signingTime = QDateTime(QDate(tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday),
                                              QTime(tmv.tm_hour, tmv.tm_min, tmv.tm_sec), Qt::UTC);
            }
        }
    }
    ERR_clear_error();
    // CMS_get0_signers needs the signer certs inside the structure: CMS_sign includes them.
    STACK_OF(X509)* certs = CMS_get1_certs(cms);
    if (certs && sk_X509_num(certs) > 0)
        v.subject = nameOf(sk_X509_value(certs, 0));
    X509_STORE* store = nullptr;
    unsigned int flags = CMS_BINARY | CMS_DETACHED;
    if (caPem.isEmpty()) {
        flags |= CMS_NO_SIGNER_CERT_VERIFY;
        v.chain = QStringLiteral("chain not checked (no CA given): the signature alone decides");
    } else {
        store = X509_STORE_new();
        BIO* cb = BIO_new_mem_buf(caPem.constData(), static_cast<int>(caPem.size()));
        int added = 0;
        while (X509* ca = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr)) {
            X509_STORE_add_cert(store, ca);
            X509_free(ca);
            ++added;
        }
        BIO_free(cb);
        ERR_clear_error();
        if (added == 0) {
            v.problem = QStringLiteral("the CA file holds no certificate");
            v.chain = QStringLiteral("chain not checked");
            X509_STORE_free(store);
            sk_X509_pop_free(certs, X509_free);
            CMS_ContentInfo_free(cms);
            return v;
        }
        // Report signing is what the signer certificate is for: accept any purpose the chain allows.
        X509_STORE_set_purpose(store, X509_PURPOSE_ANY);
    }
    BIO* content = BIO_new_mem_buf(data.constData(), static_cast<int>(data.size()));
    const int ok = CMS_verify(cms, nullptr, store, content, nullptr, flags);
    BIO_free(content);
    if (ok == 1) {
        v.valid = true;
        if (store)
            v.chain = QStringLiteral("trusted by the given CA");
    } else {
        const unsigned long e = ERR_peek_last_error();
        const int reason = ERR_GET_REASON(e);
        const QString detail = errorText();
        if (reason == CMS_R_CONTENT_VERIFY_ERROR || reason == CMS_R_VERIFICATION_FAILURE) {
            v.problem =
                reason == CMS_R_CONTENT_VERIFY_ERROR
                    ? QStringLiteral("the report does not match the signature: it was changed after signing")
                    : QStringLiteral("the signature value does not verify: the signature was altered or made "
                                     "with another key");
            if (store)
                v.chain = QStringLiteral("not reached");
        } else if (reason == CMS_R_CERTIFICATE_VERIFY_ERROR) {
            v.problem =
                QStringLiteral("the signer's certificate is not trusted by the given CA (%1)").arg(detail);
            v.chain = QStringLiteral("NOT trusted: %1").arg(detail);
        } else {
            v.problem = QStringLiteral("verification failed: %1").arg(detail);
            if (v.chain.isEmpty())
                v.chain = QStringLiteral("not reached");
        }
    }
    Q_UNUSED(signers);
    sk_X509_free(signers);
    sk_X509_pop_free(certs, X509_free);
    X509_STORE_free(store);
    CMS_ContentInfo_free(cms);
    return v;
}

} // namespace tollgate
