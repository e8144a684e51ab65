#include "findings/TrivyReportParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "io/JsonStreamReader.h"
#include "kube/ImageRef.h"

#include <QHash>
#include <QJsonArray>

namespace tollgate {

namespace {

void setSeverity(Finding& f, const QString& original)
{
    f.severityOriginal = original.isEmpty() ? QStringLiteral("UNKNOWN") : original;
    f.severityCat = Severity::catFor(f.severityOriginal);
}

ScanSubject imageSubject(const QString& artifact, const QString& type, const QJsonObject& meta)
{
    ScanSubject s;
    s.tool = QStringLiteral("trivy");
    s.repoDigests = ScanText::strings(meta.value(QLatin1String("RepoDigests")).toArray());
    s.imageId = meta.value(QLatin1String("ImageID")).toString();
    for (const QString& rd : std::as_const(s.repoDigests)) {
        if (s.imageDigest.isEmpty())
            s.imageDigest = ScanText::digestOf(rd);
    }
    const QStringList tags = ScanText::strings(meta.value(QLatin1String("RepoTags")).toArray());
    QString ref = artifact;
    if (!tags.isEmpty() && (type != QLatin1String("container_image") || ref.endsWith(QLatin1String(".tar")) ||
                            ref.endsWith(QLatin1String(".tar.gz"))))
        ref = tags.first();
    if (type == QLatin1String("container_image") || !tags.isEmpty() || !s.imageId.isEmpty()) {
        s.kind = QStringLiteral("image");
        const ImageRef parsed = ImageRef::parse(ref);
        s.imageRef = ref;
        s.key = parsed.isValid() ? parsed.name() : ref;
    } else {
        s.kind = type.isEmpty() ? QStringLiteral("artifact") : type;
        s.key = type + QLatin1Char(':') + artifact;
    }
    s.display = artifact;
    return s;
}

void addCluster(Finding& f, const QString& ns, const QString& kind, const QString& name)
{
    f.ns = ns;
    f.workloadKey = ns + QLatin1Char('/') + kind + QLatin1Char('/') + name;
    f.subjectKind = QStringLiteral("workload");
    f.subject = f.workloadKey;
}

} // namespace

Finding TrivyReportParser::vulnerability(const QJsonObject& v, const QString& target)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.category = QStringLiteral("vulnerability");
    f.ruleId = v.value(QLatin1String("VulnerabilityID")).toString();
    f.package = v.value(QLatin1String("PkgName")).toString();
    f.installedVersion = v.value(QLatin1String("InstalledVersion")).toString();
    f.fixedVersion = v.value(QLatin1String("FixedVersion")).toString();
    f.title = v.value(QLatin1String("Title")).toString();
    if (f.title.isEmpty())
        f.title = f.package + QStringLiteral(": ") + f.ruleId;
    setSeverity(f, v.value(QLatin1String("Severity")).toString());
    ScanText::addVulnerabilityId(f.identifiers, f.ruleId);
    for (const QString& cwe : ScanText::strings(v.value(QLatin1String("CweIDs")).toArray()))
        f.identifiers.insert(QStringLiteral("cwe"),
                             f.identifiers.value(QLatin1String("cwe")).toArray() + QJsonArray{cwe});
    const QString url = v.value(QLatin1String("PrimaryURL")).toString();
    if (!url.isEmpty())
        f.identifiers.insert(QStringLiteral("url"), url);
    const QString purl =
        v.value(QLatin1String("PkgIdentifier")).toObject().value(QLatin1String("PURL")).toString();
    if (!purl.isEmpty())
        f.identifiers.insert(QStringLiteral("purl"), purl);
    const QString status = v.value(QLatin1String("Status")).toString();
    f.evidence = f.package + QLatin1Char(' ') + f.installedVersion + QStringLiteral(" in ") + target +
                 (f.fixedVersion.isEmpty() ? QStringLiteral("; no fixed version")
                                           : QStringLiteral("; fixed in ") + f.fixedVersion) +
                 (status.isEmpty() ? QString() : QStringLiteral(" (") + status + QLatin1Char(')'));
    const QString layer =
        v.value(QLatin1String("Layer")).toObject().value(QLatin1String("Digest")).toString();
    if (!layer.isEmpty())
        f.evidence += QStringLiteral("; layer ") + layer;
    return f;
}

Finding TrivyReportParser::misconfiguration(const QJsonObject& m, const QString& target)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.category = QStringLiteral("misconfiguration");
    f.ruleId = m.value(QLatin1String("ID")).toString();
    f.title = m.value(QLatin1String("Title")).toString();
    f.result = ScanText::resultFor(m.value(QLatin1String("Status")).toString());
    setSeverity(f, m.value(QLatin1String("Severity")).toString());
    f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
    const QString avd = m.value(QLatin1String("AVDID")).toString();
    if (!avd.isEmpty())
        f.identifiers.insert(QStringLiteral("avd"), avd);
    const QString url = m.value(QLatin1String("PrimaryURL")).toString();
    if (!url.isEmpty())
        f.identifiers.insert(QStringLiteral("url"), url);
    const QJsonObject cause = m.value(QLatin1String("CauseMetadata")).toObject();
    f.evidence = m.value(QLatin1String("Message")).toString();
    const int start = cause.value(QLatin1String("StartLine")).toInt();
    if (start > 0)
        f.evidence += QStringLiteral(" [") + target + QStringLiteral(" lines ") + QString::number(start) +
                      QLatin1Char('-') + QString::number(cause.value(QLatin1String("EndLine")).toInt()) +
                      QLatin1Char(']');
    const QString resolution = m.value(QLatin1String("Resolution")).toString();
    if (!resolution.isEmpty())
        f.evidence += QStringLiteral("\nFix: ") + resolution;
    const QString resource = cause.value(QLatin1String("Resource")).toString();
    f.subjectKind = QStringLiteral("file");
    f.subject = resource.isEmpty() ? target : target + QStringLiteral(" (") + resource + QLatin1Char(')');
    return f;
}

Finding TrivyReportParser::secret(const QJsonObject& s, const QString& target)
{
    Finding f;
    f.source = QStringLiteral("trivy");
    f.category = QStringLiteral("secret");
    f.ruleId = s.value(QLatin1String("RuleID")).toString();
    f.title = s.value(QLatin1String("Title")).toString();
    setSeverity(f, s.value(QLatin1String("Severity")).toString());
    f.identifiers.insert(QStringLiteral("rule"), f.ruleId);
    // Trivy already masks the match; it is evidence of where, not of what.
    f.evidence = target + QStringLiteral(" line ") +
                 QString::number(s.value(QLatin1String("StartLine")).toInt()) + QStringLiteral(": ") +
                 s.value(QLatin1String("Match")).toString();
    return f;
}

Status TrivyReportParser::parseImage(const QString& path, ScanSink& sink)
{
    QString artifact;
    QString type;
    QString created;
    QJsonObject meta;
    Status st = JsonStreamReader::read(path,
                                       {QStringLiteral("/ArtifactName"), QStringLiteral("/ArtifactType"),
                                        QStringLiteral("/CreatedAt"), QStringLiteral("/Metadata")},
                                       [&](const JsonStreamReader::Element& e) {
                                           if (e.pointer == QLatin1String("/ArtifactName"))
                                               artifact = e.value.toString();
                                           else if (e.pointer == QLatin1String("/ArtifactType"))
                                               type = e.value.toString();
                                           else if (e.pointer == QLatin1String("/CreatedAt"))
                                               created = e.value.toString();
                                           else
                                               meta = e.value.toObject();
                                           return true;
                                       });
    if (!st.ok())
        return st;
    ScanSubject subject = imageSubject(artifact, type, meta);
    subject.scannedAt = created;
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    QHash<QString, QString> targets; // "/Results/N" -> Target
    Status failed;
    st = JsonStreamReader::read(
        path,
        {QStringLiteral("/Results/*/Target"), QStringLiteral("/Results/*/Vulnerabilities/*"),
         QStringLiteral("/Results/*/Misconfigurations/*"), QStringLiteral("/Results/*/Secrets/*")},
        [&](const JsonStreamReader::Element& e) {
            const QString result = e.pointer.section(QLatin1Char('/'), 0, 2);
            if (e.pointer.endsWith(QLatin1String("/Target"))) {
                targets.insert(result, e.value.toString());
                return true;
            }
            const QString kind = e.pointer.section(QLatin1Char('/'), 3, 3);
            const QString target = targets.value(result);
            Finding f = kind == QLatin1String("Vulnerabilities") ? vulnerability(e.value.toObject(), target)
                        : kind == QLatin1String("Misconfigurations")
                            ? misconfiguration(e.value.toObject(), target)
                            : secret(e.value.toObject(), target);
            f.position = ScanText::positionOf(e.pointer, e.line);
            f.line = e.line;
            if (Status s = sink.finding(std::move(f)); !s.ok()) {
                failed = s;
                return false;
            }
            return true;
        });
    if (!failed.ok())
        return failed;
    return st;
}

Status TrivyReportParser::parseCluster(const QString& path, ScanSink& sink)
{
    ScanSubject subject;
    subject.tool = QStringLiteral("trivy");
    subject.kind = QStringLiteral("cluster");
    Status st = JsonStreamReader::read(path, {QStringLiteral("/ClusterName")},
                                       [&](const JsonStreamReader::Element& e) {
                                           subject.display = e.value.toString();
                                           return false;
                                       });
    if (!st.ok())
        return st;
    subject.key = QStringLiteral("cluster:") + subject.display;
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    Status failed;
    st = JsonStreamReader::read(
        path,
        {QStringLiteral("/Vulnerabilities/*"), QStringLiteral("/Misconfigurations/*"),
         QStringLiteral("/Resources/*")},
        [&](const JsonStreamReader::Element& e) {
            const QJsonObject res = e.value.toObject();
            const QString ns = res.value(QLatin1String("Namespace")).toString();
            const QString kind = res.value(QLatin1String("Kind")).toString();
            const QString name = res.value(QLatin1String("Name")).toString();
            const QJsonArray results = res.value(QLatin1String("Results")).toArray();
            for (int r = 0; r < results.size(); ++r) {
                const QJsonObject result = results.at(r).toObject();
                const QString target = result.value(QLatin1String("Target")).toString();
                const QString cls = result.value(QLatin1String("Class")).toString();
                const struct
                {
                    const char* key;
                    Finding (*make)(const QJsonObject&, const QString&);
                } lists[] = {{"Vulnerabilities", &vulnerability},
                             {"Misconfigurations", &misconfiguration},
                             {"Secrets", &secret}};
                for (const auto& list : lists) {
                    const QJsonArray items = result.value(QLatin1String(list.key)).toArray();
                    for (int i = 0; i < items.size(); ++i) {
                        Finding f = list.make(items.at(i).toObject(), target);
                        addCluster(f, ns, kind, name);
                        if (f.category == QLatin1String("vulnerability") && cls != QLatin1String("config")) {
                            // The target of a workload's vulnerability result is its image.
                            f.imageRef = target.section(QLatin1Char(' '), 0, 0);
                        }
                        f.position = e.pointer + QStringLiteral("/Results/") + QString::number(r) +
                                     QLatin1Char('/') + QLatin1String(list.key) + QLatin1Char('/') +
                                     QString::number(i) + QStringLiteral(" (resource at line ") +
                                     QString::number(e.line) + QLatin1Char(')');
                        f.line = e.line;
                        if (Status s = sink.finding(std::move(f)); !s.ok()) {
                            failed = s;
                            return false;
                        }
                    }
                }
            }
            return true;
        });
    if (!failed.ok())
        return failed;
    return st;
}

} // namespace tollgate
