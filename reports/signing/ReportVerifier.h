#pragma once

#include "base/Result.h"
#include "reports/signing/CmsSignature.h"

#include <QString>

namespace tollgate {

// Verifying a signed report from its files, the one path `tollgate-cli verify` and the GUI's Verify
// dialog share: reads the report, its detached signature (default REPORT.p7s) and an optional CA
// file, runs CmsSignature::verify, and says the outcome in plain words.
class ReportVerifier
{
public:
    struct Request
    {
        QString report;
        QString signature; // empty: REPORT.p7s
        QString ca;        // empty: the chain is not checked
    };
    struct Outcome
    {
        QString report;
        QString signature;
        QString ca;
        CmsSignature::Verification verification;
        bool valid() const { return verification.valid; }
        // One or two sentences an approving official can act on.
        QString plainWords() const;
    };

    static QString defaultSignature(const QString& report);
    // Fails (file and problem) only when a file cannot be read; a bad signature is an Outcome.
    [[nodiscard]] static Result<Outcome> verify(const Request& request);
};

} // namespace tollgate
