#include "app/cli/verbs/VerifyCommand.h"

#include "reports/signing/ReportVerifier.h"

namespace tollgate::cli {

QString VerifyCommand::summary() const
{
    return QStringLiteral(
        "Verify a signed report offline: signer, time, digest, chain; exit 0 valid, 1 invalid.");
}

void VerifyCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("REPORT"), QStringLiteral("The report file."));
    parser.addOption({QStringLiteral("signature"),
                      QStringLiteral("The detached signature (default: REPORT.p7s)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("ca"),
                      QStringLiteral("Trusted CA certificates (PEM) to check the signer's chain."),
                      QStringLiteral("FILE")});
}

int VerifyCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one report file"));
    ReportVerifier::Request request;
    request.report = parser.positionalArguments().first();
    request.signature = parser.value(QStringLiteral("signature"));
    request.ca = parser.value(QStringLiteral("ca"));
    auto outcome = ReportVerifier::verify(request);
    if (!outcome)
        return inputError(ctx, outcome.error().toString());
    const CmsSignature::Verification& v = outcome->verification;
    const QString& reportPath = outcome->report;
    const QString& sigPath = outcome->signature;
    ctx.out << "report:     " << reportPath << "\n";
    ctx.out << "signature:  " << sigPath << "\n";
    ctx.out << "signer:     " << (v.subject.isEmpty() ? QStringLiteral("(unknown)") : v.subject) << "\n";
    ctx.out << "signed at:  "
            << (v.signingTime.isValid() ? v.signingTime.toString(Qt::ISODate)
                                        : QStringLiteral("(not stated)"))
            << "\n";
    ctx.out << "sha256:     " << v.digest << "\n";
    ctx.out << "chain:      " << v.chain << "\n";
    ctx.out << "revocation: " << v.revocation << "\n";
    ctx.out << "result:     " << (v.valid ? QStringLiteral("VALID") : QStringLiteral("INVALID: ") + v.problem)
            << "\n";
    ctx.out.flush();
    return v.valid ? ExitOk : ExitCheckFailed;
}

} // namespace tollgate::cli
