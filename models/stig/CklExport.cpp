#include "stig/CklExport.h"

#include "base/Logging.h"
#include "controls/ControlRunner.h"
#include "findings/Severity.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QHash>
#include <QMap>
#include <QUuid>

namespace tollgate {

namespace {

// Fixed namespace of Tollgate's checklist UUIDs (v5): the same export gives the same ids.
const QUuid kUuidNamespace(QStringLiteral("{6f1c2f64-6d0e-4b6a-9a57-0e4f1c7c2b31}"));

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QString statusOf(const QJsonObject& row)
{
    return row.contains(QLatin1String("review_status")) ? str(row, "review_status") : str(row, "status");
}

int effectiveCat(const QJsonObject& row)
{
    const QString override = str(row, "severity_override");
    const int cat = override.isEmpty() ? 0 : Severity::parseCat(override);
    return cat != 0 ? cat : row.value(QLatin1String("severity_cat")).toInt();
}

QString line(const DecisionStore::Decision& d, const QString& subject)
{
    QString what = d.kind == QLatin1String("risk")
                       ? QStringLiteral("risk accepted by %1, reference %2, until %3")
                             .arg(d.detail.value(QLatin1String("by")).toString(), d.value,
                                  d.detail.value(QLatin1String("expires")).toString())
                   : d.kind == QLatin1String("severity") ? QStringLiteral("severity %1").arg(d.value)
                                                         : QStringLiteral("status %1").arg(d.value);
    return QStringLiteral("%1 %2 (%3) on %4: %5. %6")
        .arg(d.decidedAt, d.reviewer, d.osUser, subject, what, d.justification.trimmed());
}

struct Mapping
{
    const Control* control = nullptr;
    Control::Disa disa;
};

} // namespace

int CklExport::catOf(const QString& severity)
{
    const QString s = severity.trimmed().toLower();
    if (s == QLatin1String("high"))
        return 1;
    if (s == QLatin1String("medium"))
        return 2;
    if (s == QLatin1String("low"))
        return 3;
    return 0;
}

QString CklExport::severityOf(int cat)
{
    switch (cat) {
    case 1:
        return QStringLiteral("high");
    case 2:
        return QStringLiteral("medium");
    case 3:
        return QStringLiteral("low");
    default:
        return {};
    }
}

Result<StigChecklist> CklExport::build(Workspace& ws, const StigBenchmark& benchmark,
                                       const ControlCatalog& catalog, const Options& options)
{
    auto info = SnapshotStore(ws).resolve(options.snapshotId);
    if (!info)
        return info.error();
    const qint64 snap = info->id;
    // The controls as they stand: an identical earlier run is reused, not repeated.
    auto run = ControlRunner(ws, catalog, options.tailoring).run(snap);
    if (!run)
        return run.error();
    FindingStore::Filter filter;
    filter.snapshotId = snap;
    filter.source = QStringLiteral("tollgate");
    auto rows = FindingStore(ws).findings(filter);
    if (!rows)
        return rows.error();
    QHash<QString, QList<QJsonObject>> byControl;
    for (const QJsonObject& r : rows.value())
        if (r.value(QLatin1String("import")).toInteger() == run->importId)
            byControl[str(r, "rule")] << r;
    const DecisionStore decisions(static_cast<const Workspace&>(ws));
    auto effective = decisions.effectiveAll();
    if (!effective)
        return effective.error();

    // V-ID -> the catalog's mappings to it, exact or related.
    QHash<QString, QList<Mapping>> mappings;
    for (const Control& c : catalog.controls())
        for (const Control::Disa& d : c.disa)
            mappings[d.id] << Mapping{&c, d};

    StigChecklist out;
    out.asset.hostName = info->cluster;
    out.asset.marking = options.marking;
    out.asset.techArea = QStringLiteral("Other Review");
    out.asset.comment =
        QStringLiteral("Tollgate snapshot %1 \"%2\" (sha256 %3), imported %4; controls run %5 "
                       "(%6, catalog %7)")
            .arg(QString::number(snap), info->label, info->digest, info->importedAt,
                 QString::number(run->importId), QLatin1String(ControlRunner::Version),
                 QString::fromLatin1(catalog.digest().left(12)));
    out.benchmarkId = benchmark.id();
    out.benchmarkTitle = benchmark.title();
    out.benchmarkDescription = benchmark.description();
    out.version = benchmark.version();
    out.releaseInfo = benchmark.releaseInfo();
    out.fileName = benchmark.fileName();
    out.createdAt = ws.nowText();
    out.checklistUuid =
        QUuid::createUuidV5(
            kUuidNamespace,
            QStringLiteral("checklist|%1|%2|%3").arg(info->cluster, info->digest, benchmark.label()))
            .toString(QUuid::WithoutBraces);
    out.stigUuid = QUuid::createUuidV5(kUuidNamespace,
                                       QStringLiteral("stig|%1|%2").arg(out.checklistUuid, benchmark.label()))
                       .toString(QUuid::WithoutBraces);

    int decided = 0;
    for (const StigBenchmark::Rule& rule : benchmark.rules()) {
        StigChecklist::Entry e;
        e.rule = rule;
        QStringList comments;
        QStringList related;
        // A copy that outlives the loop: `exact` points into it.
        const QList<Mapping> ruleMappings = mappings.value(rule.vulnId);
        const Mapping* exact = nullptr;
        for (const Mapping& m : ruleMappings) {
            if (!m.disa.exact) {
                QMap<QString, int> counts;
                for (const QJsonObject& r : byControl.value(m.control->id))
                    counts[statusOf(r)]++;
                QStringList parts;
                for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                    parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
                related << QStringLiteral("%1 (%2)").arg(m.control->id,
                                                         parts.isEmpty() ? QStringLiteral("no result")
                                                                         : parts.join(QStringLiteral(", ")));
                continue;
            }
            if (m.disa.rule != rule.ruleId) {
                comments << QStringLiteral(
                                "Not reviewed: Tollgate's control %1 was judged to be exactly this "
                                "rule's check for %2, and this benchmark has %3; re-judge the "
                                "mapping in the control catalog.")
                                .arg(m.control->id, m.disa.rule, rule.ruleId);
                continue;
            }
            exact = &m;
        }
        if (!related.isEmpty())
            comments << QStringLiteral(
                            "Not reviewed by Tollgate: related control(s) %1 check the same concern "
                            "but not exactly this rule's check, so their result is not carried "
                            "over.")
                            .arg(related.join(QStringLiteral("; ")));
        if (exact) {
            const Control& control = *exact->control;
            QStringList uncovered;
            for (const QString& ns : options.tailoring.exemptNamespaces)
                if (!exact->disa.notInNamespaces.contains(ns))
                    uncovered << ns;
            QList<QJsonObject> results;
            int outside = 0;
            for (const QJsonObject& r : byControl.value(control.id)) {
                if (exact->disa.notInNamespaces.contains(str(r, "namespace")))
                    ++outside;
                else
                    results << r;
            }
            QList<QJsonObject> open;
            QList<QJsonObject> pass;
            for (const QJsonObject& r : std::as_const(results)) {
                const QString s = statusOf(r);
                if (s == QLatin1String("Open"))
                    open << r;
                else if (s == QLatin1String("NotAFinding"))
                    pass << r;
            }
            if (options.tailoring.notApplicable.contains(control.id)) {
                comments.prepend(QStringLiteral("Not reviewed: the program's tailoring switches Tollgate's "
                                                "control %1 off (%2).")
                                     .arg(control.id, options.tailoring.notApplicable.value(control.id)));
            } else if (!uncovered.isEmpty()) {
                comments.prepend(QStringLiteral("Not reviewed: the tailoring exempts namespace(s) %1 from "
                                                "Tollgate's control %2, and this rule's check covers them.")
                                     .arg(uncovered.join(QStringLiteral(", ")), control.id));
            } else if (open.isEmpty() && pass.isEmpty()) {
                comments.prepend(
                    QStringLiteral("Not reviewed: Tollgate's control %1 has no Open or NotAFinding "
                                   "result on this snapshot (nothing it could check).")
                        .arg(control.id));
            } else {
                ++decided;
                e.status = open.isEmpty() ? QStringLiteral("NotAFinding") : QStringLiteral("Open");
                QStringList details;
                details << QStringLiteral(
                               "Tollgate control %1 (\"%2\"), whose check is this rule's check, on "
                               "snapshot %3 \"%4\" of cluster %5: %6 Open, %7 NotAFinding.")
                               .arg(control.id, control.title, QString::number(snap), info->label,
                                    info->cluster)
                               .arg(open.size())
                               .arg(pass.size());
                if (outside > 0)
                    details << QStringLiteral("%1 result(s) in %2 left out: this rule's check does not cover "
                                              "those namespaces.")
                                   .arg(outside)
                                   .arg(exact->disa.notInNamespaces.join(QStringLiteral(", ")));
                for (const QJsonObject& r : std::as_const(open))
                    details << QStringLiteral("\nOpen: %1 (%2)\n%3")
                                   .arg(str(r, "subject"), str(r, "position"), str(r, "evidence").trimmed());
                if (!pass.isEmpty()) {
                    details << QStringLiteral("\nNotAFinding:");
                    for (const QJsonObject& r : std::as_const(pass))
                        details << QStringLiteral("- %1").arg(
                            str(r, "evidence").section(QLatin1Char('\n'), 0, 0).trimmed());
                }
                e.findingDetails = details.join(QLatin1Char('\n'));
                // The rule's severity is that of its worst Open result, after the reviewer's overrides.
                const int stigCat = catOf(rule.severity);
                int worst = 0;
                QStringList why;
                for (const QJsonObject& r : std::as_const(open)) {
                    const int cat = effectiveCat(r);
                    if (worst == 0 || cat < worst)
                        worst = cat;
                    const auto eff = effective->constFind(str(r, "identity"));
                    if (!str(r, "severity_override").isEmpty() && eff != effective->constEnd())
                        why << QStringLiteral("%1: %2 (was %3): %4 (%5, %6)")
                                   .arg(str(r, "subject"), eff->severity.value, str(r, "severity"),
                                        eff->severity.justification.trimmed(), eff->severity.reviewer,
                                        eff->severity.decidedAt);
                }
                if (worst != 0 && stigCat != 0 && worst != stigCat) {
                    e.severityOverride = severityOf(worst);
                    e.severityJustification = why.join(QLatin1Char('\n'));
                }
            }
            // The review history of every result that decides the rule.
            for (const QJsonObject& r : std::as_const(results)) {
                const QString identity = str(r, "identity");
                if (!effective->contains(identity))
                    continue;
                auto history = decisions.history(identity);
                if (!history)
                    return history.error();
                for (const DecisionStore::Decision& d : history.value())
                    comments << line(d, str(r, "subject"));
                const QJsonObject risk = r.value(QLatin1String("risk")).toObject();
                if (!risk.isEmpty() && risk.value(QLatin1String("expired")).toBool())
                    comments << QStringLiteral("The risk acceptance of %1 (%2) EXPIRED on %3.")
                                    .arg(str(r, "subject"), str(risk, "reference"), str(risk, "expires"));
            }
        }
        e.comments = comments.join(QLatin1Char('\n'));
        out.entries << e;
    }
    qCInfo(lcExport) << "checklist of" << info->cluster << "snapshot" << snap << ":" << out.entries.size()
                     << "rules," << decided << "with a status";
    return out;
}

} // namespace tollgate
