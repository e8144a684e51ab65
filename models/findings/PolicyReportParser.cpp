#include "findings/PolicyReportParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "kube/ManifestParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tollgate {

namespace {

Result<QList<ManifestDocument>> readObjects(const QString& path, const QString& apiGroupPrefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    auto parsed = ManifestParser::parse(path, file.readAll(), ManifestParser::Mode::Strict);
    if (!parsed.ok())
        return parsed.error();
    QList<ManifestDocument> out;
    for (const ManifestDocument& doc : parsed->objects)
        if (doc.body.value(QLatin1String("apiVersion")).toString().startsWith(apiGroupPrefix))
            out << doc;
    return out;
}

// wg-policy results: pass, fail, warn (a violation the policy only warns about), error (the policy
// could not be evaluated), skip.
QString resultOf(const QString& result)
{
    const QString r = result.toLower();
    if (r == QLatin1String("pass"))
        return QStringLiteral("NotAFinding");
    if (r == QLatin1String("fail") || r == QLatin1String("warn"))
        return QStringLiteral("Open");
    if (r == QLatin1String("skip"))
        return QStringLiteral("Not_Applicable");
    return QStringLiteral("Not_Reviewed");
}

QString keyOf(const QJsonObject& resource, const QString& fallbackNs)
{
    QString ns = resource.value(QLatin1String("namespace")).toString();
    if (ns.isEmpty())
        ns = fallbackNs;
    const QString kind = resource.value(QLatin1String("kind")).toString();
    const QString name = resource.value(QLatin1String("name")).toString();
    if (kind.isEmpty() || name.isEmpty())
        return {};
    return (ns.isEmpty() ? QString() : ns + QLatin1Char('/')) + kind + QLatin1Char('/') + name;
}

} // namespace

Status PolicyReportParser::parsePolicyReports(const QString& path, ScanSink& sink)
{
    auto reports = readObjects(path, QStringLiteral("wgpolicyk8s.io/"));
    if (!reports)
        return reports.error();
    if (reports->isEmpty())
        return Error(path, 0, QStringLiteral("no PolicyReport or ClusterPolicyReport in the file"));
    ScanSubject subject;
    subject.kind = QStringLiteral("cluster");
    const QJsonObject first = reports->first().body;
    subject.tool = first.value(QLatin1String("source")).toString();
    if (subject.tool.isEmpty() && !first.value(QLatin1String("results")).toArray().isEmpty())
        subject.tool = first.value(QLatin1String("results"))
                           .toArray()
                           .first()
                           .toObject()
                           .value(QLatin1String("source"))
                           .toString();
    if (subject.tool.isEmpty())
        subject.tool = QStringLiteral("policy-report");
    if (reports->size() == 1) {
        const QJsonObject meta = first.value(QLatin1String("metadata")).toObject();
        const QString ns = meta.value(QLatin1String("namespace")).toString();
        subject.display = first.value(QLatin1String("kind")).toString() + QLatin1Char(' ') +
                          (ns.isEmpty() ? QString() : ns + QLatin1Char('/')) +
                          meta.value(QLatin1String("name")).toString();
        subject.key = QStringLiteral("policy-report:") + subject.display;
    } else {
        subject.display = QStringLiteral("%1 policy reports").arg(reports->size());
        subject.key = QStringLiteral("policy-report:cluster");
    }
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    for (const ManifestDocument& doc : std::as_const(reports.value())) {
        const QJsonObject body = doc.body;
        const QString reportKind = body.value(QLatin1String("kind")).toString();
        const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
        const QString reportNs = meta.value(QLatin1String("namespace")).toString();
        const QString reportName = meta.value(QLatin1String("name")).toString();
        const QJsonObject scope = body.value(QLatin1String("scope")).toObject();
        const QJsonValue resultsValue = body.value(QLatin1String("results"));
        if (!resultsValue.isUndefined() && !resultsValue.isNull() && !resultsValue.isArray())
            return Error(doc.file, doc.line,
                         QStringLiteral("%1 %2: results is not a list").arg(reportKind, reportName));
        const QJsonArray results = resultsValue.toArray();
        for (int i = 0; i < results.size(); ++i) {
            if (!results.at(i).isObject())
                return Error(
                    doc.file, doc.line,
                    QStringLiteral("%1 %2: results[%3] is not an object").arg(reportKind, reportName).arg(i));
            const QJsonObject r = results.at(i).toObject();
            QList<QJsonObject> resources;
            for (const QJsonValue& v : r.value(QLatin1String("resources")).toArray())
                resources << v.toObject();
            if (resources.isEmpty())
                resources << scope; // the new form: one report per resource; or none (cluster-wide)
            for (int k = 0; k < resources.size(); ++k) {
                Finding f;
                f.source = r.value(QLatin1String("source")).toString();
                if (f.source.isEmpty())
                    f.source = subject.tool;
                f.category = QStringLiteral("policy");
                const QString policy = r.value(QLatin1String("policy")).toString();
                const QString rule = r.value(QLatin1String("rule")).toString();
                if (policy.isEmpty())
                    return Error(doc.file, doc.line,
                                 QStringLiteral("%1 %2: results[%3] names no policy")
                                     .arg(reportKind, reportName)
                                     .arg(i));
                f.ruleId = rule.isEmpty() ? policy : policy + QLatin1Char('/') + rule;
                f.title =
                    r.value(QLatin1String("message")).toString().section(QLatin1Char('\n'), 0, 0).left(200);
                if (f.title.isEmpty())
                    f.title = f.ruleId;
                f.result = resultOf(r.value(QLatin1String("result")).toString());
                f.severityOriginal = r.value(QLatin1String("severity")).toString();
                if (f.severityOriginal.isEmpty())
                    f.severityOriginal = QStringLiteral("unrated");
                f.severityCat = Severity::catFor(f.severityOriginal);
                f.identifiers.insert(QStringLiteral("policy"), policy);
                if (!rule.isEmpty())
                    f.identifiers.insert(QStringLiteral("rule"), rule);
                const QString category = r.value(QLatin1String("category")).toString();
                if (!category.isEmpty())
                    f.identifiers.insert(QStringLiteral("category"), category);
                const QJsonObject props = r.value(QLatin1String("properties")).toObject();
                if (!props.isEmpty())
                    f.identifiers.insert(QStringLiteral("properties"), props);
                f.evidence = QStringLiteral("%1 (%2)").arg(r.value(QLatin1String("message")).toString(),
                                                           r.value(QLatin1String("result")).toString());
                const QString key = keyOf(resources.at(k), reportNs);
                if (!key.isEmpty()) {
                    f.workloadKey = key;
                    f.ns = key.count(QLatin1Char('/')) == 2 ? key.section(QLatin1Char('/'), 0, 0) : QString();
                    f.subjectKind = QStringLiteral("workload");
                    f.subject = key;
                } else {
                    f.ns = reportNs;
                    f.subjectKind =
                        reportNs.isEmpty() ? QStringLiteral("cluster") : QStringLiteral("namespace");
                    f.subject = reportNs.isEmpty() ? QStringLiteral("cluster") : reportNs;
                }
                f.position = QStringLiteral("%1 %2 (line %3), results[%4]")
                                 .arg(reportKind, reportName)
                                 .arg(doc.line)
                                 .arg(i) +
                             (resources.size() > 1 ? QStringLiteral(".resources[%1]").arg(k) : QString());
                f.line = doc.line;
                if (Status s = sink.finding(std::move(f)); !s.ok())
                    return s;
            }
        }
        const QJsonObject summary = body.value(QLatin1String("summary")).toObject();
        const int summarised =
            summary.value(QLatin1String("pass")).toInt() + summary.value(QLatin1String("fail")).toInt() +
            summary.value(QLatin1String("warn")).toInt() + summary.value(QLatin1String("error")).toInt() +
            summary.value(QLatin1String("skip")).toInt();
        if (summarised > results.size())
            sink.note(QStringLiteral("%1 %2: its summary counts %3 results but it lists %4 (capped or "
                                     "trimmed: absent results are not evidence)")
                          .arg(reportKind, reportName)
                          .arg(summarised)
                          .arg(results.size()));
    }
    return {};
}

Status PolicyReportParser::parseGatekeeper(const QString& path, ScanSink& sink)
{
    // The audit log: one violation_audited event per line (or one JSON object).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray head = file.peek(4096).trimmed();
    if (head.startsWith('{') && head.contains("\"event_type\"")) {
        const QByteArray all = file.readAll();
        QList<QPair<int, QJsonObject>> events;
        QJsonParseError err{};
        const QJsonDocument whole = QJsonDocument::fromJson(all, &err);
        if (err.error == QJsonParseError::NoError && whole.isObject()) {
            events.append({1, whole.object()});
        } else {
            int lineNo = 0;
            for (const QByteArray& line : all.split('\n')) {
                ++lineNo;
                if (line.trimmed().isEmpty())
                    continue;
                const QJsonDocument d = QJsonDocument::fromJson(line, &err);
                if (err.error != QJsonParseError::NoError || !d.isObject())
                    return Error(path, lineNo,
                                 QStringLiteral("invalid JSON audit event: %1").arg(err.errorString()));
                events.append({lineNo, d.object()});
            }
        }
        ScanSubject subject;
        subject.tool = QStringLiteral("gatekeeper");
        subject.kind = QStringLiteral("cluster");
        subject.display = QStringLiteral("Gatekeeper audit %1")
                              .arg(events.first().second.value(QLatin1String("audit_id")).toString());
        subject.key = QStringLiteral("gatekeeper-audit:") +
                      events.first().second.value(QLatin1String("audit_id")).toString();
        if (Status s = sink.subject(subject); !s.ok())
            return s;
        for (const auto& [lineNo, ev] : std::as_const(events)) {
            if (ev.value(QLatin1String("event_type")).toString() != QLatin1String("violation_audited"))
                continue;
            Finding f;
            f.source = QStringLiteral("gatekeeper");
            f.category = QStringLiteral("policy");
            f.ruleId = ev.value(QLatin1String("constraint_kind")).toString() + QLatin1Char('/') +
                       ev.value(QLatin1String("constraint_name")).toString();
            f.title = ev.value(QLatin1String("msg")).toString().left(200);
            f.severityOriginal = QStringLiteral("unrated");
            f.severityCat = Severity::catFor(f.severityOriginal);
            f.identifiers.insert(QStringLiteral("constraint"), f.ruleId);
            f.identifiers.insert(QStringLiteral("enforcement"),
                                 ev.value(QLatin1String("constraint_action")).toString());
            const QString ns = ev.value(QLatin1String("resource_namespace")).toString();
            f.workloadKey = (ns.isEmpty() ? QString() : ns + QLatin1Char('/')) +
                            ev.value(QLatin1String("resource_kind")).toString() + QLatin1Char('/') +
                            ev.value(QLatin1String("resource_name")).toString();
            f.ns = ns;
            f.subjectKind = ns.isEmpty() ? QStringLiteral("cluster") : QStringLiteral("workload");
            f.subject = f.workloadKey;
            f.evidence = ev.value(QLatin1String("msg")).toString() + QStringLiteral(" (audit ") +
                         ev.value(QLatin1String("audit_id")).toString() + QStringLiteral(", action ") +
                         ev.value(QLatin1String("constraint_action")).toString() + QLatin1Char(')');
            f.position = QStringLiteral("event on line %1").arg(lineNo);
            f.line = lineNo;
            if (Status s = sink.finding(std::move(f)); !s.ok())
                return s;
        }
        return {};
    }
    file.close();

    auto constraints = readObjects(path, QStringLiteral("constraints.gatekeeper.sh/"));
    if (!constraints)
        return constraints.error();
    if (constraints->isEmpty())
        return Error(path, 0, QStringLiteral("no Gatekeeper constraint in the file"));
    ScanSubject subject;
    subject.tool = QStringLiteral("gatekeeper");
    subject.kind = QStringLiteral("cluster");
    const QJsonObject first = constraints->first().body;
    subject.display =
        constraints->size() == 1
            ? first.value(QLatin1String("kind")).toString() + QLatin1Char('/') +
                  first.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString()
            : QStringLiteral("%1 Gatekeeper constraints").arg(constraints->size());
    subject.key = QStringLiteral("gatekeeper:") + subject.display;
    subject.scannedAt =
        first.value(QLatin1String("status")).toObject().value(QLatin1String("auditTimestamp")).toString();
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    for (const ManifestDocument& doc : std::as_const(constraints.value())) {
        const QJsonObject body = doc.body;
        const QString kind = body.value(QLatin1String("kind")).toString();
        const QString name =
            body.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const QString constraint = kind + QLatin1Char('/') + name;
        const QString action = body.value(QLatin1String("spec"))
                                   .toObject()
                                   .value(QLatin1String("enforcementAction"))
                                   .toString(QStringLiteral("deny"));
        const QJsonObject status = body.value(QLatin1String("status")).toObject();
        if (!status.contains(QLatin1String("auditTimestamp")) &&
            !status.contains(QLatin1String("violations"))) {
            sink.note(QStringLiteral(
                          "%1 has no audit status (never audited, or exported without status): no result")
                          .arg(constraint));
            continue;
        }
        const QJsonValue violationsValue = status.value(QLatin1String("violations"));
        if (!violationsValue.isUndefined() && !violationsValue.isArray())
            return Error(doc.file, doc.line,
                         QStringLiteral("%1: status.violations is not a list").arg(constraint));
        const QJsonArray violations = violationsValue.toArray();
        const int total = status.contains(QLatin1String("totalViolations"))
                              ? status.value(QLatin1String("totalViolations")).toInt()
                              : static_cast<int>(violations.size());
        const bool partial = total > violations.size();
        if (partial)
            sink.note(QStringLiteral(
                          "%1: Gatekeeper listed %2 of %3 violations (--constraint-violations-limit); the "
                          "other %4 are not in this file")
                          .arg(constraint)
                          .arg(violations.size())
                          .arg(total)
                          .arg(total - violations.size()));
        auto base = [&]() {
            Finding f;
            f.source = QStringLiteral("gatekeeper");
            f.category = QStringLiteral("policy");
            f.ruleId = constraint;
            f.severityOriginal = QStringLiteral("unrated");
            f.severityCat = Severity::catFor(f.severityOriginal);
            f.identifiers.insert(QStringLiteral("constraint"), constraint);
            f.identifiers.insert(QStringLiteral("enforcement"), action);
            f.identifiers.insert(QStringLiteral("total_violations"), total);
            f.line = doc.line;
            return f;
        };
        if (violations.isEmpty() && total == 0) {
            Finding f = base();
            f.result = QStringLiteral("NotAFinding");
            f.title = QStringLiteral("%1: no violation at audit time").arg(constraint);
            f.evidence = QStringLiteral("audit %1: 0 violations (enforcement %2)")
                             .arg(status.value(QLatin1String("auditTimestamp")).toString(), action);
            f.subjectKind = QStringLiteral("cluster");
            f.subject = QStringLiteral("cluster");
            f.position = QStringLiteral("%1 (line %2), status").arg(constraint).arg(doc.line);
            if (Status s = sink.finding(std::move(f)); !s.ok())
                return s;
            continue;
        }
        for (int i = 0; i < violations.size(); ++i) {
            const QJsonObject v = violations.at(i).toObject();
            Finding f = base();
            f.title = v.value(QLatin1String("message")).toString().left(200);
            const QString ns = v.value(QLatin1String("namespace")).toString();
            f.workloadKey = (ns.isEmpty() ? QString() : ns + QLatin1Char('/')) +
                            v.value(QLatin1String("kind")).toString() + QLatin1Char('/') +
                            v.value(QLatin1String("name")).toString();
            f.ns = ns;
            f.subjectKind = ns.isEmpty() ? QStringLiteral("cluster") : QStringLiteral("workload");
            f.subject = f.workloadKey;
            f.evidence =
                v.value(QLatin1String("message")).toString() + QStringLiteral(" (action ") +
                v.value(QLatin1String("enforcementAction")).toString(action) + QStringLiteral(", audit ") +
                status.value(QLatin1String("auditTimestamp")).toString() + QLatin1Char(')') +
                (partial ? QStringLiteral("\nPartial list: %1 of %2 violations recorded by Gatekeeper.")
                               .arg(violations.size())
                               .arg(total)
                         : QString());
            f.position =
                QStringLiteral("%1 (line %2), status.violations[%3]").arg(constraint).arg(doc.line).arg(i);
            if (Status s = sink.finding(std::move(f)); !s.ok())
                return s;
        }
    }
    return {};
}

} // namespace tollgate
