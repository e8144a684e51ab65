#include "app/cli/verbs/ExportCklCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "stig/CklExport.h"
#include "stig/CklWriter.h"

#include <QFileInfo>
#include <QMap>

namespace tollgate::cli {

QString ExportCklCommand::summary() const
{
    return QStringLiteral("Write the cluster's DISA STIG checklist (.ckl or .cklb): the full Kubernetes "
                          "STIG, a status only where Tollgate's check is the STIG's check.");
}

void ExportCklCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"), QStringLiteral("The snapshot (default: the latest)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("The checklist to write: FILE.ckl (STIG Viewer 2, XML) or FILE.cklb "
                                     "(STIG Viewer 3, JSON)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("benchmark"),
                      QStringLiteral("A DISA STIG XCCDF benchmark (default: the built-in Kubernetes STIG "
                                     "V1R11)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tailoring"),
                      QStringLiteral("The program's tailoring YAML file the controls run with."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("marking"),
                      QStringLiteral("The marking of the checklist (default: CUI)."),
                      QStringLiteral("TEXT")});
}

int ExportCklCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(ctx, QStringLiteral("--out FILE.ckl or FILE.cklb is required"));
    const QString out = parser.value(QStringLiteral("out"));
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != QLatin1String("ckl") && suffix != QLatin1String("cklb"))
        return usageError(ctx,
                          QStringLiteral("--out must end in .ckl (STIG Viewer 2) or .cklb (STIG Viewer 3)"));
    auto benchmark = parser.isSet(QStringLiteral("benchmark"))
                         ? StigBenchmark::load(parser.value(QStringLiteral("benchmark")))
                         : StigBenchmark::builtIn();
    if (!benchmark)
        return inputError(ctx, benchmark.error().toString());
    auto catalog = ControlCatalog::builtIn();
    if (!catalog)
        return inputError(ctx, catalog.error().toString());
    CklExport::Options options;
    if (parser.isSet(QStringLiteral("tailoring"))) {
        auto t = Tailoring::load(parser.value(QStringLiteral("tailoring")));
        if (!t)
            return inputError(ctx, t.error().toString());
        options.tailoring = t.value();
    }
    if (parser.isSet(QStringLiteral("marking")))
        options.marking = parser.value(QStringLiteral("marking"));
    // ReadWrite: the controls are run (or an identical run reused) before the export, as for a report.
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadWrite, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    options.snapshotId = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
    if (!options.snapshotId)
        return ExitUsage;
    auto checklist = CklExport::build(*ws, benchmark.value(), catalog.value(), options);
    if (!checklist)
        return inputError(ctx, checklist.error().toString());
    if (Status s = CklWriter::write(out, checklist.value()); !s.ok())
        return inputError(ctx, s.error().toString());
    QMap<QString, int> counts;
    for (const StigChecklist::Entry& e : checklist->entries)
        counts[e.status]++;
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    ctx.out << "wrote " << out << ": " << checklist->entries.size() << " rules of " << benchmark->label()
            << " for cluster " << checklist->asset.hostName << " (snapshot " << options.snapshotId
            << "): " << parts.join(QStringLiteral(", ")) << "\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
