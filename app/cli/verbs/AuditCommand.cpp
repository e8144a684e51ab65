#include "app/cli/verbs/AuditCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"
#include "store/AuditLog.h"

namespace tollgate::cli {

QString AuditCommand::summary() const
{
    return QStringLiteral(
        "List the audit log; --verify checks its hash chain and names the first broken entry.");
}

void AuditCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption(
        {QStringLiteral("verify"), QStringLiteral("Check the hash chain; exit 1 when it is broken.")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
}

int AuditCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
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
    if (parser.isSet(QStringLiteral("verify"))) {
        const AuditLog::Verification v = AuditLog::verify(*ws);
        if (!v.ok) {
            ctx.out << "audit log BROKEN at entry " << v.firstBroken << ": " << v.reason << "\n";
            ctx.out.flush();
            return ExitCheckFailed;
        }
        ctx.out << "audit log verifies: " << v.entries << " entries, newest hash " << v.head << "\n";
        ctx.out.flush();
        return ExitOk;
    }
    auto entries = AuditLog::entries(*ws);
    if (!entries)
        return inputError(ctx, entries.error().toString());
    QList<QJsonObject> rows;
    for (const AuditLog::Entry& e : entries.value())
        rows << QJsonObject{{QStringLiteral("seq"), e.seq},       {QStringLiteral("at"), e.at},
                            {QStringLiteral("actor"), e.actor},   {QStringLiteral("os_user"), e.osUser},
                            {QStringLiteral("action"), e.action}, {QStringLiteral("subject"), e.subject},
                            {QStringLiteral("detail"), e.detail}, {QStringLiteral("hash"), e.hash}};
    if (fmt == QLatin1String("json"))
        ctx.out << TabularFormat::json(rows);
    else
        ctx.out << TabularFormat::table(rows, {{QStringLiteral("seq"), QStringLiteral("SEQ")},
                                               {QStringLiteral("at"), QStringLiteral("AT")},
                                               {QStringLiteral("actor"), QStringLiteral("ACTOR")},
                                               {QStringLiteral("action"), QStringLiteral("ACTION")},
                                               {QStringLiteral("subject"), QStringLiteral("SUBJECT")},
                                               {QStringLiteral("detail"), QStringLiteral("DETAIL")}});
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
