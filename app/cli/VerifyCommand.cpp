#include "VerifyCommand.h"

#include "CmsSignature.h"

#include <QFile>

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
    const QString reportPath = parser.positionalArguments().first();
    const QString sigPath = parser.isSet(QStringLiteral("signature"))
                                ? parser.value(QStringLiteral("signature"))
                                : reportPath + QStringLiteral(".p7s");
    auto read = [&](const QString& path, QByteArray& out) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        out = f.readAll();
        return true;
    };
    QByteArray report, sig, ca;
    if (!read(reportPath, report))
        return inputError(ctx, QStringLiteral("%1: cannot read the report").arg(reportPath));
    if (!read(sigPath, sig))
        return inputError(ctx, QStringLiteral("%1: cannot read the signature").arg(sigPath));
    if (parser.isSet(QStringLiteral("ca")) && !read(parser.value(QStringLiteral("ca")), ca))
        return inputError(
            ctx, QStringLiteral("%1: cannot read the CA file").arg(parser.value(QStringLiteral("ca"))));
    const CmsSignature::Verification v = CmsSignature::verify(report, sig, ca);
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
