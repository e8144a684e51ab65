#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;

namespace tollgate {

// A loaded private key and its certificate (and any chain): the signer works on this, never on
// file paths, so a smart card (PKCS#11) can supply one later. Sources today: PEM and PKCS#12.
class SigningIdentity
{
public:
    SigningIdentity();
    ~SigningIdentity();
    SigningIdentity(SigningIdentity&&) noexcept;
    SigningIdentity& operator=(SigningIdentity&&) noexcept;
    SigningIdentity(const SigningIdentity&) = delete;
    SigningIdentity& operator=(const SigningIdentity&) = delete;

    [[nodiscard]] static Result<SigningIdentity> fromPem(const QByteArray& certificatePem,
                                                         const QByteArray& keyPem);
    // The password comes from the caller (a GUI prompt, a file, an environment variable), never a
    // command-line argument. Old RC2-40 bundles load through the legacy provider.
    [[nodiscard]] static Result<SigningIdentity> fromPkcs12(const QByteArray& der,
                                                            const QByteArray& password);

    EVP_PKEY* key() const;
    X509* certificate() const;
    void* chain() const; // STACK_OF(X509)*, may be null
    QString subject() const;

private:
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace tollgate
