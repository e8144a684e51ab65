#include "app/cli/verbs/BaselineCommand.h"

#include "app/cli/command/ChangeReview.h"
#include "app/cli/command/WorkspaceAccess.h"
#include "store/ChangeStore.h"

namespace tollgate::cli {

QString BaselineCommand::summary() const
{
    return QStringLiteral(
        "Show the approved baseline, or approve a snapshot as the new baseline (every change decided).");
}

void BaselineCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("set"), QStringLiteral("Approve this snapshot as the baseline."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("approver"), QStringLiteral("Who approves (required with --set)."),
                      QStringLiteral("NAME")});
}

int BaselineCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const bool set = parser.isSet(QStringLiteral("set"));
    if (set && parser.value(QStringLiteral("approver")).trimmed().isEmpty())
        return usageError(ctx, QStringLiteral("--set needs --approver NAME"));
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(),
                                    set ? Workspace::OpenMode::ReadWrite : Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    ChangeStore store(*ws);
    if (set) {
        // The changes from the current baseline to the snapshot being approved.
        auto review = ChangeReview::load(*ws, QString(), parser.value(QStringLiteral("set")), ctx, name());
        if (!review)
            return ExitUsage;
        if (Status s =
                store.setBaseline(review->next, parser.value(QStringLiteral("approver")), review->changes);
            !s.ok()) {
            ctx.err << "tollgate-cli baseline: refused: " << s.error().toString() << "\n";
            ctx.err.flush();
            return ExitCheckFailed;
        }
    }
    auto b = store.baseline();
    if (!b)
        return inputError(ctx, b.error().toString());
    if (b->value(QLatin1String("snapshot")).toInteger() == 0)
        ctx.out
            << "no approved baseline yet (set one with: tollgate-cli baseline WS --set ID --approver NAME)\n";
    else
        ctx.out << "baseline: snapshot " << b->value(QLatin1String("snapshot")).toInteger()
                << ", approved by " << b->value(QLatin1String("approved_by")).toString() << " ("
                << b->value(QLatin1String("os_user")).toString() << ") at "
                << b->value(QLatin1String("approved_at")).toString() << "\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
