#include "reports/signing/SigningIdentity.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

namespace tollgate {

struct SigningIdentity::Data
{
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509) * chain = nullptr;
    ~Data()
    {
        EVP_PKEY_free(key);
        X509_free(cert);
        sk_X509_pop_free(chain, X509_free);
    }
};

namespace {
QString opensslError()
{
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (!e)
        return QStringLiteral("unknown OpenSSL error");
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return QString::fromLatin1(buf);
}
} // namespace

SigningIdentity::SigningIdentity() : d(std::make_unique<Data>()) {}
SigningIdentity::~SigningIdentity() = default;
SigningIdentity::SigningIdentity(SigningIdentity&&) noexcept = default;
SigningIdentity& SigningIdentity::operator=(SigningIdentity&&) noexcept = default;

EVP_PKEY* SigningIdentity::key() const
{
    return d->key;
}

X509* SigningIdentity::certificate() const
{
    return d->cert;
}

void* SigningIdentity::chain() const
{
    return d->chain;
}

QString SigningIdentity::subject() const
{
    if (!d->cert)
        return {};
    char* s = X509_NAME_oneline(X509_get_subject_name(d->cert), nullptr, 0);
    const QString out = QString::fromUtf8(s);
    OPENSSL_free(s);
    return out;
}

Result<SigningIdentity> SigningIdentity::fromPem(const QByteArray& certificatePem, const QByteArray& keyPem)
{
    SigningIdentity id;
    BIO* cb = BIO_new_mem_buf(certificatePem.constData(), static_cast<int>(certificatePem.size()));
    id.d->cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    // Further certificates in the same file are the chain.
    if (id.d->cert) {
        id.d->chain = sk_X509_new_null();
        while (X509* extra = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr))
            sk_X509_push(id.d->chain, extra);
        ERR_clear_error();
    }
    BIO_free(cb);
    if (!id.d->cert)
        return Error(QStringLiteral("cannot read the signer certificate (PEM): %1").arg(opensslError()));
    BIO* kb = BIO_new_mem_buf(keyPem.constData(), static_cast<int>(keyPem.size()));
    id.d->key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    BIO_free(kb);
    if (!id.d->key)
        return Error(
            QStringLiteral("cannot read the private key (PEM, unencrypted): %1").arg(opensslError()));
    if (X509_check_private_key(id.d->cert, id.d->key) != 1)
        return Error(QStringLiteral("the private key does not belong to the certificate"));
    return id;
}

Result<SigningIdentity> SigningIdentity::fromPkcs12(const QByteArray& der, const QByteArray& password)
{
    auto attempt = [&](SigningIdentity& id) {
        BIO* b = BIO_new_mem_buf(der.constData(), static_cast<int>(der.size()));
        PKCS12* p12 = d2i_PKCS12_bio(b, nullptr);
        BIO_free(b);
        if (!p12)
            return false;
        const bool ok = PKCS12_parse(p12, password.constData(), &id.d->key, &id.d->cert, &id.d->chain) == 1;
        PKCS12_free(p12);
        return ok && id.d->key && id.d->cert;
    };
    SigningIdentity id;
    if (attempt(id))
        return id;
    ERR_clear_error();
    // RC2-40 bundles made by older tools need the legacy provider.
    OSSL_PROVIDER_load(nullptr, "legacy");
    OSSL_PROVIDER_load(nullptr, "default");
    SigningIdentity again;
    if (attempt(again))
        return again;
    return Error(QStringLiteral("cannot open the PKCS#12 bundle (wrong password or damaged file): %1")
                     .arg(opensslError()));
}

} // namespace tollgate
