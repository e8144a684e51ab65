#include "app/cli/verbs/ImportCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "import/SnapshotImporter.h"

namespace tollgate::cli {

void ImportCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Manifest directories, files or .tar.gz."),
                                 QStringLiteral("PATH..."));
    parser.addOption({QStringLiteral("label"),
                      QStringLiteral("Snapshot label (default: the first path's name)."),
                      QStringLiteral("L")});
    parser.addOption(
        {QStringLiteral("cluster"), QStringLiteral("Cluster name (default: default)."), QStringLiteral("C")});
    parser.addOption(
        {QStringLiteral("skip-invalid"),
         QStringLiteral("Skip invalid documents instead of failing; each is recorded with the snapshot.")});
}

int ImportCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    QStringList pos = parser.positionalArguments();
    if (pos.size() < 2)
        return usageError(ctx, QStringLiteral("expects a workspace and at least one path"));
    const QString wsPath = pos.takeFirst();
    auto ws = WorkspaceAccess::open(wsPath, Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    SnapshotImporter::Options opt;
    opt.label = parser.value(QStringLiteral("label"));
    opt.cluster = parser.value(QStringLiteral("cluster"));
    opt.skipInvalid = parser.isSet(QStringLiteral("skip-invalid"));
    SnapshotImporter importer(*ws, opt);
    auto report = importer.run(pos);
    if (!report)
        return inputError(ctx, report.error().toString());
    for (const Error& w : report->warnings)
        ctx.err << "warning: " << w.toString() << "\n";
    if (report->duplicateOf) {
        ctx.err << "warning: identical content (digest " << report->digest
                << ") was already imported as snapshot " << report->duplicateOf << "; nothing imported\n";
        ctx.out << report->duplicateOf << "\n";
        return ExitOk;
    }
    ctx.err << "imported " << report->objects << " objects (" << report->workloads << " workloads) from "
            << report->files << " file(s)";
    if (!report->skipped.isEmpty())
        ctx.err << ", skipped " << report->skipped.size() << " document(s) (recorded with the snapshot)";
    ctx.err << "\n";
    ctx.out << report->snapshotId << "\n";
    return ExitOk;
}

} // namespace tollgate::cli
