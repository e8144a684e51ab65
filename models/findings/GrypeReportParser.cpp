#include "findings/GrypeReportParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "io/JsonStreamReader.h"
#include "kube/ImageRef.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tollgate {

namespace {

ScanSubject subjectOf(const QJsonObject& source, const QJsonObject& descriptor)
{
    ScanSubject s;
    s.tool = QStringLiteral("grype");
    s.toolVersion = descriptor.value(QLatin1String("version")).toString();
    s.scannedAt = descriptor.value(QLatin1String("timestamp")).toString();
    const QString type = source.value(QLatin1String("type")).toString();
    const QJsonValue target = source.value(QLatin1String("target"));
    if (target.isObject()) {
        const QJsonObject t = target.toObject();
        s.imageId = t.value(QLatin1String("imageID")).toString();
        s.repoDigests = ScanText::strings(t.value(QLatin1String("repoDigests")).toArray());
        s.imageDigest = ScanText::digestOf(t.value(QLatin1String("manifestDigest")).toString());
        for (const QString& rd : std::as_const(s.repoDigests))
            if (s.imageDigest.isEmpty())
                s.imageDigest = ScanText::digestOf(rd);
        const QStringList tags = ScanText::strings(t.value(QLatin1String("tags")).toArray());
        const QString input = t.value(QLatin1String("userInput")).toString();
        s.imageRef = tags.isEmpty() ? input : tags.first();
        s.display = input.isEmpty() ? s.imageRef : input;
    } else {
        s.display = target.toString();
    }
    if (type == QLatin1String("image") || !s.imageRef.isEmpty()) {
        s.kind = QStringLiteral("image");
        const ImageRef ref = ImageRef::parse(s.imageRef);
        s.key = ref.isValid() ? ref.name() : s.imageRef;
    } else {
        s.kind = type.isEmpty() ? QStringLiteral("artifact") : type;
        s.key = s.kind + QLatin1Char(':') + s.display;
    }
    return s;
}

} // namespace

Status GrypeReportParser::parse(const QString& path, ScanSink& sink)
{
    QJsonObject source;
    QJsonObject descriptor;
    Status st = JsonStreamReader::read(path, {QStringLiteral("/source"), QStringLiteral("/descriptor")},
                                       [&](const JsonStreamReader::Element& e) {
                                           if (e.pointer == QLatin1String("/source"))
                                               source = e.value.toObject();
                                           else
                                               descriptor = e.value.toObject();
                                           return true;
                                       });
    if (!st.ok())
        return st;
    if (Status s = sink.subject(subjectOf(source, descriptor)); !s.ok())
        return s;

    Status failed;
    st =
        JsonStreamReader::read(path, {QStringLiteral("/matches/*")}, [&](const JsonStreamReader::Element& e) {
            const QJsonObject match = e.value.toObject();
            const QJsonObject vuln = match.value(QLatin1String("vulnerability")).toObject();
            const QJsonObject artifact = match.value(QLatin1String("artifact")).toObject();
            Finding f;
            f.source = QStringLiteral("grype");
            f.category = QStringLiteral("vulnerability");
            f.ruleId = vuln.value(QLatin1String("id")).toString();
            f.package = artifact.value(QLatin1String("name")).toString();
            f.installedVersion = artifact.value(QLatin1String("version")).toString();
            const QJsonObject fix = vuln.value(QLatin1String("fix")).toObject();
            f.fixedVersion =
                ScanText::strings(fix.value(QLatin1String("versions")).toArray()).join(QStringLiteral(", "));
            f.severityOriginal = vuln.value(QLatin1String("severity")).toString();
            if (f.severityOriginal.isEmpty())
                f.severityOriginal = QStringLiteral("Unknown");
            f.severityCat = Severity::catFor(f.severityOriginal);
            ScanText::addVulnerabilityId(f.identifiers, f.ruleId);
            QString description = vuln.value(QLatin1String("description")).toString();
            for (const QJsonValue& rv : match.value(QLatin1String("relatedVulnerabilities")).toArray()) {
                const QJsonObject related = rv.toObject();
                ScanText::addVulnerabilityId(f.identifiers, related.value(QLatin1String("id")).toString());
                if (description.isEmpty())
                    description = related.value(QLatin1String("description")).toString();
            }
            const QString purl = artifact.value(QLatin1String("purl")).toString();
            if (!purl.isEmpty())
                f.identifiers.insert(QStringLiteral("purl"), purl);
            const QString url = vuln.value(QLatin1String("dataSource")).toString();
            if (!url.isEmpty())
                f.identifiers.insert(QStringLiteral("url"), url);
            f.title = description.section(QLatin1Char('\n'), 0, 0).left(200);
            if (f.title.isEmpty())
                f.title = f.package + QStringLiteral(": ") + f.ruleId;
            QStringList locations;
            for (const QJsonValue& l : artifact.value(QLatin1String("locations")).toArray())
                locations << l.toObject().value(QLatin1String("path")).toString();
            f.evidence =
                f.package + QLatin1Char(' ') + f.installedVersion + QStringLiteral(" (") +
                artifact.value(QLatin1String("type")).toString() + QLatin1Char(')') +
                (locations.isEmpty() ? QString()
                                     : QStringLiteral(" at ") + locations.join(QStringLiteral(", "))) +
                QStringLiteral("; fix ") + fix.value(QLatin1String("state")).toString() +
                (f.fixedVersion.isEmpty() ? QString() : QStringLiteral(" ") + f.fixedVersion);
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

} // namespace tollgate
