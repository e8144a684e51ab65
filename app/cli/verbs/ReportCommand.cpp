#include "app/cli/verbs/ReportCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "reports/content/ReviewReport.h"
#include "reports/publish/ReportWriter.h"
#include "reports/signing/SigningIdentity.h"

#include <QFile>

namespace tollgate::cli {

QString ReportCommand::summary() const
{
    return QStringLiteral(
        "Write a snapshot or change review report (PDF, HTML or JSON), optionally signed (detached CMS).");
}

void ReportCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption(
        {QStringLiteral("kind"), QStringLiteral("snapshot (default) or changes."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("base"),
                      QStringLiteral("changes: the older snapshot (default: the baseline)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("recommendation"), QStringLiteral("The ISSO's recommendation."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("residual-risk"), QStringLiteral("The residual risk statement."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("marking"), QStringLiteral("The marking banner (default CUI)."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("omit"),
                      QStringLiteral("Sections to leave out, comma-separated: diagram, boundary_flows, "
                                     "controls, scan_findings, inventory, mesh."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("FILE.pdf, FILE.html or FILE.json (the suffix picks the format)."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("sign-cert"), QStringLiteral("Signer certificate (PEM)."), QStringLiteral("C")});
    parser.addOption({QStringLiteral("sign-key"), QStringLiteral("Signer private key (PEM, unencrypted)."),
                      QStringLiteral("K")});
    parser.addOption(
        {QStringLiteral("sign-p12"),
         QStringLiteral(
             "Signer PKCS#12 bundle; its password from TOLLGATE_P12_PASSWORD or --p12-password-file."),
         QStringLiteral("P")});
    parser.addOption({QStringLiteral("p12-password-file"),
                      QStringLiteral("A file holding the PKCS#12 password."), QStringLiteral("FILE")});
}

int ReportCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty() || !ReportWriter::formatFor(out))
        return usageError(ctx, QStringLiteral("--out must name a .pdf, .html or .json file"));
    ReviewReport::Options opt;
    opt.kind = parser.isSet(QStringLiteral("kind")) ? parser.value(QStringLiteral("kind"))
                                                    : QStringLiteral("snapshot");
    if (opt.kind != QLatin1String("snapshot") && opt.kind != QLatin1String("changes"))
        return usageError(ctx, QStringLiteral("--kind is snapshot or changes"));
    opt.recommendation = parser.value(QStringLiteral("recommendation"));
    opt.residualRisk = parser.value(QStringLiteral("residual-risk"));
    if (parser.isSet(QStringLiteral("marking")))
        opt.marking = parser.value(QStringLiteral("marking"));
    for (const QString& section :
         parser.value(QStringLiteral("omit")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool known = false;
        for (const auto& s : ReviewReport::optionalSections())
            known = known || s.first == section.trimmed();
        if (!known)
            return usageError(ctx, QStringLiteral("--omit: unknown section '%1'").arg(section));
        opt.omit << section.trimmed();
    }
    const bool pem = parser.isSet(QStringLiteral("sign-cert")) || parser.isSet(QStringLiteral("sign-key"));
    const bool p12 = parser.isSet(QStringLiteral("sign-p12"));
    if (pem && p12)
        return usageError(ctx,
                          QStringLiteral("sign with --sign-cert/--sign-key or with --sign-p12, not both"));
    if (pem && (!parser.isSet(QStringLiteral("sign-cert")) || !parser.isSet(QStringLiteral("sign-key"))))
        return usageError(ctx, QStringLiteral("--sign-cert and --sign-key go together"));
    std::optional<SigningIdentity> identity;
    auto readFile = [](const QString& path, QByteArray& bytes) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        bytes = f.readAll();
        return true;
    };
    if (pem) {
        QByteArray cert, key;
        if (!readFile(parser.value(QStringLiteral("sign-cert")), cert) ||
            !readFile(parser.value(QStringLiteral("sign-key")), key))
            return inputError(ctx, QStringLiteral("cannot read the signer certificate or key"));
        auto id = SigningIdentity::fromPem(cert, key);
        if (!id)
            return inputError(ctx, id.error().toString());
        identity.emplace(std::move(id).value());
    } else if (p12) {
        QByteArray bundle;
        if (!readFile(parser.value(QStringLiteral("sign-p12")), bundle))
            return inputError(ctx, QStringLiteral("cannot read the PKCS#12 bundle"));
        QByteArray password = qgetenv("TOLLGATE_P12_PASSWORD");
        if (parser.isSet(QStringLiteral("p12-password-file"))) {
            if (!readFile(parser.value(QStringLiteral("p12-password-file")), password))
                return inputError(ctx, QStringLiteral("cannot read the password file"));
            password = password.trimmed();
        }
        auto id = SigningIdentity::fromPkcs12(bundle, password);
        if (!id)
            return inputError(ctx, id.error().toString());
        identity.emplace(std::move(id).value());
    }
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadWrite, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    if (parser.isSet(QStringLiteral("snapshot"))) {
        opt.snapshotId = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
        if (!opt.snapshotId)
            return ExitUsage;
    }
    opt.baseId = parser.value(QStringLiteral("base")).toLongLong();
    ReportWriter::Request request;
    request.report = opt;
    request.outPath = out;
    request.identity = identity ? &*identity : nullptr;
    auto written = ReportWriter::write(*ws, request);
    if (!written)
        return inputError(ctx, written.error().toString());
    const QString digest = written->sha256;
    const QString signer = written->signer;
    ctx.out << "wrote " << out << " (" << written->bytes << " bytes, sha256 " << digest << ")\n";
    if (!signer.isEmpty())
        ctx.out << "signed by " << signer << ": " << out
                << ".p7s (detached CMS, DER); verify with: tollgate-cli verify " << out << " --ca CA.pem\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
