#include "app/cli/verbs/DecideCommand.h"

#include "app/cli/command/ChangeReview.h"
#include "app/cli/command/WorkspaceAccess.h"
#include "store/ChangeStore.h"

namespace tollgate::cli {

QString DecideCommand::summary() const
{
    return QStringLiteral(
        "Record the ISSO's decision on a change (approve, reject, needs information, refer to the AO).");
}

void DecideCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(QStringLiteral("CHANGE"), QStringLiteral("A change id from `changes`."));
    ChangeReview::addSnapshotOptions(parser);
    parser.addOption({QStringLiteral("approve"), QStringLiteral("Approve the change.")});
    parser.addOption({QStringLiteral("reject"), QStringLiteral("Reject the change.")});
    parser.addOption({QStringLiteral("needs-info"), QStringLiteral("Ask for more information.")});
    parser.addOption(
        {QStringLiteral("refer-ao"), QStringLiteral("A significant change: refer it to the AO.")});
    parser.addOption(
        {QStringLiteral("rationale"), QStringLiteral("Why (required)."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("reviewer"), QStringLiteral("The reviewer's name (required)."),
                      QStringLiteral("NAME")});
}

int DecideCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(ctx, QStringLiteral("expects a workspace and a change id"));
    QStringList verdicts;
    for (const char* v : {"approve", "reject", "needs-info", "refer-ao"})
        if (parser.isSet(QLatin1String(v)))
            verdicts << QLatin1String(v);
    if (verdicts.size() != 1)
        return usageError(
            ctx, QStringLiteral("give exactly one of --approve, --reject, --needs-info, --refer-ao"));
    const QString verdict = verdicts.first() == QLatin1String("approve")  ? QStringLiteral("approved")
                            : verdicts.first() == QLatin1String("reject") ? QStringLiteral("rejected")
                                                                          : verdicts.first();
    if (parser.value(QStringLiteral("rationale")).trimmed().isEmpty() ||
        parser.value(QStringLiteral("reviewer")).trimmed().isEmpty())
        return usageError(ctx, QStringLiteral("--rationale and --reviewer are required"));
    auto ws = WorkspaceAccess::open(args.first(), Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    auto review = ChangeReview::load(*ws, parser, ctx, name());
    if (!review)
        return ExitUsage;
    for (const QJsonObject& c : review->changes) {
        if (c.value(QLatin1String("id")).toString() != args.at(1))
            continue;
        if (Status s =
                ChangeStore(*ws).decide(c, review->next, verdict, parser.value(QStringLiteral("rationale")),
                                        parser.value(QStringLiteral("reviewer")));
            !s.ok())
            return inputError(ctx, s.error().toString());
        ctx.out << args.at(1) << ": " << verdict << " by "
                << parser.value(QStringLiteral("reviewer")).trimmed() << " (" << ws->identity().osUser()
                << ", " << ws->nowText() << "): " << c.value(QLatin1String("summary")).toString() << "\n";
        ctx.out.flush();
        return ExitOk;
    }
    return inputError(ctx, QStringLiteral("no change %1 between snapshots %2 and %3")
                               .arg(args.at(1))
                               .arg(review->base)
                               .arg(review->next));
}

} // namespace tollgate::cli
