#include "findings/XccdfResultsParser.h"

#include "base/Logging.h"
#include "findings/StigText.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace tollgate {

namespace {

// What the benchmark says about one rule (DISA STIG content carries the V-ID as its Group).
struct RuleInfo
{
    QString vulnId;
    QString groupTitle;
    QString title;
    QString version;
    QString severity;
    QStringList nist; // only when the rule states it (a reference to SP 800-53)
};

struct Idents
{
    QStringList cci;
    QStringList legacy;
    QStringList cce;
    QJsonArray other;
};

// Elements are matched by local name: XCCDF 1.1 and 1.2, prefixed (cdf:) or not, all read the same.
bool is(const QXmlStreamReader& xml, const char* local)
{
    return xml.name() == QLatin1String(local);
}

QString textOf(QXmlStreamReader& xml)
{
    return xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
}

QString attr(const QXmlStreamReader& xml, const char* name)
{
    return xml.attributes().value(QLatin1String(name)).toString();
}

// "xccdf_mil.disa.stig_group_V-207184" -> "V-207184"; "" when the group is not a STIG V-ID.
QString vulnIdOf(const QString& groupId)
{
    static const QRegularExpression v(QStringLiteral("(?:^|_)(V-[0-9]+)$"));
    return v.match(groupId).captured(1);
}

// "xccdf_mil.disa.stig_rule_SV-207184r695317_rule" -> "SV-207184r695317_rule"; other ids unchanged.
QString shortRuleId(const QString& idref)
{
    static const QRegularExpression sv(QStringLiteral("(SV-[0-9A-Za-z]+_rule)$"));
    const QString m = sv.match(idref).captured(1);
    return m.isEmpty() ? idref : m;
}

// "xccdf_mil.disa.stig_benchmark_RHEL_7_STIG" -> "RHEL_7_STIG" (the STIG id a checklist names).
QString stigIdOf(const QString& benchmarkId)
{
    const int at = benchmarkId.indexOf(QLatin1String("_benchmark_"));
    return at >= 0 ? benchmarkId.mid(at + 11) : benchmarkId;
}

class Reader
{
public:
    Reader(const QString& path, ScanSink& sink) : m_path(path), m_sink(sink) {}

    // Pass 1 (emit false) reads the whole file: the benchmark's rules, the first TestResult's
    // target, and checks every rule-result names its rule, so a broken file fails before anything
    // reaches the sink. Pass 2 (emit true) delivers the subject and one finding per rule-result.
    Status run(bool emit)
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return Error(m_path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
        m_xml.clear();
        m_xml.setDevice(&file);
        m_emit = emit;
        m_current = 0;
        if (emit) {
            if (Status s = ensureSubject(); !s.ok())
                return s;
        }
        while (!m_xml.atEnd()) {
            const QXmlStreamReader::TokenType t = m_xml.readNext();
            if (t == QXmlStreamReader::DTD) {
                if (Status s = StigText::refuseEntities(m_xml, m_path); !s.ok())
                    return s;
            } else if (t == QXmlStreamReader::StartElement) {
                break;
            }
        }
        if (m_xml.hasError())
            return StigText::xmlError(m_xml, m_path);
        if (m_xml.tokenType() != QXmlStreamReader::StartElement)
            return Error(m_path, 0, QStringLiteral("no XML element in the file"));
        if (is(m_xml, "Benchmark")) {
            if (m_benchmarkId.isEmpty())
                m_benchmarkId = attr(m_xml, "id");
            if (Status s = benchmark(); !s.ok())
                return s;
        } else if (is(m_xml, "TestResult")) {
            if (Status s = testResult(); !s.ok())
                return s;
        } else {
            return Error(m_path, static_cast<int>(m_xml.lineNumber()),
                         QStringLiteral("not XCCDF results: root <%1>").arg(m_xml.name()));
        }
        while (!m_xml.atEnd() && !m_xml.hasError())
            m_xml.readNext();
        if (m_xml.hasError())
            return StigText::xmlError(m_xml, m_path);
        if (m_testResults == 0)
            return Error(m_path, 0, QStringLiteral("XCCDF without a TestResult: no results to import"));
        return {};
    }

private:
    Status benchmark()
    {
        while (m_xml.readNextStartElement()) {
            if (m_emit && !is(m_xml, "TestResult")) {
                m_xml.skipCurrentElement(); // read in pass 1
            } else if (is(m_xml, "version")) {
                m_version = textOf(m_xml);
            } else if (is(m_xml, "title")) {
                m_title = textOf(m_xml);
            } else if (is(m_xml, "plain-text")) {
                const QString id = attr(m_xml, "id");
                const QString text = textOf(m_xml);
                if (id == QLatin1String("release-info"))
                    m_releaseInfo = text;
            } else if (is(m_xml, "metadata")) {
                while (m_xml.readNextStartElement()) {
                    if (is(m_xml, "creator"))
                        m_creator = textOf(m_xml);
                    else
                        m_xml.skipCurrentElement();
                }
            } else if (is(m_xml, "Group")) {
                group(QString(), QString());
            } else if (is(m_xml, "Rule")) {
                rule(QString(), QString());
            } else if (is(m_xml, "TestResult")) {
                if (Status s = testResult(); !s.ok())
                    return s;
            } else {
                m_xml.skipCurrentElement();
            }
        }
        return {};
    }

    void group(const QString& outerVulnId, const QString& outerTitle)
    {
        QString vulnId = vulnIdOf(attr(m_xml, "id"));
        if (vulnId.isEmpty())
            vulnId = outerVulnId;
        QString title = outerTitle;
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "title"))
                title = textOf(m_xml);
            else if (is(m_xml, "Group"))
                group(vulnId, title);
            else if (is(m_xml, "Rule"))
                rule(vulnId, title);
            else
                m_xml.skipCurrentElement();
        }
    }

    void rule(const QString& vulnId, const QString& groupTitle)
    {
        RuleInfo info;
        info.vulnId = vulnId;
        info.groupTitle = groupTitle;
        info.severity = attr(m_xml, "severity");
        const QString id = attr(m_xml, "id");
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "title")) {
                info.title = textOf(m_xml);
            } else if (is(m_xml, "version")) {
                info.version = textOf(m_xml);
            } else if (is(m_xml, "reference")) {
                const QString href = attr(m_xml, "href");
                const QString text = textOf(m_xml);
                if (href.contains(QLatin1String("800-53")) && !text.isEmpty())
                    for (const QString& c : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                        info.nist << c.trimmed();
            } else {
                m_xml.skipCurrentElement();
            }
        }
        m_rules.insert(id, info);
    }

    Status testResult()
    {
        ++m_current;
        // The subject is the first TestResult's target; findings come from every TestResult.
        const bool header = !m_emit && m_current == 1;
        if (!m_emit)
            m_testResults = m_current;
        if (header) {
            m_tr.id = attr(m_xml, "id");
            m_tr.testSystem = attr(m_xml, "test-system");
            m_tr.start = attr(m_xml, "start-time");
            m_tr.end = attr(m_xml, "end-time");
        }
        int index = 0;
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "rule-result")) {
                ++index;
                if (m_emit) {
                    if (Status s = ruleResult(index); !s.ok())
                        return s;
                    continue;
                }
                if (attr(m_xml, "idref").isEmpty())
                    return Error(
                        m_path, static_cast<int>(m_xml.lineNumber()),
                        QStringLiteral("rule-result %1 has no idref (the rule it reports)").arg(index));
                m_xml.skipCurrentElement();
            } else if (!header) {
                m_xml.skipCurrentElement();
            } else if (is(m_xml, "target")) {
                m_tr.target = textOf(m_xml);
            } else if (is(m_xml, "target-address")) {
                m_tr.addresses << textOf(m_xml);
            } else if (is(m_xml, "benchmark")) {
                if (m_benchmarkId.isEmpty())
                    m_benchmarkId = attr(m_xml, "id");
                m_xml.skipCurrentElement();
            } else if (is(m_xml, "target-facts")) {
                while (m_xml.readNextStartElement()) {
                    const QString name = attr(m_xml, "name");
                    const QString value = textOf(m_xml);
                    if (name.endsWith(QLatin1String(":host_name")) ||
                        name.endsWith(QLatin1String(":hostname")))
                        m_tr.factHost = value;
                }
            } else {
                m_xml.skipCurrentElement();
            }
        }
        if (m_xml.hasError())
            return StigText::xmlError(m_xml, m_path);
        return {};
    }

    Status ensureSubject()
    {
        if (m_subjectSent)
            return {};
        m_subjectSent = true;
        m_host = m_tr.target;
        if (m_host.isEmpty())
            m_host = m_tr.factHost;
        if (m_host.isEmpty() && !m_tr.addresses.isEmpty())
            m_host = m_tr.addresses.first();
        if (m_host.isEmpty())
            m_host = m_tr.id.isEmpty() ? QStringLiteral("unnamed asset") : m_tr.id;
        m_stigId = stigIdOf(m_benchmarkId);
        m_benchmark = StigText::benchmarkLabel(m_stigId, m_version, m_releaseInfo);
        QString version;
        m_tool = StigText::productOfCpe(m_tr.testSystem, &version);
        if (m_tool.isEmpty() && m_creator.startsWith(QLatin1String("Evaluate-STIG"), Qt::CaseInsensitive)) {
            m_tool = QStringLiteral("evaluate-stig");
            version = m_creator.section(QLatin1Char(' '), 1, 1);
        }
        if (m_tool.isEmpty())
            m_tool = QStringLiteral("xccdf");
        ScanSubject s;
        s.kind = QStringLiteral("asset");
        s.key =
            QStringLiteral("asset:") + m_host + QLatin1Char('|') + (m_stigId.isEmpty() ? m_title : m_stigId);
        s.display = StigText::displayOf(m_host, {m_title});
        s.tool = m_tool;
        s.toolVersion = version;
        s.scannedAt = m_tr.end.isEmpty() ? m_tr.start : m_tr.end;
        return m_sink.subject(s);
    }

    Status ruleResult(int index)
    {
        const int line = static_cast<int>(m_xml.lineNumber());
        const QString idref = attr(m_xml, "idref");
        QString severity = attr(m_xml, "severity");
        QString version = attr(m_xml, "version");
        QString result;
        Idents idents;
        QStringList messages;
        QStringList checkText;
        QHash<QString, QString> sm; // STIG Manager / Evaluate-STIG extensions by local name
        QStringList overrideNotes;
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "result")) {
                result = textOf(m_xml);
            } else if (is(m_xml, "ident")) {
                const QString system = attr(m_xml, "system");
                const QString value = textOf(m_xml);
                if (value.isEmpty())
                    continue;
                if (system.contains(QLatin1String("cci"), Qt::CaseInsensitive))
                    idents.cci << value;
                else if (system.contains(QLatin1String("legacy"), Qt::CaseInsensitive))
                    idents.legacy << value;
                else if (system.contains(QLatin1String("cce"), Qt::CaseInsensitive))
                    idents.cce << value;
                else
                    idents.other.append(
                        QJsonObject{{QStringLiteral("system"), system}, {QStringLiteral("id"), value}});
            } else if (is(m_xml, "message")) {
                const QString text = textOf(m_xml);
                if (!text.isEmpty())
                    messages << text;
            } else if (is(m_xml, "override")) {
                overrideNotes << overrideOf();
            } else if (is(m_xml, "check")) {
                check(checkText, sm);
            } else {
                m_xml.skipCurrentElement();
            }
        }
        if (m_xml.hasError())
            return StigText::xmlError(m_xml, m_path);

        const RuleInfo info = m_rules.value(idref);
        const bool known = m_rules.contains(idref);
        QStringList unread;
        QStringList evidence;
        Finding f;
        f.source = m_tool;
        f.category = QStringLiteral("stig");
        f.ruleId = info.vulnId.isEmpty() ? idref : info.vulnId;
        if (f.ruleId.isEmpty())
            return Error(m_path, line,
                         QStringLiteral("rule-result %1 has no idref (the rule it reports)").arg(index));
        f.title = info.title;
        if (f.title.isEmpty()) {
            f.title = shortRuleId(idref);
            unread << (known ? QStringLiteral("rule title")
                             : QStringLiteral("rule title (the rule is not in the benchmark)"));
        }
        f.result = StigText::xccdfStatus(result);
        if (f.result.isEmpty()) {
            unread << (result.isEmpty() ? QStringLiteral("result (none given)")
                                        : QStringLiteral("result \"%1\"").arg(result));
            f.result = QStringLiteral("Not_Reviewed");
        }
        evidence
            << QStringLiteral("XCCDF result: %1").arg(result.isEmpty() ? QStringLiteral("(none)") : result);
        if (!info.vulnId.isEmpty())
            f.identifiers.insert(QStringLiteral("stig"), info.vulnId);
        f.identifiers.insert(QStringLiteral("rule"), shortRuleId(idref));
        f.identifiers.insert(QStringLiteral("xccdf_rule"), idref);
        if (version.isEmpty())
            version = info.version;
        if (!version.isEmpty())
            f.identifiers.insert(QStringLiteral("stig_id"), version);
        if (!idents.cci.isEmpty())
            f.identifiers.insert(QStringLiteral("cci"), QJsonArray::fromStringList(idents.cci));
        if (!idents.legacy.isEmpty())
            f.identifiers.insert(QStringLiteral("legacy"), QJsonArray::fromStringList(idents.legacy));
        if (!idents.cce.isEmpty())
            f.identifiers.insert(QStringLiteral("cce"), QJsonArray::fromStringList(idents.cce));
        if (!idents.other.isEmpty())
            f.identifiers.insert(QStringLiteral("ident"), idents.other);
        if (!info.nist.isEmpty())
            f.identifiers.insert(QStringLiteral("nist"), QJsonArray::fromStringList(info.nist));
        if (!info.groupTitle.isEmpty())
            f.identifiers.insert(QStringLiteral("group_title"), info.groupTitle);
        if (!m_benchmark.isEmpty())
            f.identifiers.insert(QStringLiteral("benchmark"), m_benchmark);
        if (sm.contains(QStringLiteral("detail")))
            evidence << QString(QStringLiteral("Finding details: ") + sm.value(QStringLiteral("detail")));
        if (sm.contains(QStringLiteral("comment")))
            evidence << QString(QStringLiteral("Comments: ") + sm.value(QStringLiteral("comment")));
        for (const QString& m : std::as_const(messages))
            evidence << QString(QStringLiteral("Message: ") + m);
        if (sm.contains(QStringLiteral("newResult")) || sm.contains(QStringLiteral("oldResult"))) {
            QJsonObject o;
            o.insert(QStringLiteral("old"), sm.value(QStringLiteral("oldResult")));
            o.insert(QStringLiteral("new"), sm.value(QStringLiteral("newResult")));
            o.insert(QStringLiteral("authority"), sm.value(QStringLiteral("authority")));
            f.identifiers.insert(QStringLiteral("result_override"), o);
            overrideNotes << QStringLiteral("Result override: %1 -> %2 by %3; %4")
                                 .arg(sm.value(QStringLiteral("oldResult")),
                                      sm.value(QStringLiteral("newResult")),
                                      sm.value(QStringLiteral("authority")),
                                      sm.value(QStringLiteral("remark")));
        }
        evidence << overrideNotes;
        if (!checkText.isEmpty())
            evidence << QString(QStringLiteral("Check: ") + checkText.join(QLatin1Char('\n')));
        if (sm.contains(QStringLiteral("product")))
            f.identifiers.insert(QStringLiteral("result_engine"),
                                 QString(sm.value(QStringLiteral("product")) + QLatin1Char(' ') +
                                         sm.value(QStringLiteral("version"))));
        if (severity.isEmpty())
            severity = info.severity;
        StigText::applySeverity(f, severity, QString(), QString(), unread, evidence);
        if (!unread.isEmpty()) {
            f.identifiers.insert(QStringLiteral("unread"), QJsonArray::fromStringList(unread));
            evidence << QString(QStringLiteral("Not read from the file: ") +
                                unread.join(QStringLiteral(", ")));
        }
        f.evidence = evidence.join(QLatin1Char('\n'));
        f.subjectKind = QStringLiteral("asset");
        f.subject = m_host;
        f.position = (m_testResults > 1 ? QStringLiteral("TestResult %1, ").arg(m_current) : QString()) +
                     QStringLiteral("rule-result %1 (line %2)").arg(index).arg(line);
        f.line = line;
        return m_sink.finding(std::move(f));
    }

    // A standard XCCDF <override>: the result a reviewer set, the one it replaced and why.
    QString overrideOf()
    {
        const QString authority = attr(m_xml, "authority");
        QString oldResult;
        QString newResult;
        QString remark;
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "old-result"))
                oldResult = textOf(m_xml);
            else if (is(m_xml, "new-result"))
                newResult = textOf(m_xml);
            else if (is(m_xml, "remark"))
                remark = textOf(m_xml);
            else
                m_xml.skipCurrentElement();
        }
        return QStringLiteral("Result override: %1 -> %2 by %3; %4")
            .arg(oldResult, newResult, authority, remark);
    }

    // <check>: the reference's name, plain check-content text, and the sm: extensions inside it.
    void check(QStringList& text, QHash<QString, QString>& sm)
    {
        while (m_xml.readNextStartElement()) {
            if (is(m_xml, "check-content-ref")) {
                const QString name = attr(m_xml, "name");
                if (!name.isEmpty())
                    text << QString(QStringLiteral("ref ") + name);
                m_xml.skipCurrentElement();
            } else if (is(m_xml, "check-content")) {
                content(text, sm);
            } else {
                m_xml.skipCurrentElement();
            }
        }
    }

    void content(QStringList& text, QHash<QString, QString>& sm)
    {
        static const QStringList leaves = {
            QStringLiteral("detail"),    QStringLiteral("comment"),   QStringLiteral("remark"),
            QStringLiteral("authority"), QStringLiteral("newResult"), QStringLiteral("oldResult"),
            QStringLiteral("product"),   QStringLiteral("version"),
        };
        QString own;
        int depth = 0;
        while (!m_xml.atEnd()) {
            const QXmlStreamReader::TokenType t = m_xml.readNext();
            if (t == QXmlStreamReader::Characters && depth == 0) {
                own += m_xml.text();
            } else if (t == QXmlStreamReader::StartElement) {
                const QString name = m_xml.name().toString();
                if (leaves.contains(name)) {
                    const QString value = textOf(m_xml);
                    if (!sm.contains(name))
                        sm.insert(name, value);
                } else {
                    ++depth; // descend (resultEngine, overrides, ...): their leaves are read above
                }
            } else if (t == QXmlStreamReader::EndElement) {
                if (depth == 0)
                    break;
                --depth;
            }
        }
        if (!own.trimmed().isEmpty())
            text << own.trimmed();
    }

    struct TestResultInfo
    {
        QString id;
        QString testSystem;
        QString start;
        QString end;
        QString target;
        QString factHost;
        QStringList addresses;
    };

    QString m_path;
    ScanSink& m_sink;
    QXmlStreamReader m_xml;
    bool m_emit = false;
    int m_current = 0; // the TestResult being read, 1-based
    QString m_benchmarkId;
    QString m_version;
    QString m_title;
    QString m_releaseInfo;
    QString m_creator;
    QHash<QString, RuleInfo> m_rules;
    TestResultInfo m_tr;
    int m_testResults = 0;
    bool m_subjectSent = false;
    QString m_host;
    QString m_stigId;
    QString m_benchmark;
    QString m_tool;
};

} // namespace

Status XccdfResultsParser::parse(const QString& path, ScanSink& sink)
{
    Reader reader(path, sink);
    if (Status s = reader.run(false); !s.ok())
        return s;
    return reader.run(true);
}

} // namespace tollgate
