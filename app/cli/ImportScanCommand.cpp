#include "ImportScanCommand.h"

#include "ScanImporter.h"
#include "WorkspaceAccess.h"

namespace tollgate::cli {

void ImportScanCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Scan files (one or more)."),
                                 QStringLiteral("FILE..."));
    parser.addOption(
        {QStringLiteral("snapshot"),
         QStringLiteral("Snapshot id or label whose workloads the findings join (default: the latest)."),
         QStringLiteral("ID")});
}

int ImportScanCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        return usageError(ctx, QStringLiteral("expects a workspace and at least one scan file"));
    auto ws = WorkspaceAccess::open(args.first(), Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    qint64 snap = 0;
    if (parser.isSet(QStringLiteral("snapshot"))) {
        snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
        if (!snap)
            return ExitUsage;
    }
    int failures = 0;
    ScanImporter importer(*ws);
    importer.setSnapshot(snap);
    const QStringList files = args.mid(1);
    const auto results = importer.importFiles(files);
    for (int i = 1; i < args.size(); ++i) {
        const auto& r = results.at(static_cast<size_t>(i - 1));
        if (!r) {
            ctx.err << "tollgate-cli import-scan: error: " << r.error().toString()
                    << " (nothing imported from this file)\n";
            ++failures;
            continue;
        }
        const ScanImporter::Report& rep = r.value();
        if (rep.duplicateOf) {
            ctx.out << args.at(i) << ": " << rep.formatName << ", identical to import " << rep.duplicateOf
                    << " against the same snapshot; nothing imported\n";
            continue;
        }
        ctx.out << args.at(i) << ": " << rep.formatName << " (" << rep.tool << "), subject " << rep.subject
                << "\n";
        if (ScanFormatDetector::isSbom(rep.format)) {
            ctx.out << "  " << rep.packages << " packages, " << rep.findings
                    << " findings (an SBOM is an inventory)\n";
        } else {
            ctx.out << "  " << rep.findings << " findings imported: " << rep.joined << " joined, "
                    << rep.notJoined << " not joined";
            if (rep.snapshotId == 0)
                ctx.out << " (the workspace has no snapshot to join to)";
            else
                ctx.out << " to snapshot " << rep.snapshotId;
            ctx.out << "\n";
            if (!rep.notJoinedSample.isEmpty())
                ctx.out << "  not joined: " << rep.notJoinedSample.join(QStringLiteral(", "))
                        << (rep.notJoined > rep.notJoinedSample.size() ? QStringLiteral(", ...") : QString())
                        << "\n";
        }
        if (rep.supersedes > 0)
            ctx.out << "  supersedes import " << rep.supersedes << ": " << rep.newCount << " new, "
                    << rep.persisting << " still present, " << rep.closed << " closed\n";
        for (const QString& n : rep.notes)
            ctx.out << "  note: " << n << "\n";
        ctx.out << "  import " << rep.importId << "\n";
    }
    ctx.out.flush();
    ctx.err.flush();
    return failures == 0 ? ExitOk : ExitUsage;
}

} // namespace tollgate::cli
