#include "app/cli/verbs/AcceptRiskCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

namespace tollgate::cli {

void AcceptRiskCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addPositionalArgument(QStringLiteral("FINDING"),
                                 QStringLiteral("A finding id as `findings` prints it, or an identity."));
    parser.addOption({QStringLiteral("by"), QStringLiteral("Who accepted the risk: the AO (required)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("reference"),
                      QStringLiteral("The acceptance or POA&M reference (required)."),
                      QStringLiteral("REF")});
    parser.addOption({QStringLiteral("expires"),
                      QStringLiteral("Expiry date, YYYY-MM-DD, today or later (required)."),
                      QStringLiteral("DATE")});
    parser.addOption(
        {QStringLiteral("reason"), QStringLiteral("The justification (required)."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("reviewer"),
                      QStringLiteral("Who records it (default: the operating-system user)."),
                      QStringLiteral("NAME")});
}

int AcceptRiskCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(ctx, QStringLiteral("expects a workspace and a finding"));
    DecisionStore::RiskAcceptance acceptance;
    acceptance.by = parser.value(QStringLiteral("by")).trimmed();
    acceptance.reference = parser.value(QStringLiteral("reference")).trimmed();
    acceptance.justification = parser.value(QStringLiteral("reason")).trimmed();
    if (acceptance.by.isEmpty())
        return usageError(ctx, QStringLiteral("--by (the AO who accepted the risk) is required"));
    if (acceptance.reference.isEmpty())
        return usageError(ctx, QStringLiteral("--reference (acceptance or POA&M reference) is required"));
    if (acceptance.justification.isEmpty())
        return usageError(ctx, QStringLiteral("--reason is required and must not be empty"));
    const QString expires = parser.value(QStringLiteral("expires")).trimmed();
    acceptance.expires = QDate::fromString(expires, Qt::ISODate);
    if (!acceptance.expires.isValid() || expires.size() != 10)
        return usageError(ctx,
                          QStringLiteral("--expires takes a date as YYYY-MM-DD (got '%1')").arg(expires));
    const QDate today = ctx.clock.nowUtc().date();
    if (acceptance.expires < today)
        return usageError(ctx, QStringLiteral("--expires %1 is in the past (today is %2)")
                                   .arg(expires, today.toString(Qt::ISODate)));

    auto ws = WorkspaceAccess::open(args.first(), Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    const QString reviewer = parser.value(QStringLiteral("reviewer")).trimmed();
    if (!reviewer.isEmpty())
        ws->setIdentity(Identity(reviewer, ctx.identity.osUser()));
    auto finding = FindingStore(*ws).find(args.at(1));
    if (!finding)
        return inputError(ctx, finding.error().toString());
    auto recorded = DecisionStore(*ws).acceptRisk({finding.value()}, acceptance);
    if (!recorded)
        return inputError(ctx, recorded.error().toString());
    const QJsonObject& f = finding.value();
    ctx.out << "finding " << f.value(QLatin1String("id")).toInteger() << " ("
            << f.value(QLatin1String("rule")).toString() << "), identity "
            << f.value(QLatin1String("identity")).toString() << "\n";
    for (const DecisionStore::Decision& d : recorded.value())
        ctx.out << "  recorded risk acceptance " << d.value << " by "
                << d.detail.value(QLatin1String("by")).toString() << ", expires "
                << d.detail.value(QLatin1String("expires")).toString() << " (the finding stays Open)\n"
                << "  recorded by " << d.reviewer << " (os user " << d.osUser << ") at " << d.decidedAt
                << "\n"
                << "  justification: " << d.justification << "\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
