#pragma once

#include "base/Result.h"
#include "reports/signing/SigningIdentity.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tollgate {

// Detached CMS signatures (DER) over report bytes, with CMS_BINARY so `openssl cms -verify -binary
// -inform DER` accepts them; SHA-256 through OpenSSL's default library context.
class CmsSignature
{
public:
    struct Verification
    {
        bool valid = false;
        QString subject;
        QDateTime signingTime;
        QString digest;     // SHA-256 of the report, hex
        QString chain;      // "trusted by CA ...", "NOT trusted: ...", or "chain not checked"
        QString revocation; // always "not checked" (offline)
        QString problem;    // what failed, in plain words
    };

    [[nodiscard]] static Result<QByteArray> sign(const QByteArray& data, const SigningIdentity& identity);
    // caPem empty: the signature alone decides ("chain not checked").
    static Verification verify(const QByteArray& data, const QByteArray& signatureDer,
                               const QByteArray& caPem);
};

} // namespace tollgate
