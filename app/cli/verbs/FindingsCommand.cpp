#include "app/cli/verbs/FindingsCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "findings/Severity.h"
#include "io/TabularFormat.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

#include <QRegularExpression>

namespace tollgate::cli {

void FindingsCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Only scans imported against this snapshot."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("source"),
                      QStringLiteral("Only this tool (trivy, grype, trivy-operator, ...)."),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("severity"),
                      QStringLiteral("Only this category: I, II, III (or CAT I, 1, ...)."),
                      QStringLiteral("CAT")});
    parser.addOption(
        {QStringLiteral("status"),
         QStringLiteral("Open, NotAFinding, Not_Applicable, Not_Reviewed, closed, new or persisting."),
         QStringLiteral("S")});
    parser.addOption({QStringLiteral("workload"),
                      QStringLiteral("Only findings on workloads whose ns/Kind/name contains W."),
                      QStringLiteral("W")});
    parser.addOption({QStringLiteral("namespace"), QStringLiteral("Only findings in this namespace."),
                      QStringLiteral("NS")});
    parser.addOption({QStringLiteral("id"),
                      QStringLiteral("Only findings whose rule or identifiers contain ID (CVE, CCI, ...)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("history"),
                      QStringLiteral("Include imports superseded by a newer scan of the same subject.")});
    parser.addOption({QStringLiteral("summary"),
                      QStringLiteral("Counts per benchmark, STIG, CIS section or policy (Open, NotAFinding, "
                                     "Not_Applicable, Not_Reviewed, closed) instead of the findings.")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default), json or csv."), QStringLiteral("F")});
}

int FindingsCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt =
        format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")});
    if (fmt.isEmpty())
        return ExitUsage;
    FindingStore::Filter filter;
    if (parser.isSet(QStringLiteral("severity"))) {
        filter.cat = Severity::parseCat(parser.value(QStringLiteral("severity")));
        if (filter.cat == 0)
            return usageError(ctx, QStringLiteral("--severity takes I, II or III (CAT I, 1, ...)"));
    }
    static const QStringList statuses = {QStringLiteral("Open"),           QStringLiteral("NotAFinding"),
                                         QStringLiteral("Not_Applicable"), QStringLiteral("Not_Reviewed"),
                                         QStringLiteral("closed"),         QStringLiteral("new"),
                                         QStringLiteral("persisting")};
    if (parser.isSet(QStringLiteral("status"))) {
        filter.status = parser.value(QStringLiteral("status"));
        const bool known = std::any_of(statuses.cbegin(), statuses.cend(), [&](const QString& s) {
            return s.compare(filter.status, Qt::CaseInsensitive) == 0;
        });
        if (!known)
            return usageError(
                ctx, QStringLiteral("--status takes one of: %1").arg(statuses.join(QStringLiteral(", "))));
    }
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    if (parser.isSet(QStringLiteral("snapshot"))) {
        filter.snapshotId = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
        if (!filter.snapshotId)
            return ExitUsage;
    }
    filter.source = parser.value(QStringLiteral("source"));
    filter.workload = parser.value(QStringLiteral("workload"));
    filter.ns = parser.value(QStringLiteral("namespace"));
    filter.identifier = parser.value(QStringLiteral("id"));
    filter.history = parser.isSet(QStringLiteral("history"));
    auto rows = FindingStore(*ws).findings(filter);
    if (!rows)
        return inputError(ctx, rows.error().toString());
    using Col = TabularFormat::Column;
    if (parser.isSet(QStringLiteral("summary"))) {
        const QList<QJsonObject> groups = FindingStore::summarise(rows.value());
        const QList<Col> cols = {{QStringLiteral("group"), QStringLiteral("GROUP")},
                                 {QStringLiteral("source"), QStringLiteral("SOURCE")},
                                 {QStringLiteral("Open"), QStringLiteral("OPEN")},
                                 {QStringLiteral("NotAFinding"), QStringLiteral("NOTAFINDING")},
                                 {QStringLiteral("Not_Applicable"), QStringLiteral("NOT_APPLICABLE")},
                                 {QStringLiteral("Not_Reviewed"), QStringLiteral("NOT_REVIEWED")},
                                 {QStringLiteral("closed"), QStringLiteral("CLOSED")},
                                 {QStringLiteral("total"), QStringLiteral("TOTAL")},
                                 {QStringLiteral("subject"), QStringLiteral("SUBJECT")}};
        if (fmt == QLatin1String("json"))
            ctx.out << TabularFormat::json(groups);
        else if (fmt == QLatin1String("csv"))
            ctx.out << TabularFormat::csv(groups, cols);
        else
            ctx.out << TabularFormat::table(groups, cols);
        ctx.out.flush();
        return ExitOk;
    }
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(rows.value());
    } else if (fmt == QLatin1String("csv")) {
        const QList<Col> cols = {{QStringLiteral("id"), QStringLiteral("id")},
                                 {QStringLiteral("severity"), QStringLiteral("severity")},
                                 {QStringLiteral("severity_original"), QStringLiteral("severity_original")},
                                 {QStringLiteral("status"), QStringLiteral("status")},
                                 {QStringLiteral("lifecycle"), QStringLiteral("lifecycle")},
                                 {QStringLiteral("source"), QStringLiteral("source")},
                                 {QStringLiteral("category"), QStringLiteral("category")},
                                 {QStringLiteral("rule"), QStringLiteral("rule")},
                                 {QStringLiteral("title"), QStringLiteral("title")},
                                 {QStringLiteral("package"), QStringLiteral("package")},
                                 {QStringLiteral("installed_version"), QStringLiteral("installed_version")},
                                 {QStringLiteral("fixed_version"), QStringLiteral("fixed_version")},
                                 {QStringLiteral("subject"), QStringLiteral("subject")},
                                 {QStringLiteral("image_digest"), QStringLiteral("image_digest")},
                                 {QStringLiteral("joined_workloads"), QStringLiteral("joined_workloads")},
                                 {QStringLiteral("file"), QStringLiteral("file")},
                                 {QStringLiteral("position"), QStringLiteral("position")},
                                 {QStringLiteral("review_status"), QStringLiteral("review_status")},
                                 {QStringLiteral("severity_override"), QStringLiteral("severity_override")},
                                 {QStringLiteral("review_flags"), QStringLiteral("review_flags")}};
        QList<QJsonObject> shown = rows.value();
        for (QJsonObject& o : shown)
            o.insert(QStringLiteral("review_flags"), DecisionStore::flags(o));
        ctx.out << TabularFormat::csv(shown, cols);
    } else {
        QList<QJsonObject> shown = rows.value();
        for (QJsonObject& o : shown) {
            const QStringList joined = o.value(QLatin1String("joined_workloads")).toVariant().toStringList();
            // Digests are long: the table shows their first 12 hex digits (JSON and CSV keep them whole).
            static const QRegularExpression digest(QStringLiteral("@sha256:([0-9a-f]{12})[0-9a-f]+"));
            o.insert(QStringLiteral("subject"), o.value(QLatin1String("subject"))
                                                    .toString()
                                                    .replace(digest, QStringLiteral("@sha256:\\1...")));
            o.insert(QStringLiteral("joined_to"),
                     joined.isEmpty() ? QStringLiteral("(not joined)") : joined.join(QStringLiteral(", ")));
            o.insert(QStringLiteral("review_flags"), DecisionStore::flags(o));
        }
        const QList<Col> cols = {{QStringLiteral("id"), QStringLiteral("ID")},
                                 {QStringLiteral("severity"), QStringLiteral("CAT")},
                                 {QStringLiteral("review_status"), QStringLiteral("STATUS")},
                                 {QStringLiteral("source"), QStringLiteral("SOURCE")},
                                 {QStringLiteral("rule"), QStringLiteral("RULE")},
                                 {QStringLiteral("package"), QStringLiteral("PACKAGE")},
                                 {QStringLiteral("subject"), QStringLiteral("SUBJECT")},
                                 {QStringLiteral("joined_to"), QStringLiteral("JOINED TO")},
                                 {QStringLiteral("review_flags"), QStringLiteral("REVIEW")}};
        ctx.out << TabularFormat::table(shown, cols);
        ctx.out << rows->size() << " findings\n";
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
