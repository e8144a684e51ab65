#include "findings/HdfParser.h"

#include "findings/ScanText.h"
#include "findings/Severity.h"
#include "io/JsonStreamReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tollgate {

namespace {

QStringList stringsOf(const QJsonValue& v)
{
    if (v.isArray())
        return ScanText::strings(v.toArray());
    if (v.isString() && !v.toString().isEmpty())
        return {v.toString()};
    return {};
}

// Heimdall's rule: impact 0 is not applicable; any failed result fails the control; an error is a
// profile error; all skipped (or no result) is not reviewed; otherwise passed.
QString statusOf(const QJsonObject& control, QString* detail)
{
    const QJsonArray results = control.value(QLatin1String("results")).toArray();
    bool failed = false;
    bool error = false;
    bool passed = false;
    for (const QJsonValue& r : results) {
        const QString s = r.toObject().value(QLatin1String("status")).toString();
        failed = failed || s == QLatin1String("failed");
        error = error || s == QLatin1String("error");
        passed = passed || s == QLatin1String("passed");
    }
    if (control.value(QLatin1String("impact")).toDouble(-1) == 0.0) {
        *detail = QStringLiteral("impact 0: not applicable");
        return QStringLiteral("Not_Applicable");
    }
    if (failed)
        return QStringLiteral("Open");
    if (error) {
        *detail = QStringLiteral("a test ended in error (Heimdall: profile error)");
        return QStringLiteral("Not_Reviewed");
    }
    if (passed)
        return QStringLiteral("NotAFinding");
    *detail = results.isEmpty() ? QStringLiteral("no result") : QStringLiteral("every test skipped");
    return QStringLiteral("Not_Reviewed");
}

QString severityOf(const QJsonObject& control)
{
    const QString tagged =
        control.value(QLatin1String("tags")).toObject().value(QLatin1String("severity")).toString();
    if (!tagged.isEmpty())
        return tagged;
    const double impact = control.value(QLatin1String("impact")).toDouble(-1);
    if (impact >= 0.7)
        return QStringLiteral("high");
    if (impact >= 0.4)
        return QStringLiteral("medium");
    if (impact > 0)
        return QStringLiteral("low");
    return QStringLiteral("none");
}

} // namespace

Status HdfParser::parse(const QString& path, ScanSink& sink)
{
    QJsonObject platform;
    QStringList profiles;
    Status st = JsonStreamReader::read(path,
                                       {QStringLiteral("/platform"), QStringLiteral("/profiles/*/name"),
                                        QStringLiteral("/profiles/*/version")},
                                       [&](const JsonStreamReader::Element& e) {
                                           if (e.pointer == QLatin1String("/platform"))
                                               platform = e.value.toObject();
                                           else if (e.pointer.endsWith(QLatin1String("/name")))
                                               profiles << e.value.toString();
                                           else if (!profiles.isEmpty())
                                               profiles.last() += QLatin1Char(' ') + e.value.toString();
                                           return true;
                                       });
    if (!st.ok())
        return st;
    if (profiles.isEmpty())
        return Error(path, 0, QStringLiteral("HDF without profiles"));
    ScanSubject subject;
    subject.tool = QStringLiteral("hdf");
    subject.kind = QStringLiteral("asset");
    const QString target = platform.value(QLatin1String("target_id")).toString();
    const QString platformName = platform.value(QLatin1String("name")).toString() + QLatin1Char(' ') +
                                 platform.value(QLatin1String("release")).toString();
    subject.display = (target.isEmpty() ? platformName.trimmed() : target) + QStringLiteral(" (") +
                      profiles.join(QStringLiteral(", ")) + QLatin1Char(')');
    subject.key = QStringLiteral("hdf:") + (target.isEmpty() ? platformName.trimmed() : target) +
                  QLatin1Char('|') + profiles.join(QLatin1Char('|'));
    if (Status s = sink.subject(subject); !s.ok())
        return s;

    QString profileName;
    Status failed;
    st = JsonStreamReader::read(
        path, {QStringLiteral("/profiles/*/name"), QStringLiteral("/profiles/*/controls/*")},
        [&](const JsonStreamReader::Element& e) {
            if (e.pointer.endsWith(QLatin1String("/name"))) {
                profileName = e.value.toString();
                return true;
            }
            if (!e.value.isObject()) {
                failed = Error(path, e.line, QStringLiteral("%1 is not an object").arg(e.pointer));
                return false;
            }
            const QJsonObject c = e.value.toObject();
            const QJsonObject tags = c.value(QLatin1String("tags")).toObject();
            Finding f;
            f.source = QStringLiteral("hdf");
            const QString gid = tags.value(QLatin1String("gid")).toString();
            const QStringList cves = stringsOf(tags.value(QLatin1String("cveid")));
            f.category = !gid.isEmpty()    ? QStringLiteral("stig")
                         : !cves.isEmpty() ? QStringLiteral("vulnerability")
                                           : QStringLiteral("check");
            f.ruleId = !gid.isEmpty() ? gid : c.value(QLatin1String("id")).toString();
            if (f.ruleId.isEmpty()) {
                failed = Error(path, e.line, QStringLiteral("control at %1 has no id").arg(e.pointer));
                return false;
            }
            f.title = c.value(QLatin1String("title")).toString();
            if (f.title.isEmpty())
                f.title = f.ruleId;
            QString detail;
            f.result = statusOf(c, &detail);
            f.severityOriginal = severityOf(c);
            f.severityCat = Severity::catFor(f.severityOriginal);
            f.identifiers.insert(QStringLiteral("rule"), c.value(QLatin1String("id")).toString());
            if (!gid.isEmpty())
                f.identifiers.insert(QStringLiteral("stig"), gid);
            for (const char* key : {"rid", "stig_id", "gtitle", "fix_id"}) {
                const QString v = tags.value(QLatin1String(key)).toString();
                if (!v.isEmpty())
                    f.identifiers.insert(QLatin1String(key), v);
            }
            const QStringList cci = stringsOf(tags.value(QLatin1String("cci")));
            if (!cci.isEmpty())
                f.identifiers.insert(QStringLiteral("cci"), QJsonArray::fromStringList(cci));
            // NIST 800-53 only because the file states it (HDF's tags.nist).
            const QStringList nist = stringsOf(tags.value(QLatin1String("nist")));
            if (!nist.isEmpty())
                f.identifiers.insert(QStringLiteral("nist"), QJsonArray::fromStringList(nist));
            for (const QString& cve : cves)
                ScanText::addVulnerabilityId(f.identifiers, cve);
            f.identifiers.insert(QStringLiteral("profile"), profileName);
            QStringList lines;
            if (!detail.isEmpty())
                lines << detail;
            for (const QJsonValue& rv : c.value(QLatin1String("results")).toArray()) {
                const QJsonObject r = rv.toObject();
                QString line = r.value(QLatin1String("status")).toString() + QStringLiteral(": ") +
                               r.value(QLatin1String("code_desc")).toString();
                const QString msg = r.value(QLatin1String("message")).toString().trimmed();
                if (!msg.isEmpty())
                    line += QStringLiteral(" - ") + msg;
                const QString skip = r.value(QLatin1String("skip_message")).toString().trimmed();
                if (!skip.isEmpty())
                    line += QStringLiteral(" - ") + skip;
                lines << line;
            }
            f.evidence = lines.join(QLatin1Char('\n'));
            f.position = ScanText::positionOf(e.pointer, e.line);
            f.line = e.line;
            f.subjectKind = QStringLiteral("asset");
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
