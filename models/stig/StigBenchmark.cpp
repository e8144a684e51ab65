#include "stig/StigBenchmark.h"

#include "base/Logging.h"
#include "findings/StigText.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>
#include <functional>

namespace tollgate {

extern const char* const kBuiltInStigBenchmark; // generated from resources/stig/*.xml
extern const char* const kBuiltInStigBenchmarkFile;

namespace {

QString text(QXmlStreamReader& xml)
{
    return xml.readElementText(QXmlStreamReader::IncludeChildElements);
}

// DISA writes a rule's description as escaped XML: <VulnDiscussion>..</VulnDiscussion>
// <FalsePositives>..</FalsePositives>... Read it leniently (a stray '&' in a DISA text must not lose
// the rule), tag by tag.
QHash<QString, QString> descriptionParts(const QString& description)
{
    static const QRegularExpression tag(QStringLiteral("<([A-Za-z]+)>(.*?)</\\1>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    QHash<QString, QString> out;
    auto it = tag.globalMatch(description);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString value = m.captured(2);
        value.replace(QLatin1String("&lt;"), QLatin1String("<"));
        value.replace(QLatin1String("&gt;"), QLatin1String(">"));
        value.replace(QLatin1String("&quot;"), QLatin1String("\""));
        value.replace(QLatin1String("&apos;"), QLatin1String("'"));
        value.replace(QLatin1String("&amp;"), QLatin1String("&"));
        out.insert(m.captured(1), value);
    }
    return out;
}

StigBenchmark::Rule readRule(QXmlStreamReader& xml, const QString& vulnId, const QString& groupTitle)
{
    StigBenchmark::Rule r;
    r.vulnId = vulnId;
    r.groupTitle = groupTitle;
    r.ruleId = xml.attributes().value(QLatin1String("id")).toString();
    r.severity = xml.attributes().value(QLatin1String("severity")).toString();
    r.weight = xml.attributes().value(QLatin1String("weight")).toString();
    while (xml.readNextStartElement()) {
        const QStringView name = xml.name();
        if (name == QLatin1String("version")) {
            r.stigId = text(xml).trimmed();
        } else if (name == QLatin1String("title")) {
            r.title = text(xml).trimmed();
        } else if (name == QLatin1String("description")) {
            const QHash<QString, QString> p = descriptionParts(text(xml));
            r.discussion = p.value(QStringLiteral("VulnDiscussion"));
            r.falsePositives = p.value(QStringLiteral("FalsePositives"));
            r.falseNegatives = p.value(QStringLiteral("FalseNegatives"));
            r.documentable = p.value(QStringLiteral("Documentable"));
            r.mitigations = p.value(QStringLiteral("Mitigations"));
            r.severityOverrideGuidance = p.value(QStringLiteral("SeverityOverrideGuidance"));
            r.potentialImpacts = p.value(QStringLiteral("PotentialImpacts"));
            r.thirdPartyTools = p.value(QStringLiteral("ThirdPartyTools"));
            r.mitigationControl = p.value(QStringLiteral("MitigationControl"));
            r.responsibility = p.value(QStringLiteral("Responsibility"));
            r.iaControls = p.value(QStringLiteral("IAControls"));
        } else if (name == QLatin1String("ident")) {
            const QString system = xml.attributes().value(QLatin1String("system")).toString();
            const QString value = text(xml).trimmed();
            if (value.isEmpty())
                continue;
            if (system.endsWith(QLatin1String("/cci")))
                r.ccis << value;
            else if (system.endsWith(QLatin1String("/legacy")))
                r.legacy << value;
        } else if (name == QLatin1String("fixtext")) {
            r.fixText = text(xml);
        } else if (name == QLatin1String("check")) {
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("check-content")) {
                    r.checkText = text(xml);
                } else {
                    if (xml.name() == QLatin1String("check-content-ref"))
                        r.checkRef = xml.attributes().value(QLatin1String("name")).toString();
                    xml.skipCurrentElement();
                }
            }
        } else {
            xml.skipCurrentElement();
        }
    }
    return r;
}

} // namespace

Result<StigBenchmark> StigBenchmark::builtIn()
{
    auto b = parse(QByteArray(kBuiltInStigBenchmark), QStringLiteral("built-in Kubernetes STIG"));
    if (b)
        b->m_fileName = QString::fromLatin1(kBuiltInStigBenchmarkFile);
    return b;
}

Result<StigBenchmark> StigBenchmark::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    auto b = parse(f.readAll(), path);
    if (b)
        b->m_fileName = QFileInfo(path).fileName();
    return b;
}

Result<StigBenchmark> StigBenchmark::parse(const QByteArray& data, const QString& label)
{
    QXmlStreamReader xml(data);
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType t = xml.readNext();
        if (t == QXmlStreamReader::DTD) {
            if (Status s = StigText::refuseEntities(xml, label); !s.ok())
                return s.error();
        } else if (t == QXmlStreamReader::StartElement) {
            break;
        }
    }
    if (xml.hasError())
        return StigText::xmlError(xml, label);
    if (xml.tokenType() != QXmlStreamReader::StartElement || xml.name() != QLatin1String("Benchmark"))
        return Error(label, static_cast<int>(xml.lineNumber()),
                     QStringLiteral("not an XCCDF benchmark: the root element must be <Benchmark>"));
    StigBenchmark b;
    b.m_id = xml.attributes().value(QLatin1String("id")).toString();
    QSet<QString> seen;
    Status failed;
    // Groups may nest (XCCDF allows it; DISA's do not). A group's title comes before its rules.
    std::function<void(const QString&, QString&)> walk = [&](const QString& groupId, QString& groupTitle) {
        while (failed.ok() && xml.readNextStartElement()) {
            const QStringView name = xml.name();
            if (name == QLatin1String("Group")) {
                const QString id = xml.attributes().value(QLatin1String("id")).toString();
                QString title;
                walk(id, title);
            } else if (name == QLatin1String("Rule")) {
                const int line = static_cast<int>(xml.lineNumber());
                Rule r = readRule(xml, groupId, groupTitle);
                if (r.vulnId.isEmpty())
                    r.vulnId = r.ruleId;
                if (r.ruleId.isEmpty()) {
                    failed =
                        Error(label, line, QStringLiteral("a Rule without an id in group %1").arg(groupId));
                    return;
                }
                if (seen.contains(r.vulnId)) {
                    failed = Error(label, line, QStringLiteral("%1 appears twice").arg(r.vulnId));
                    return;
                }
                seen.insert(r.vulnId);
                b.m_rules << r;
            } else if (name == QLatin1String("title")) {
                (groupId.isEmpty() ? b.m_title : groupTitle) = text(xml).trimmed();
            } else if (groupId.isEmpty() && name == QLatin1String("description")) {
                b.m_description = text(xml).trimmed();
            } else if (groupId.isEmpty() && name == QLatin1String("version")) {
                b.m_version = text(xml).trimmed();
            } else if (groupId.isEmpty() && name == QLatin1String("plain-text") &&
                       xml.attributes().value(QLatin1String("id")) == QLatin1String("release-info")) {
                b.m_releaseInfo = text(xml).trimmed();
            } else {
                xml.skipCurrentElement();
            }
        }
    };
    QString none;
    walk(QString(), none);
    if (!failed.ok())
        return failed.error();
    if (xml.hasError())
        return StigText::xmlError(xml, label);
    if (b.m_rules.isEmpty())
        return Error(label, 0, QStringLiteral("the benchmark has no Group/Rule"));
    qCDebug(lcExport) << label << b.label() << b.m_rules.size() << "rules";
    return b;
}

QString StigBenchmark::label() const
{
    return StigText::benchmarkLabel(m_id, m_version, m_releaseInfo);
}

} // namespace tollgate
