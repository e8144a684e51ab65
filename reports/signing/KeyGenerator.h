#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

namespace tollgate {

// A test CA and a report signer (ECDSA P-256, SHA-256) for trying signed reports: the signer has the
// key usages `verify` accepts (digitalSignature, nonRepudiation; emailProtection). A program signs
// with its real certificate instead (PEM or PKCS#12).
class KeyGenerator
{
public:
    struct Output
    {
        QByteArray caPem;
        QByteArray signerPem;
        QByteArray signerKeyPem;
    };
    // validFromDays/validDays shift the signer's validity (tests make an expired signer with them).
    [[nodiscard]] static Result<Output> generate(const QString& subject, int validFromDays = 0,
                                                 int validDays = 730);
    // Writes DIR/ca.pem, DIR/signer.pem and DIR/signer.key (mode 0600).
    [[nodiscard]] static Status write(const QString& dir, const Output& out);
};

} // namespace tollgate
