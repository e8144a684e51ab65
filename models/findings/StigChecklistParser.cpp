#include "findings/StigChecklistParser.h"

#include "base/Logging.h"
#include "findings/ScanText.h"
#include "findings/StigText.h"
#include "io/JsonStreamReader.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <algorithm>
#include <functional>

namespace tollgate {

namespace {

struct StigInfo
{
    QString stigId;
    QString version;
    QString releaseInfo;
    QString title;
    int line = 0;
    int rules = 0;
    QString benchmark() const { return StigText::benchmarkLabel(stigId, version, releaseInfo); }
};

// What a checklist says before its rules: the tool, the asset and its STIGs.
struct Header
{
    QString tool = QStringLiteral("stig-viewer");
    QString toolVersion;
    QString scannedAt;
    QHash<QString, QString> asset; // HOST_NAME, HOST_IP, ... / host_name, ip_address, ...
    QList<StigInfo> stigs;

    QString host(const char* name, const char* fqdn, const char* ip) const
    {
        for (const char* key : {name, fqdn, ip}) {
            const QString v = asset.value(QLatin1String(key)).trimmed();
            if (!v.isEmpty())
                return v;
        }
        return QStringLiteral("unnamed asset");
    }

    ScanSubject subject(const QString& host) const
    {
        ScanSubject s;
        s.kind = QStringLiteral("asset");
        QStringList ids;
        QStringList titles;
        for (const StigInfo& i : stigs) {
            ids << (i.stigId.isEmpty() ? i.title : i.stigId);
            titles << i.title;
        }
        ids.removeDuplicates();
        std::sort(ids.begin(), ids.end());
        s.key = QStringLiteral("asset:") + host + QLatin1Char('|') + ids.join(QLatin1Char(','));
        s.display = StigText::displayOf(host, titles);
        s.tool = tool;
        s.toolVersion = toolVersion;
        s.scannedAt = scannedAt;
        return s;
    }
};

// ---- CKL (XML) ----

// The tool that wrote a CKL, from the comment before <CHECKLIST>: Evaluate-STIG writes
// <!--<Evaluate-STIG><global><version>..</version><time>..</time>..-->, STIG Manager
// <!-- STIG Manager 1.3.13 -->.
void toolFromComment(const QString& text, Header& h)
{
    if (text.contains(QLatin1String("<Evaluate-STIG>"))) {
        static const QRegularExpression version(QStringLiteral("<global>.*?<version>([^<]*)</version>"),
                                                QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression time(QStringLiteral("<global>.*?<time>([^<]*)</time>"),
                                             QRegularExpression::DotMatchesEverythingOption);
        h.tool = QStringLiteral("evaluate-stig");
        h.toolVersion = version.match(text).captured(1).trimmed();
        h.scannedAt = time.match(text).captured(1).trimmed();
        return;
    }
    static const QRegularExpression stigManager(QStringLiteral("^\\s*STIG Manager\\s+([0-9][^\\s]*)\\s*$"));
    const QRegularExpressionMatch m = stigManager.match(text);
    if (m.hasMatch()) {
        h.tool = QStringLiteral("stig-manager");
        h.toolVersion = m.captured(1);
    }
}

QString textOf(QXmlStreamReader& xml)
{
    return xml.readElementText(QXmlStreamReader::IncludeChildElements);
}

// One SI_DATA or STIG_DATA pair: the name element's and the data element's text.
std::pair<QString, QString> pairOf(QXmlStreamReader& xml, QLatin1String nameTag, QLatin1String dataTag)
{
    QString name;
    QString data;
    while (xml.readNextStartElement()) {
        if (xml.name() == nameTag)
            name = textOf(xml).trimmed();
        else if (xml.name() == dataTag)
            data = textOf(xml);
        else
            xml.skipCurrentElement();
    }
    return {name, data};
}

using VulnVisitor = std::function<Status(StigRule&& rule, int stigIndex, int vulnIndex, int line)>;

void readStigInfo(QXmlStreamReader& xml, StigInfo& info)
{
    while (xml.readNextStartElement()) {
        if (xml.name() != QLatin1String("SI_DATA")) {
            xml.skipCurrentElement();
            continue;
        }
        const auto [name, data] = pairOf(xml, QLatin1String("SID_NAME"), QLatin1String("SID_DATA"));
        if (name == QLatin1String("stigid"))
            info.stigId = data.trimmed();
        else if (name == QLatin1String("version"))
            info.version = data.trimmed();
        else if (name == QLatin1String("releaseinfo"))
            info.releaseInfo = data.trimmed();
        else if (name == QLatin1String("title"))
            info.title = data.trimmed();
    }
}

StigRule readVuln(QXmlStreamReader& xml)
{
    StigRule r;
    while (xml.readNextStartElement()) {
        const QStringView tag = xml.name();
        if (tag == QLatin1String("STIG_DATA")) {
            const auto [name, data] =
                pairOf(xml, QLatin1String("VULN_ATTRIBUTE"), QLatin1String("ATTRIBUTE_DATA"));
            const QString value = data.trimmed();
            if (name == QLatin1String("Vuln_Num"))
                r.vulnId = value;
            else if (name == QLatin1String("Rule_ID"))
                r.ruleId = value;
            else if (name == QLatin1String("Rule_Ver"))
                r.stigId = value;
            else if (name == QLatin1String("Severity"))
                r.severity = value;
            else if (name == QLatin1String("Group_Title"))
                r.groupTitle = value;
            else if (name == QLatin1String("Rule_Title"))
                r.ruleTitle = value;
            else if (name == QLatin1String("CCI_REF") && !value.isEmpty())
                r.ccis << value;
            else if (name == QLatin1String("LEGACY_ID") && !value.isEmpty())
                r.legacy << value;
        } else if (tag == QLatin1String("STATUS")) {
            r.status = textOf(xml).trimmed();
        } else if (tag == QLatin1String("FINDING_DETAILS")) {
            r.findingDetails = textOf(xml);
        } else if (tag == QLatin1String("COMMENTS")) {
            r.comments = textOf(xml);
        } else if (tag == QLatin1String("SEVERITY_OVERRIDE")) {
            r.severityOverride = textOf(xml).trimmed();
        } else if (tag == QLatin1String("SEVERITY_JUSTIFICATION")) {
            r.justification = textOf(xml);
        } else {
            xml.skipCurrentElement();
        }
    }
    return r;
}

// Reads the whole CKL: the header into h, and each VULN to visit (skipped when visit is empty).
Status readCkl(const QString& path, Header& h, const VulnVisitor& visit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    QXmlStreamReader xml(&file);
    // Prolog: the DOCTYPE (refused with entities) and the tool's comment.
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType t = xml.readNext();
        if (t == QXmlStreamReader::DTD) {
            if (Status s = StigText::refuseEntities(xml, path); !s.ok())
                return s;
        } else if (t == QXmlStreamReader::Comment) {
            toolFromComment(xml.text().toString(), h);
        } else if (t == QXmlStreamReader::StartElement) {
            break;
        }
    }
    if (xml.hasError())
        return StigText::xmlError(xml, path);
    if (xml.tokenType() != QXmlStreamReader::StartElement)
        return Error(path, 0, QStringLiteral("no XML element in the file"));
    if (xml.name() != QLatin1String("CHECKLIST"))
        return Error(path, static_cast<int>(xml.lineNumber()),
                     QStringLiteral("not a STIG checklist: root <%1>, expected <CHECKLIST>").arg(xml.name()));

    Status failed;
    while (failed.ok() && xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("ASSET")) {
            while (xml.readNextStartElement())
                h.asset.insert(xml.name().toString(), textOf(xml));
        } else if (xml.name() == QLatin1String("STIGS")) {
            while (failed.ok() && xml.readNextStartElement()) {
                if (xml.name() != QLatin1String("iSTIG")) {
                    xml.skipCurrentElement();
                    continue;
                }
                const int stigIndex = static_cast<int>(h.stigs.size());
                h.stigs.append(StigInfo{});
                h.stigs.last().line = static_cast<int>(xml.lineNumber());
                int vulnIndex = 0;
                while (failed.ok() && xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("STIG_INFO")) {
                        readStigInfo(xml, h.stigs.last());
                    } else if (xml.name() == QLatin1String("VULN")) {
                        ++vulnIndex;
                        ++h.stigs.last().rules;
                        if (!visit) {
                            xml.skipCurrentElement();
                            continue;
                        }
                        const int line = static_cast<int>(xml.lineNumber());
                        StigRule rule = readVuln(xml);
                        if (xml.hasError())
                            break;
                        if (rule.vulnId.isEmpty()) {
                            failed =
                                Error(path, line,
                                      QStringLiteral("iSTIG %1, VULN %2: no STIG_DATA Vuln_Num (the V-ID); "
                                                     "a checklist rule needs one")
                                          .arg(stigIndex + 1)
                                          .arg(vulnIndex));
                            break;
                        }
                        failed = visit(std::move(rule), stigIndex, vulnIndex, line);
                    } else {
                        xml.skipCurrentElement();
                    }
                }
            }
        } else {
            xml.skipCurrentElement();
        }
    }
    if (!failed.ok())
        return failed;
    // Anything after </CHECKLIST> must still be well-formed (a second root is an error).
    while (!xml.atEnd() && !xml.hasError())
        xml.readNext();
    if (xml.hasError())
        return StigText::xmlError(xml, path);
    return {};
}

// ---- CKLB (JSON) ----

// A string field of a CKLB object: "" when absent or null, numbers as text, else noted as unread.
QString field(const QJsonObject& o, const char* key, QStringList& unread)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (!v.isUndefined() && !v.isNull())
        unread << QString::fromLatin1(key);
    return {};
}

// "/stigs/3/rules/7" -> 3 and 7; false when the path is not that shape (stigs or rules not arrays).
bool indexesOf(const QString& pointer, int& stig, int& rule)
{
    const QStringList p = pointer.split(QLatin1Char('/'));
    if (p.size() != 5)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    stig = p.at(2).toInt(&ok1);
    rule = p.at(4).toInt(&ok2);
    return ok1 && ok2;
}

} // namespace

Status StigChecklistParser::parseCkl(const QString& path, ScanSink& sink)
{
    // Pass 1: the asset and every STIG (the subject names them all), and the whole file checked.
    Header h;
    if (Status s = readCkl(path, h, {}); !s.ok())
        return s;
    if (h.stigs.isEmpty())
        return Error(path, 0, QStringLiteral("the checklist has no STIGS/iSTIG: no rule to import"));
    const QString host = h.host("HOST_NAME", "HOST_FQDN", "HOST_IP");
    if (Status s = sink.subject(h.subject(host)); !s.ok())
        return s;

    // Pass 2: one finding per VULN.
    Header again;
    return readCkl(path, again, [&](StigRule&& rule, int stigIndex, int vulnIndex, int line) -> Status {
        const StigInfo& info = h.stigs.at(stigIndex);
        rule.benchmark = info.benchmark();
        rule.stigTitle = info.title;
        Finding f = StigText::checklistFinding(rule, h.tool, host);
        f.position =
            QStringLiteral("iSTIG %1, VULN %2 (line %3)").arg(stigIndex + 1).arg(vulnIndex).arg(line);
        f.line = line;
        if (f.identifiers.contains(QLatin1String("unread")))
            qCInfo(lcFindings).noquote()
                << path << f.position
                << "not read:" << f.identifiers.value(QLatin1String("unread")).toArray();
        return sink.finding(std::move(f));
    });
}

Status StigChecklistParser::parseCklb(const QString& path, ScanSink& sink)
{
    // Pass 1: title, target and STIG headers (not their rules), and the whole file checked.
    Header h;
    h.tool = QStringLiteral("stig-viewer");
    QString title;
    QString latest;
    QHash<int, StigInfo> stigs;
    Status bad;
    const QStringList headerPatterns = {
        QStringLiteral("/title"),
        QStringLiteral("/target_data"),
        QStringLiteral("/evaluate-stig"),
        QStringLiteral("/stigs/*/stig_id"),
        QStringLiteral("/stigs/*/stig_name"),
        QStringLiteral("/stigs/*/display_name"),
        QStringLiteral("/stigs/*/version"),
        QStringLiteral("/stigs/*/release_info"),
        QStringLiteral("/stigs/*/rules/*/updatedAt"),
        // Checked here too, so that a wrong type fails before anything reaches the sink.
        QStringLiteral("/stigs/*/rules/*/group_id"),
        QStringLiteral("/stigs/*/rules/*/status"),
        QStringLiteral("/stigs/*/rules/*/ccis"),
    };
    Status st = JsonStreamReader::read(path, headerPatterns, [&](const JsonStreamReader::Element& e) {
        const QStringList p = e.pointer.split(QLatin1Char('/'));
        if (e.pointer == QLatin1String("/title")) {
            title = e.value.toString();
        } else if (e.pointer == QLatin1String("/target_data")) {
            if (!e.value.isObject()) {
                bad = Error(path, e.line, QStringLiteral("target_data must be an object (the asset)"));
                return false;
            }
            const QJsonObject t = e.value.toObject();
            for (auto it = t.begin(); it != t.end(); ++it)
                if (it.value().isString())
                    h.asset.insert(it.key(), it.value().toString());
        } else if (e.pointer == QLatin1String("/evaluate-stig")) {
            h.tool = QStringLiteral("evaluate-stig");
            h.toolVersion = e.value.toObject().value(QLatin1String("version")).toString();
            h.scannedAt = e.value.toObject().value(QLatin1String("time")).toString();
        } else {
            bool ok = false;
            const int index = p.value(2).toInt(&ok);
            if (!ok) {
                bad = Error(path, e.line,
                            QStringLiteral("stigs must be an array (found the key \"%1\")").arg(p.value(2)));
                return false;
            }
            StigInfo& info = stigs[index];
            if (info.line == 0 || e.line < info.line)
                info.line = e.line;
            const QString key = p.last();
            if (p.size() == 6 && key != QLatin1String("updatedAt")) {
                const QString rule = e.pointer.left(e.pointer.lastIndexOf(QLatin1Char('/')));
                if (key == QLatin1String("group_id") &&
                    (!e.value.isString() || e.value.toString().trimmed().isEmpty()))
                    bad = Error(
                        path, e.line,
                        QStringLiteral("%1: no group_id (the V-ID) as a string; a checklist rule needs one")
                            .arg(rule));
                else if (key == QLatin1String("status") && !e.value.isString() && !e.value.isNull())
                    bad = Error(path, e.line, QStringLiteral("%1: status must be a string").arg(rule));
                else if (key == QLatin1String("ccis") && !e.value.isArray() && !e.value.isNull())
                    bad =
                        Error(path, e.line, QStringLiteral("%1: ccis must be an array of CCI ids").arg(rule));
                return bad.ok();
            }
            const QString value =
                e.value.isDouble() ? QString::number(e.value.toDouble()) : e.value.toString();
            if (key == QLatin1String("updatedAt")) {
                if (value > latest)
                    latest = value;
            } else if (key == QLatin1String("stig_id")) {
                info.stigId = value;
            } else if (key == QLatin1String("stig_name")) {
                info.title = value;
            } else if (key == QLatin1String("display_name")) {
                if (info.title.isEmpty())
                    info.title = value;
            } else if (key == QLatin1String("version")) {
                info.version = value;
            } else if (key == QLatin1String("release_info")) {
                info.releaseInfo = value;
            }
        }
        return true;
    });
    if (!bad.ok())
        return bad;
    if (!st.ok())
        return st;
    if (stigs.isEmpty())
        return Error(path, 0, QStringLiteral("the checklist has no stigs[]: no rule to import"));
    QList<int> order = stigs.keys();
    std::sort(order.begin(), order.end());
    QHash<int, int> position; // stigs index in the file -> index in h.stigs
    for (int i : std::as_const(order)) {
        position.insert(i, static_cast<int>(h.stigs.size()));
        h.stigs << stigs.value(i);
    }
    if (h.scannedAt.isEmpty())
        h.scannedAt = latest;
    QString host = h.host("host_name", "fqdn", "ip_address");
    if (host == QLatin1String("unnamed asset") && !title.isEmpty())
        host = title;
    if (Status s = sink.subject(h.subject(host)); !s.ok())
        return s;

    // Pass 2: one finding per rule.
    int count = 0;
    Status failed;
    st = JsonStreamReader::read(
        path, {QStringLiteral("/stigs/*/rules/*")}, [&](const JsonStreamReader::Element& e) {
            int stigIndex = 0;
            int ruleIndex = 0;
            const QString where = ScanText::positionOf(e.pointer, e.line);
            if (!indexesOf(e.pointer, stigIndex, ruleIndex)) {
                failed =
                    Error(path, e.line, QStringLiteral("%1: stigs and rules must be arrays").arg(e.pointer));
                return false;
            }
            if (!e.value.isObject()) {
                failed = Error(path, e.line, QStringLiteral("%1: a rule must be an object").arg(e.pointer));
                return false;
            }
            const QJsonObject o = e.value.toObject();
            StigRule r;
            const QJsonValue groupId = o.value(QLatin1String("group_id"));
            if (!groupId.isString() || groupId.toString().trimmed().isEmpty()) {
                failed =
                    Error(path, e.line,
                          QStringLiteral("%1: no group_id (the V-ID) as a string; a checklist rule needs one")
                              .arg(e.pointer));
                return false;
            }
            r.vulnId = groupId.toString().trimmed();
            const QJsonValue status = o.value(QLatin1String("status"));
            if (!status.isString() && !status.isUndefined() && !status.isNull()) {
                failed = Error(path, e.line, QStringLiteral("%1: status must be a string").arg(e.pointer));
                return false;
            }
            r.status = status.toString();
            const QJsonValue ccis = o.value(QLatin1String("ccis"));
            if (ccis.isArray()) {
                for (const QJsonValue& c : ccis.toArray()) {
                    if (c.isString() && !c.toString().trimmed().isEmpty())
                        r.ccis << c.toString().trimmed();
                    else if (!c.isNull())
                        r.unread << QStringLiteral("ccis entry");
                }
            } else if (!ccis.isUndefined() && !ccis.isNull()) {
                failed = Error(path, e.line,
                               QStringLiteral("%1: ccis must be an array of CCI ids").arg(e.pointer));
                return false;
            }
            r.ruleId = field(o, "rule_id_src", r.unread);
            if (r.ruleId.isEmpty())
                r.ruleId = field(o, "rule_id", r.unread);
            r.stigId = field(o, "rule_version", r.unread);
            r.severity = field(o, "severity", r.unread);
            r.groupTitle = field(o, "group_title", r.unread);
            r.ruleTitle = field(o, "rule_title", r.unread);
            r.findingDetails = field(o, "finding_details", r.unread);
            r.comments = field(o, "comments", r.unread);
            for (const QJsonValue& l : o.value(QLatin1String("legacy_ids")).toArray())
                if (l.isString() && !l.toString().isEmpty())
                    r.legacy << l.toString();
            // Overrides: {"severity": {"severity": "low", "reason": "..."}} (STIG Viewer 3), or flat keys.
            const QJsonValue overrides = o.value(QLatin1String("overrides"));
            if (overrides.isObject()) {
                const QJsonValue sev = overrides.toObject().value(QLatin1String("severity"));
                if (sev.isObject()) {
                    QStringList ignored;
                    r.severityOverride = field(sev.toObject(), "severity", r.unread);
                    r.justification = field(sev.toObject(), "reason", ignored);
                    if (r.justification.isEmpty())
                        r.justification = field(sev.toObject(), "justification", r.unread);
                } else if (sev.isString()) {
                    r.severityOverride = sev.toString();
                    r.justification = field(overrides.toObject(), "reason", r.unread);
                } else if (!sev.isUndefined() && !sev.isNull()) {
                    r.unread << QStringLiteral("overrides.severity");
                }
            } else if (!overrides.isUndefined() && !overrides.isNull()) {
                r.unread << QStringLiteral("overrides");
            }
            if (r.severityOverride.isEmpty())
                r.severityOverride = field(o, "severity_override", r.unread);
            if (r.justification.isEmpty())
                r.justification = field(o, "severity_justification", r.unread);
            if (position.contains(stigIndex)) {
                const StigInfo& info = h.stigs.at(position.value(stigIndex));
                r.benchmark = info.benchmark();
                r.stigTitle = info.title;
            }
            Finding f = StigText::checklistFinding(r, h.tool, host);
            f.position = where;
            f.line = e.line;
            if (f.identifiers.contains(QLatin1String("unread")))
                qCInfo(lcFindings).noquote()
                    << path << f.position
                    << "not read:" << f.identifiers.value(QLatin1String("unread")).toArray();
            ++count;
            if (Status s = sink.finding(std::move(f)); !s.ok()) {
                failed = s;
                return false;
            }
            return true;
        });
    if (!failed.ok())
        return failed;
    if (!st.ok())
        return st;
    if (count == 0)
        return Error(path, h.stigs.first().line,
                     QStringLiteral("no rule in stigs[].rules[] (missing, empty or not an array)"));
    return {};
}

} // namespace tollgate
