#include "findings/StigText.h"

#include "findings/Severity.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace tollgate::StigText {

namespace {

QString squeezed(const QString& raw)
{
    QString s = raw.trimmed().toLower();
    s.remove(QLatin1Char('_'));
    s.remove(QLatin1Char(' '));
    s.remove(QLatin1Char('-'));
    return s;
}

} // namespace

QString checklistStatus(const QString& raw)
{
    const QString s = squeezed(raw);
    if (s == QLatin1String("open"))
        return QStringLiteral("Open");
    if (s == QLatin1String("notafinding"))
        return QStringLiteral("NotAFinding");
    if (s == QLatin1String("notapplicable"))
        return QStringLiteral("Not_Applicable");
    if (s == QLatin1String("notreviewed"))
        return QStringLiteral("Not_Reviewed");
    return {};
}

QString xccdfStatus(const QString& raw)
{
    const QString s = raw.trimmed().toLower();
    if (s == QLatin1String("pass") || s == QLatin1String("fixed"))
        return QStringLiteral("NotAFinding");
    if (s == QLatin1String("fail"))
        return QStringLiteral("Open");
    if (s == QLatin1String("notapplicable"))
        return QStringLiteral("Not_Applicable");
    if (s == QLatin1String("notchecked") || s == QLatin1String("informational") ||
        s == QLatin1String("notselected") || s == QLatin1String("unknown") || s == QLatin1String("error"))
        return QStringLiteral("Not_Reviewed");
    return {};
}

int overrideCat(const QString& text)
{
    if (const int cat = Severity::parseCat(text); cat != 0)
        return cat;
    const QString s = text.trimmed().toLower();
    if (s == QLatin1String("high") || s == QLatin1String("critical"))
        return 1;
    if (s == QLatin1String("medium") || s == QLatin1String("moderate"))
        return 2;
    if (s == QLatin1String("low"))
        return 3;
    return 0;
}

QString benchmarkLabel(const QString& stigId, const QString& version, const QString& releaseInfo)
{
    static const QRegularExpression release(QStringLiteral("Release:\\s*([0-9.]+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression number(QStringLiteral("^[0-9]+$"));
    QString v = version.trimmed();
    const QRegularExpressionMatch m = release.match(releaseInfo);
    if (number.match(v).hasMatch()) {
        v = QLatin1Char('V') + v;
        if (m.hasMatch())
            v += QLatin1Char('R') + m.captured(1);
    } else if (v.isEmpty() && m.hasMatch()) {
        v = QLatin1Char('R') + m.captured(1);
    }
    if (stigId.isEmpty())
        return v;
    if (v.isEmpty())
        return stigId;
    return stigId + QLatin1Char(' ') + v;
}

QString productOfCpe(const QString& cpe, QString* version)
{
    const QString c = cpe.trimmed();
    QStringList parts;
    if (c.startsWith(QLatin1String("cpe:2.3:"), Qt::CaseInsensitive))
        parts = c.mid(8).split(QLatin1Char(':')); // part:vendor:product:version:...
    else if (c.startsWith(QLatin1String("cpe:/"), Qt::CaseInsensitive))
        parts = c.mid(5).split(QLatin1Char(':'));
    if (parts.size() < 3 || parts.at(2).isEmpty() || parts.at(2) == QLatin1String("*"))
        return {};
    if (version && parts.size() > 3 && parts.at(3) != QLatin1String("*") && parts.at(3) != QLatin1String("-"))
        *version = parts.at(3);
    return parts.at(2).toLower();
}

QString displayOf(const QString& host, const QStringList& titles)
{
    QStringList unique;
    for (const QString& t : titles)
        if (!t.isEmpty() && !unique.contains(t))
            unique << t;
    if (unique.isEmpty())
        return host;
    const QString what = unique.size() <= 3 ? unique.join(QStringLiteral("; "))
                                            : QStringLiteral("%1 STIGs").arg(unique.size());
    return host + QStringLiteral(" — ") + what;
}

Status refuseEntities(const QXmlStreamReader& xml, const QString& path)
{
    if (xml.tokenType() != QXmlStreamReader::DTD)
        return {};
    if (!xml.entityDeclarations().isEmpty() || xml.text().contains(QLatin1String("<!ENTITY")))
        return Error(path, static_cast<int>(xml.lineNumber()),
                     QStringLiteral("refused: the XML declares entities in a DOCTYPE (entity expansion is "
                                    "never performed; checklists and XCCDF results have none)"));
    return {};
}

Error xmlError(const QXmlStreamReader& xml, const QString& path)
{
    return Error(path, static_cast<int>(xml.lineNumber()),
                 QStringLiteral("invalid XML: %1").arg(xml.errorString()));
}

void applySeverity(Finding& f, const QString& severity, const QString& override, const QString& justification,
                   QStringList& unread, QStringList& evidence)
{
    f.severityOriginal = severity.trimmed();
    if (f.severityOriginal.isEmpty()) {
        f.severityOriginal = QStringLiteral("unknown");
        unread << QStringLiteral("severity");
    }
    f.severityCat = Severity::catFor(f.severityOriginal);
    if (override.trimmed().isEmpty())
        return;
    const int cat = overrideCat(override);
    f.identifiers.insert(QStringLiteral("severity_override"), override.trimmed());
    if (!justification.trimmed().isEmpty())
        f.identifiers.insert(QStringLiteral("severity_justification"), justification.trimmed());
    if (cat == 0) {
        unread << QStringLiteral("severity override \"%1\"").arg(override.trimmed());
        return;
    }
    f.severityCat = cat;
    const QString why = justification.trimmed().isEmpty()
                            ? QStringLiteral("no justification given")
                            : QString(QStringLiteral("justification: ") + justification.trimmed());
    evidence << QStringLiteral("Severity override: %1 -> %2 (%3, was %4); %5")
                    .arg(f.severityOriginal, override.trimmed(), Severity::label(cat),
                         Severity::label(Severity::catFor(f.severityOriginal)), why);
}

Finding checklistFinding(const StigRule& rule, const QString& source, const QString& host)
{
    QStringList unread = rule.unread;
    QStringList evidence;
    Finding f;
    f.source = source;
    f.category = QStringLiteral("stig");
    f.ruleId = rule.vulnId;
    f.title = rule.ruleTitle.trimmed();
    if (f.title.isEmpty()) {
        unread << QStringLiteral("rule title");
        f.title = rule.vulnId;
    }
    f.result = checklistStatus(rule.status);
    if (f.result.isEmpty()) {
        unread << (rule.status.isEmpty() ? QStringLiteral("status (none given)")
                                         : QStringLiteral("status \"%1\"").arg(rule.status));
        f.result = QStringLiteral("Not_Reviewed");
    }
    f.identifiers.insert(QStringLiteral("stig"), rule.vulnId);
    if (!rule.ruleId.isEmpty())
        f.identifiers.insert(QStringLiteral("rule"), rule.ruleId);
    else
        unread << QStringLiteral("rule id");
    if (!rule.stigId.isEmpty())
        f.identifiers.insert(QStringLiteral("stig_id"), rule.stigId);
    if (!rule.ccis.isEmpty())
        f.identifiers.insert(QStringLiteral("cci"), QJsonArray::fromStringList(rule.ccis));
    if (!rule.legacy.isEmpty())
        f.identifiers.insert(QStringLiteral("legacy"), QJsonArray::fromStringList(rule.legacy));
    if (!rule.groupTitle.isEmpty())
        f.identifiers.insert(QStringLiteral("group_title"), rule.groupTitle);
    if (!rule.benchmark.isEmpty())
        f.identifiers.insert(QStringLiteral("benchmark"), rule.benchmark);
    if (!rule.findingDetails.trimmed().isEmpty())
        evidence << QString(QStringLiteral("Finding details: ") + rule.findingDetails.trimmed());
    if (!rule.comments.trimmed().isEmpty())
        evidence << QString(QStringLiteral("Comments: ") + rule.comments.trimmed());
    applySeverity(f, rule.severity, rule.severityOverride, rule.justification, unread, evidence);
    if (!unread.isEmpty()) {
        f.identifiers.insert(QStringLiteral("unread"), QJsonArray::fromStringList(unread));
        evidence << QString(QStringLiteral("Not read from the file: ") + unread.join(QStringLiteral(", ")));
    }
    f.evidence = evidence.join(QLatin1Char('\n'));
    f.subjectKind = QStringLiteral("asset");
    f.subject = host;
    return f;
}

} // namespace tollgate::StigText
