#include "app/cli/verbs/ReviewCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "findings/Severity.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

namespace tollgate::cli {

void ReviewCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(QStringLiteral("FINDING"),
                                 QStringLiteral("A finding id as `findings` prints it, or an identity."));
    parser.addOption({QStringLiteral("status"),
                      QStringLiteral("Open, NotAFinding, Not_Applicable or Not_Reviewed."),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("severity"),
                      QStringLiteral("Override the severity: I, II or III (the original is kept)."),
                      QStringLiteral("CAT")});
    parser.addOption(
        {QStringLiteral("reason"), QStringLiteral("The justification (required)."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("reviewer"), QStringLiteral("The reviewer's name (required)."),
                      QStringLiteral("NAME")});
}

int ReviewCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(ctx, QStringLiteral("expects a workspace and a finding"));
    DecisionStore::Review review;
    if (parser.isSet(QStringLiteral("status"))) {
        review.status = DecisionStore::canonicalStatus(parser.value(QStringLiteral("status")));
        if (review.status.isEmpty())
            return usageError(ctx, QStringLiteral("--status takes one of: %1")
                                       .arg(DecisionStore::statuses().join(QStringLiteral(", "))));
    }
    if (parser.isSet(QStringLiteral("severity"))) {
        review.severityCat = Severity::parseCat(parser.value(QStringLiteral("severity")));
        if (review.severityCat == 0)
            return usageError(ctx, QStringLiteral("--severity takes I, II or III (CAT I, 1, ...)"));
    }
    if (review.status.isEmpty() && review.severityCat == 0)
        return usageError(ctx, QStringLiteral("give --status, --severity or both"));
    review.justification = parser.value(QStringLiteral("reason")).trimmed();
    if (review.justification.isEmpty())
        return usageError(ctx, QStringLiteral("--reason is required and must not be empty"));
    const QString reviewer = parser.value(QStringLiteral("reviewer")).trimmed();
    if (reviewer.isEmpty())
        return usageError(ctx, QStringLiteral("--reviewer is required and must not be empty"));

    auto ws = WorkspaceAccess::open(args.first(), Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    ws->setIdentity(Identity(reviewer, ctx.identity.osUser()));
    auto finding = FindingStore(*ws).find(args.at(1));
    if (!finding)
        return inputError(ctx, finding.error().toString());
    auto recorded = DecisionStore(*ws).review({finding.value()}, review);
    if (!recorded)
        return inputError(ctx, recorded.error().toString());
    const QJsonObject& f = finding.value();
    ctx.out << "finding " << f.value(QLatin1String("id")).toInteger() << " ("
            << f.value(QLatin1String("rule")).toString() << "), identity "
            << f.value(QLatin1String("identity")).toString() << "\n";
    for (const DecisionStore::Decision& d : recorded.value()) {
        if (d.kind == QLatin1String("status"))
            ctx.out << "  recorded status " << d.value << " (was "
                    << d.detail.value(QLatin1String("previous")).toString() << ")\n";
        else
            ctx.out << "  recorded severity " << d.value << " (original "
                    << d.detail.value(QLatin1String("original")).toString() << ", the tool said "
                    << d.detail.value(QLatin1String("severity_original")).toString() << ")\n";
    }
    if (!recorded->isEmpty()) {
        const DecisionStore::Decision& d = recorded->first();
        ctx.out << "  by " << d.reviewer << " (os user " << d.osUser << ") at " << d.decidedAt << "\n"
                << "  justification: " << d.justification << "\n";
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
