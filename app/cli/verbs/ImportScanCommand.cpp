#include "app/cli/verbs/ImportScanCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "findings/ScanFormat.h"
#include "import/ScanImporter.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace tollgate::cli {

void ImportScanCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral(
            "Scan files or folders (one or more). A folder is read recursively; its files that are "
            "not a known scan format are listed as skipped."),
        QStringLiteral("FILE|DIR..."));
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
    // Folders: every regular file below, sorted; what is not a scan is skipped, not an error (a folder
    // of reports usually holds a README or the script that made them).
    QStringList files;
    for (const QString& a : args.mid(1)) {
        if (!QFileInfo(a).isDir()) {
            files << a;
            continue;
        }
        QStringList found;
        QDirIterator it(a, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        found.sort();
        for (const QString& f : std::as_const(found)) {
            if (ScanFormatDetector::detect(f))
                files << f;
            else
                ctx.err << "tollgate-cli import-scan: skipped " << f
                        << ": not a scan format Tollgate reads\n";
        }
    }
    if (files.isEmpty())
        return usageError(ctx, QStringLiteral("no scan file found in what was given"));
    const auto results = importer.importFiles(files);
    for (int i = 1; i <= files.size(); ++i) {
        const auto& r = results.at(static_cast<size_t>(i - 1));
        if (!r) {
            ctx.err << "tollgate-cli import-scan: error: " << r.error().toString()
                    << " (nothing imported from this file)\n";
            ++failures;
            continue;
        }
        const ScanImporter::Report& rep = r.value();
        if (rep.duplicateOf) {
            ctx.out << files.at(i - 1) << ": " << rep.formatName << ", identical to import "
                    << rep.duplicateOf << " against the same snapshot; nothing imported\n";
            continue;
        }
        ctx.out << files.at(i - 1) << ": " << rep.formatName << " (" << rep.tool << "), subject "
                << rep.subject << "\n";
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
