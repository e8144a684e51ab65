#include "findings/TrivyOperatorParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "kube/ImageRef.h"
#include "kube/ManifestParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace tollgate {

namespace {

struct Resource
{
    QString ns;
    QString kind;
    QString name;
    QString container;
    QString key() const
    {
        return (ns.isEmpty() ? QString() : ns + QLatin1Char('/')) + kind + QLatin1Char('/') + name;
    }
};

Resource resourceOf(const QJsonObject& body)
{
    const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
    const QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
    const QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
    Resource r;
    r.kind = labels.value(QLatin1String("trivy-operator.resource.kind")).toString();
    r.name = labels.value(QLatin1String("trivy-operator.resource.name")).toString();
    if (r.name.isEmpty()) // long names are hashed into the label and kept in an annotation
        r.name = annotations.value(QLatin1String("trivy-operator.resource.name")).toString();
    r.ns = labels.value(QLatin1String("trivy-operator.resource.namespace")).toString();
    r.container = labels.value(QLatin1String("trivy-operator.container.name")).toString();
    if (r.kind.isEmpty() || r.name.isEmpty()) {
        const QJsonArray owners = meta.value(QLatin1String("ownerReferences")).toArray();
        if (!owners.isEmpty()) {
            r.kind = owners.first().toObject().value(QLatin1String("kind")).toString();
            r.name = owners.first().toObject().value(QLatin1String("name")).toString();
        }
        if (r.ns.isEmpty())
            r.ns = meta.value(QLatin1String("namespace")).toString();
    }
    return r;
}

void setSeverity(Finding& f, const QString& original)
{
    f.severityOriginal = original.isEmpty() ? QStringLiteral("UNKNOWN") : original;
    f.severityCat = Severity::catFor(f.severityOriginal);
}

QString where(const ManifestDocument& doc, const QString& path, int index)
{
    return QStringLiteral("%1 at line %2, %3/%4")
        .arg(doc.body.value(QLatin1String("kind")).toString())
        .arg(doc.line)
        .arg(path)
        .arg(index);
}

void withResource(Finding& f, const Resource& r)
{
    f.ns = r.ns;
    if (r.kind.isEmpty())
        return;
    f.workloadKey = r.key();
    f.subjectKind = r.ns.isEmpty() ? QStringLiteral("cluster") : QStringLiteral("workload");
    f.subject = f.workloadKey +
                (r.container.isEmpty() ? QString() : QStringLiteral(" [") + r.container + QLatin1Char(']'));
}

QList<Finding> checksOf(const ManifestDocument& doc, const Resource& r, const QString& category)
{
    QList<Finding> out;
    const QJsonArray checks =
        doc.body.value(QLatin1String("report")).toObject().value(QLatin1String("checks")).toArray();
    for (int i = 0; i < checks.size(); ++i) {
        const QJsonObject c = checks.at(i).toObject();
        Finding f;
        f.source = QStringLiteral("trivy-operator");
        f.category = category;
        f.ruleId = c.value(QLatin1String("checkID")).toString();
        f.title = c.value(QLatin1String("title")).toString();
        if (f.title.isEmpty())
            f.title = c.value(QLatin1String("description")).toString().left(200);
        if (f.title.isEmpty())
            f.title = f.ruleId;
        f.result = c.value(QLatin1String("success")).toBool() ? QStringLiteral("NotAFinding")
                                                              : QStringLiteral("Open");
        setSeverity(f, c.value(QLatin1String("severity")).toString());
        f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
        const QStringList messages = ScanText::strings(c.value(QLatin1String("messages")).toArray());
        f.evidence = messages.join(QLatin1Char('\n'));
        const QString fix = c.value(QLatin1String("remediation")).toString();
        if (!fix.isEmpty())
            f.evidence += QStringLiteral("\nFix: ") + fix;
        withResource(f, r);
        f.position = where(doc, QStringLiteral("report.checks"), i);
        f.line = doc.line;
        out << f;
    }
    return out;
}

QList<Finding> vulnerabilitiesOf(const ManifestDocument& doc, const Resource& r)
{
    QList<Finding> out;
    const QJsonObject report = doc.body.value(QLatin1String("report")).toObject();
    const QJsonObject artifact = report.value(QLatin1String("artifact")).toObject();
    const QString server =
        report.value(QLatin1String("registry")).toObject().value(QLatin1String("server")).toString();
    QString ref = artifact.value(QLatin1String("repository")).toString();
    if (!server.isEmpty())
        ref = server + QLatin1Char('/') + ref;
    const QString tag = artifact.value(QLatin1String("tag")).toString();
    if (!tag.isEmpty())
        ref += QLatin1Char(':') + tag;
    const QString digest = ScanText::digestOf(artifact.value(QLatin1String("digest")).toString());
    const QJsonArray vulns = report.value(QLatin1String("vulnerabilities")).toArray();
    for (int i = 0; i < vulns.size(); ++i) {
        const QJsonObject v = vulns.at(i).toObject();
        Finding f;
        f.source = QStringLiteral("trivy-operator");
        f.category = QStringLiteral("vulnerability");
        f.ruleId = v.value(QLatin1String("vulnerabilityID")).toString();
        f.package = v.value(QLatin1String("resource")).toString();
        f.installedVersion = v.value(QLatin1String("installedVersion")).toString();
        f.fixedVersion = v.value(QLatin1String("fixedVersion")).toString();
        f.title = v.value(QLatin1String("title")).toString();
        if (f.title.isEmpty())
            f.title = f.package + QStringLiteral(": ") + f.ruleId;
        setSeverity(f, v.value(QLatin1String("severity")).toString());
        ScanText::addVulnerabilityId(f.identifiers, f.ruleId);
        const QString url = v.value(QLatin1String("primaryLink")).toString();
        if (!url.isEmpty())
            f.identifiers.insert(QStringLiteral("url"), url);
        f.evidence =
            f.package + QLatin1Char(' ') + f.installedVersion + QStringLiteral(" in ") +
            v.value(QLatin1String("target")).toString() +
            (f.fixedVersion.isEmpty() ? QStringLiteral("; no fixed version")
                                      : QStringLiteral("; fixed in ") + f.fixedVersion) +
            (v.contains(QLatin1String("score"))
                 ? QStringLiteral("; score ") + QString::number(v.value(QLatin1String("score")).toDouble())
                 : QString());
        withResource(f, r);
        f.subjectKind = QStringLiteral("image");
        f.imageRef = ref;
        f.imageDigest = digest;
        f.position = where(doc, QStringLiteral("report.vulnerabilities"), i);
        f.line = doc.line;
        out << f;
    }
    return out;
}

QList<Finding> secretsOf(const ManifestDocument& doc, const Resource& r)
{
    QList<Finding> out;
    const QJsonArray secrets =
        doc.body.value(QLatin1String("report")).toObject().value(QLatin1String("secrets")).toArray();
    for (int i = 0; i < secrets.size(); ++i) {
        const QJsonObject s = secrets.at(i).toObject();
        Finding f;
        f.source = QStringLiteral("trivy-operator");
        f.category = QStringLiteral("secret");
        f.ruleId = s.value(QLatin1String("ruleID")).toString();
        f.title = s.value(QLatin1String("title")).toString();
        setSeverity(f, s.value(QLatin1String("severity")).toString());
        f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
        f.evidence = s.value(QLatin1String("target")).toString() + QStringLiteral(": ") +
                     s.value(QLatin1String("match")).toString();
        withResource(f, r);
        f.position = where(doc, QStringLiteral("report.secrets"), i);
        f.line = doc.line;
        out << f;
    }
    return out;
}

QList<Finding> complianceOf(const ManifestDocument& doc)
{
    QList<Finding> out;
    const QJsonObject spec =
        doc.body.value(QLatin1String("spec")).toObject().value(QLatin1String("compliance")).toObject();
    const QString specId = spec.value(QLatin1String("id")).toString();
    QHash<QString, QJsonObject> controls;
    for (const QJsonValue& c : spec.value(QLatin1String("controls")).toArray())
        controls.insert(c.toObject().value(QLatin1String("id")).toString(), c.toObject());
    const QJsonArray summary = doc.body.value(QLatin1String("status"))
                                   .toObject()
                                   .value(QLatin1String("summaryReport"))
                                   .toObject()
                                   .value(QLatin1String("controlCheck"))
                                   .toArray();
    for (int i = 0; i < summary.size(); ++i) {
        const QJsonObject c = summary.at(i).toObject();
        const QString id = c.value(QLatin1String("id")).toString();
        Finding f;
        f.source = QStringLiteral("trivy-operator");
        f.category = QStringLiteral("compliance");
        f.ruleId = specId.isEmpty() ? id : specId + QLatin1Char(':') + id;
        f.title = c.value(QLatin1String("name")).toString();
        const int fails = c.value(QLatin1String("totalFail")).toInt();
        f.result = fails > 0 ? QStringLiteral("Open") : QStringLiteral("NotAFinding");
        setSeverity(f, c.value(QLatin1String("severity")).toString());
        f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
        QStringList checkIds;
        for (const QJsonValue& ch : controls.value(id).value(QLatin1String("checks")).toArray())
            checkIds << ch.toObject().value(QLatin1String("id")).toString();
        if (!checkIds.isEmpty())
            f.identifiers.insert(QStringLiteral("checks"), QJsonArray::fromStringList(checkIds));
        f.evidence = QStringLiteral("%1 resources fail").arg(fails) +
                     (checkIds.isEmpty() ? QString()
                                         : QStringLiteral(" (checks ") + checkIds.join(QStringLiteral(", ")) +
                                               QLatin1Char(')'));
        f.subjectKind = QStringLiteral("cluster");
        f.subject = QStringLiteral("cluster");
        f.position = where(doc, QStringLiteral("status.summaryReport.controlCheck"), i);
        f.line = doc.line;
        out << f;
    }
    return out;
}

} // namespace

Status TrivyOperatorParser::parse(const QString& path, ScanSink& sink)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    auto parsed = ManifestParser::parse(path, file.readAll(), ManifestParser::Mode::Strict);
    if (!parsed.ok())
        return parsed.error();

    QList<ManifestDocument> reports;
    for (const ManifestDocument& doc : parsed->objects)
        if (doc.body.value(QLatin1String("apiVersion"))
                .toString()
                .startsWith(QLatin1String("aquasecurity.github.io/")))
            reports << doc;
    if (reports.isEmpty())
        return Error(path, 0, QStringLiteral("no trivy-operator report in the file"));

    ScanSubject subject;
    subject.tool = QStringLiteral("trivy-operator");
    const QJsonObject scanner = reports.first()
                                    .body.value(QLatin1String("report"))
                                    .toObject()
                                    .value(QLatin1String("scanner"))
                                    .toObject();
    subject.toolVersion = scanner.value(QLatin1String("version")).toString();
    const QJsonObject firstReport = reports.first().body.value(QLatin1String("report")).toObject();
    subject.scannedAt = firstReport.value(QLatin1String("updateTimestamp")).toString();
    const QString firstKind = reports.first().body.value(QLatin1String("kind")).toString();
    if (reports.size() == 1) {
        const Resource r = resourceOf(reports.first().body);
        subject.kind = r.kind.isEmpty() ? QStringLiteral("cluster") : QStringLiteral("workload");
        subject.display =
            r.kind.isEmpty()
                ? reports.first()
                      .body.value(QLatin1String("metadata"))
                      .toObject()
                      .value(QLatin1String("name"))
                      .toString()
                : r.key() + (r.container.isEmpty() ? QString()
                                                   : QStringLiteral(" [") + r.container + QLatin1Char(']'));
        subject.key = firstKind + QLatin1Char(':') + subject.display;
    } else {
        subject.kind = QStringLiteral("cluster");
        subject.display = QStringLiteral("%1 trivy-operator reports").arg(reports.size());
        subject.key = QStringLiteral("reports:cluster");
    }
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    for (const ManifestDocument& doc : std::as_const(reports)) {
        const QString kind = doc.body.value(QLatin1String("kind")).toString();
        const Resource r = resourceOf(doc.body);
        QList<Finding> found;
        if (kind == QLatin1String("VulnerabilityReport") ||
            kind == QLatin1String("ClusterVulnerabilityReport"))
            found = vulnerabilitiesOf(doc, r);
        else if (kind == QLatin1String("ConfigAuditReport") ||
                 kind == QLatin1String("ClusterConfigAuditReport") ||
                 kind == QLatin1String("InfraAssessmentReport") ||
                 kind == QLatin1String("ClusterInfraAssessmentReport"))
            found = checksOf(doc, r, QStringLiteral("misconfiguration"));
        else if (kind == QLatin1String("RbacAssessmentReport") ||
                 kind == QLatin1String("ClusterRbacAssessmentReport"))
            found = checksOf(doc, r, QStringLiteral("rbac"));
        else if (kind == QLatin1String("ExposedSecretReport"))
            found = secretsOf(doc, r);
        else if (kind == QLatin1String("ClusterComplianceReport"))
            found = complianceOf(doc);
        else
            continue; // an SBOM report or a kind added later: not findings
        for (Finding& f : found)
            if (Status s = sink.finding(std::move(f)); !s.ok())
                return s;
    }
    return {};
}

} // namespace tollgate
