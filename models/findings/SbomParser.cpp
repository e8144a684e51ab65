#include "findings/SbomParser.h"

#include "findings/ScanText.h"
#include "io/JsonStreamReader.h"
#include "kube/ImageRef.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>

namespace tollgate {

namespace {

using Reader = std::function<Status(const QStringList&, const JsonStreamReader::Visitor&)>;

QString licensesOf(const QJsonArray& licenses)
{
    QStringList out;
    for (const QJsonValue& l : licenses) {
        const QJsonObject o = l.toObject();
        const QJsonObject lic = o.value(QLatin1String("license")).toObject();
        QString s = lic.value(QLatin1String("id")).toString();
        if (s.isEmpty())
            s = lic.value(QLatin1String("name")).toString();
        if (s.isEmpty())
            s = o.value(QLatin1String("expression")).toString();
        if (!s.isEmpty())
            out << s;
    }
    return out.join(QStringLiteral(", "));
}

void setImage(ScanSubject& s, const QString& ref)
{
    s.kind = QStringLiteral("image");
    s.imageRef = ref;
    const ImageRef parsed = ImageRef::parse(ref);
    s.key = parsed.isValid() ? parsed.name() : ref;
    if (s.imageDigest.isEmpty())
        s.imageDigest = parsed.digest();
}

ScanSubject cycloneSubject(const QJsonObject& metadata)
{
    ScanSubject s;
    const QJsonValue tools = metadata.value(QLatin1String("tools"));
    QJsonArray toolList =
        tools.isArray() ? tools.toArray() : tools.toObject().value(QLatin1String("components")).toArray();
    if (!toolList.isEmpty()) {
        s.tool = toolList.first().toObject().value(QLatin1String("name")).toString();
        s.toolVersion = toolList.first().toObject().value(QLatin1String("version")).toString();
    }
    s.scannedAt = metadata.value(QLatin1String("timestamp")).toString();
    const QJsonObject comp = metadata.value(QLatin1String("component")).toObject();
    const QString type = comp.value(QLatin1String("type")).toString();
    const QString name = comp.value(QLatin1String("name")).toString();
    QString repoTag;
    for (const QJsonValue& p : comp.value(QLatin1String("properties")).toArray()) {
        const QString key = p.toObject().value(QLatin1String("name")).toString();
        const QString value = p.toObject().value(QLatin1String("value")).toString();
        if (key.endsWith(QLatin1String(":RepoDigest"))) {
            s.repoDigests << value;
            if (s.imageDigest.isEmpty())
                s.imageDigest = ScanText::digestOf(value);
        } else if (key.endsWith(QLatin1String(":ImageID"))) {
            s.imageId = value;
        } else if (key.endsWith(QLatin1String(":RepoTag")) && repoTag.isEmpty()) {
            repoTag = value;
        }
    }
    s.display = name;
    if (type == QLatin1String("container")) {
        const QString version = comp.value(QLatin1String("version")).toString();
        if (s.imageDigest.isEmpty() && version.startsWith(QLatin1String("sha256:")))
            s.imageDigest = version; // syft writes the image digest as the component version
        setImage(s, repoTag.isEmpty() ? name : repoTag);
    } else if (type == QLatin1String("platform") || type == QLatin1String("cluster")) {
        s.kind = QStringLiteral("cluster");
        s.key = QStringLiteral("cluster:") + name;
    } else {
        s.kind = type.isEmpty() ? QStringLiteral("artifact") : type;
        s.key = s.kind + QLatin1Char(':') + name;
    }
    return s;
}

Status emitCycloneComponents(const QJsonObject& c, ScanSink& sink)
{
    SbomPackage p;
    p.name = c.value(QLatin1String("name")).toString();
    const QString group = c.value(QLatin1String("group")).toString();
    if (!group.isEmpty())
        p.name = group + QLatin1Char('/') + p.name;
    p.version = c.value(QLatin1String("version")).toString();
    p.type = c.value(QLatin1String("type")).toString();
    p.purl = c.value(QLatin1String("purl")).toString();
    p.licenses = licensesOf(c.value(QLatin1String("licenses")).toArray());
    if (Status s = sink.package(p); !s.ok())
        return s;
    for (const QJsonValue& child : c.value(QLatin1String("components")).toArray())
        if (Status s = emitCycloneComponents(child.toObject(), sink); !s.ok())
            return s;
    return {};
}

Status cyclone(const Reader& read, ScanSink& sink, ScanSubject* override)
{
    QJsonObject metadata;
    Status st = read({QStringLiteral("/metadata")}, [&](const JsonStreamReader::Element& e) {
        metadata = e.value.toObject();
        return false;
    });
    if (!st.ok())
        return st;
    ScanSubject subject = cycloneSubject(metadata);
    if (override) {
        override->tool = subject.tool;
        override->toolVersion = subject.toolVersion;
        override->scannedAt = subject.scannedAt;
        override->imageId = subject.imageId;
        subject = *override;
    }
    if (Status s = sink.subject(subject); !s.ok())
        return s;
    Status failed;
    st = read({QStringLiteral("/components/*")}, [&](const JsonStreamReader::Element& e) {
        failed = emitCycloneComponents(e.value.toObject(), sink);
        return failed.ok();
    });
    return failed.ok() ? st : failed;
}

Status spdx(const Reader& read, ScanSink& sink, ScanSubject* override)
{
    ScanSubject subject;
    QString docName;
    QJsonObject container;
    Status st = read(
        {QStringLiteral("/name"), QStringLiteral("/creationInfo"), QStringLiteral("/packages/*")},
        [&](const JsonStreamReader::Element& e) {
            if (e.pointer == QLatin1String("/name")) {
                docName = e.value.toString();
            } else if (e.pointer == QLatin1String("/creationInfo")) {
                const QJsonObject ci = e.value.toObject();
                subject.scannedAt = ci.value(QLatin1String("created")).toString();
                for (const QString& c : ScanText::strings(ci.value(QLatin1String("creators")).toArray()))
                    if (c.startsWith(QLatin1String("Tool:")) && subject.tool.isEmpty())
                        subject.tool = c.mid(5).trimmed();
            } else if (container.isEmpty()) {
                const QJsonObject p = e.value.toObject();
                if (p.value(QLatin1String("SPDXID")).toString().contains(QLatin1String("ContainerImage")) ||
                    p.value(QLatin1String("primaryPackagePurpose")).toString() == QLatin1String("CONTAINER"))
                    container = p;
            }
            return true;
        });
    if (!st.ok())
        return st;
    QString repoTag;
    for (const QString& text :
         ScanText::strings(container.value(QLatin1String("attributionTexts")).toArray())) {
        const QString key = text.section(QLatin1Char(':'), 0, 0).trimmed();
        const QString value = text.section(QLatin1Char(':'), 1).trimmed();
        if (key == QLatin1String("ImageID"))
            subject.imageId = value;
        else if (key == QLatin1String("RepoDigest")) {
            subject.repoDigests << value;
            if (subject.imageDigest.isEmpty())
                subject.imageDigest = ScanText::digestOf(value);
        } else if (key == QLatin1String("RepoTag") && repoTag.isEmpty())
            repoTag = value;
    }
    subject.display = docName;
    if (!container.isEmpty())
        setImage(subject, repoTag.isEmpty() ? container.value(QLatin1String("name")).toString() : repoTag);
    else {
        subject.kind = QStringLiteral("artifact");
        subject.key = QStringLiteral("artifact:") + docName;
    }
    if (override) {
        override->tool = subject.tool;
        override->scannedAt = subject.scannedAt;
        override->imageId = subject.imageId;
        subject = *override;
    }
    if (Status s = sink.subject(subject); !s.ok())
        return s;
    Status failed;
    st = read({QStringLiteral("/packages/*")}, [&](const JsonStreamReader::Element& e) {
        const QJsonObject p = e.value.toObject();
        if (p == container)
            return true;
        SbomPackage pkg;
        pkg.name = p.value(QLatin1String("name")).toString();
        pkg.version = p.value(QLatin1String("versionInfo")).toString();
        pkg.type = p.value(QLatin1String("primaryPackagePurpose")).toString().toLower();
        for (const QJsonValue& r : p.value(QLatin1String("externalRefs")).toArray())
            if (r.toObject().value(QLatin1String("referenceType")).toString() == QLatin1String("purl"))
                pkg.purl = r.toObject().value(QLatin1String("referenceLocator")).toString();
        if (pkg.type.isEmpty())
            pkg.type = pkg.purl.isEmpty() ? QStringLiteral("package")
                                          : pkg.purl.section(QLatin1Char('/'), 0, 0).mid(4);
        pkg.licenses = p.value(QLatin1String("licenseConcluded")).toString();
        if (pkg.licenses.isEmpty() || pkg.licenses == QLatin1String("NOASSERTION"))
            pkg.licenses = p.value(QLatin1String("licenseDeclared")).toString();
        failed = sink.package(pkg);
        return failed.ok();
    });
    return failed.ok() ? st : failed;
}

} // namespace

Status SbomParser::parseCycloneDx(const QString& path, ScanSink& sink)
{
    return cyclone([&](const QStringList& p,
                       const JsonStreamReader::Visitor& v) { return JsonStreamReader::read(path, p, v); },
                   sink, nullptr);
}

Status SbomParser::parseSpdx(const QString& path, ScanSink& sink)
{
    return spdx([&](const QStringList& p,
                    const JsonStreamReader::Visitor& v) { return JsonStreamReader::read(path, p, v); },
                sink, nullptr);
}

Status SbomParser::parseDsse(const QString& path, ScanSink& sink)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    int lineNo = 0;
    int envelopes = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return Error(path, lineNo, QStringLiteral("invalid DSSE envelope: %1").arg(err.errorString()));
        const QJsonObject env = doc.object();
        const QByteArray payload =
            QByteArray::fromBase64(env.value(QLatin1String("payload")).toString().toLatin1(),
                                   QByteArray::AbortOnBase64DecodingErrors);
        if (payload.isEmpty())
            return Error(path, lineNo, QStringLiteral("DSSE envelope without a base64 payload"));
        const QJsonObject statement = QJsonDocument::fromJson(payload).object();
        const QJsonArray subjects = statement.value(QLatin1String("subject")).toArray();
        if (statement.isEmpty() || subjects.isEmpty())
            return Error(path, lineNo,
                         QStringLiteral("the payload is not an in-toto statement with a subject"));
        const QJsonObject first = subjects.first().toObject();
        ScanSubject subject;
        subject.imageDigest =
            QStringLiteral("sha256:") +
            first.value(QLatin1String("digest")).toObject().value(QLatin1String("sha256")).toString();
        const QString name = first.value(QLatin1String("name")).toString();
        setImage(subject, name + QLatin1Char('@') + subject.imageDigest);
        subject.display = name + QLatin1Char('@') + subject.imageDigest + QStringLiteral(" (") +
                          QString::number(env.value(QLatin1String("signatures")).toArray().size()) +
                          QStringLiteral(" signature(s), not verified)");
        const QByteArray predicate = QJsonDocument(statement.value(QLatin1String("predicate")).toObject())
                                         .toJson(QJsonDocument::Compact);
        const QString predicateType = statement.value(QLatin1String("predicateType")).toString();
        const QString label =
            path + QStringLiteral(" (envelope on line ") + QString::number(lineNo) + QLatin1Char(')');
        const Reader read = [&](const QStringList& p, const JsonStreamReader::Visitor& v) {
            return JsonStreamReader::readBytes(predicate, label, p, v);
        };
        Status st;
        if (predicateType.contains(QLatin1String("cyclonedx"), Qt::CaseInsensitive))
            st = cyclone(read, sink, &subject);
        else if (predicateType.contains(QLatin1String("spdx"), Qt::CaseInsensitive))
            st = spdx(read, sink, &subject);
        else
            return Error(path, lineNo,
                         QStringLiteral("in-toto predicate %1 is not an SBOM").arg(predicateType));
        if (!st.ok())
            return st;
        ++envelopes;
    }
    if (envelopes == 0)
        return Error(path, 0, QStringLiteral("no DSSE envelope in the file"));
    return {};
}

} // namespace tollgate
