#include "app/cli/verbs/KeygenCommand.h"

#include "reports/signing/KeyGenerator.h"

namespace tollgate::cli {

QString KeygenCommand::summary() const
{
    return QStringLiteral(
        "Write a test CA and a report signer (ca.pem, signer.pem, signer.key) to try signed reports.");
}

void KeygenCommand::setup(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("The folder to write to."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("subject"),
                      QStringLiteral("The signer's subject, e.g. \"CN=Jane Doe,O=Program\"."),
                      QStringLiteral("DN")});
    parser.addOption({QStringLiteral("days"), QStringLiteral("Validity of the signer in days (default 730)."),
                      QStringLiteral("N")});
}

int KeygenCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (!parser.isSet(QStringLiteral("out")) || !parser.isSet(QStringLiteral("subject")))
        return usageError(ctx, QStringLiteral("--out DIR and --subject DN are required"));
    const int days =
        parser.isSet(QStringLiteral("days")) ? parser.value(QStringLiteral("days")).toInt() : 730;
    auto out = KeyGenerator::generate(parser.value(QStringLiteral("subject")), 0, days);
    if (!out)
        return inputError(ctx, out.error().toString());
    if (Status s = KeyGenerator::write(parser.value(QStringLiteral("out")), out.value()); !s.ok())
        return inputError(ctx, s.error().toString());
    const QString dir = parser.value(QStringLiteral("out"));
    ctx.out
        << "wrote " << dir << "/ca.pem (test CA), " << dir << "/signer.pem and " << dir
        << "/signer.key (unencrypted, mode 0600): ECDSA P-256 with SHA-256, for trying signed reports only\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
