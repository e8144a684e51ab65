#include "app/cli/verbs/SnapshotsCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"
#include "store/SnapshotStore.h"

namespace tollgate::cli {

void SnapshotsCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
}

int SnapshotsCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt = format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json")});
    if (fmt.isEmpty())
        return ExitUsage;
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    auto list = SnapshotStore(*ws).list();
    if (!list)
        return inputError(ctx, list.error().toString());
    QList<QJsonObject> rows;
    for (const SnapshotInfo& s : list.value()) {
        QJsonObject o;
        o.insert(QLatin1String("id"), s.id);
        o.insert(QLatin1String("label"), s.label);
        o.insert(QLatin1String("cluster"), s.cluster);
        o.insert(QLatin1String("imported_at"), s.importedAt);
        o.insert(QLatin1String("imported_by"), s.importedBy);
        o.insert(QLatin1String("os_user"), s.osUser);
        o.insert(QLatin1String("digest"), s.digest);
        o.insert(QLatin1String("objects"), s.objectCount);
        o.insert(QLatin1String("skipped"), s.skippedCount);
        rows << o;
    }
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(rows);
        return ExitOk;
    }
    if (rows.isEmpty()) {
        ctx.out << "no snapshots yet; import one with: tollgate-cli import WS PATH\n";
        return ExitOk;
    }
    for (QJsonObject& r : rows)
        r.insert(QLatin1String("digest"), r.value(QLatin1String("digest")).toString().left(16));
    ctx.out << TabularFormat::table(rows, {{QStringLiteral("id"), QStringLiteral("ID")},
                                           {QStringLiteral("label"), QStringLiteral("LABEL")},
                                           {QStringLiteral("cluster"), QStringLiteral("CLUSTER")},
                                           {QStringLiteral("imported_at"), QStringLiteral("IMPORTED (UTC)")},
                                           {QStringLiteral("imported_by"), QStringLiteral("BY")},
                                           {QStringLiteral("objects"), QStringLiteral("OBJECTS")},
                                           {QStringLiteral("skipped"), QStringLiteral("SKIPPED")},
                                           {QStringLiteral("digest"), QStringLiteral("DIGEST")}});
    return ExitOk;
}

} // namespace tollgate::cli
