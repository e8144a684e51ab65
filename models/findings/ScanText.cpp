#include "findings/ScanText.h"

namespace tollgate::ScanText {

QString digestOf(const QString& text)
{
    const int at = text.indexOf(QLatin1Char('@'));
    const QString d = at >= 0 ? text.mid(at + 1) : text;
    return d.startsWith(QLatin1String("sha256:")) || d.startsWith(QLatin1String("sha512:")) ? d : QString();
}

QStringList strings(const QJsonArray& array)
{
    QStringList out;
    for (const QJsonValue& v : array)
        if (v.isString() && !v.toString().trimmed().isEmpty())
            out << v.toString();
    return out;
}

void addVulnerabilityId(QJsonObject& identifiers, const QString& id)
{
    if (id.isEmpty())
        return;
    QString key = QStringLiteral("advisory");
    if (id.startsWith(QLatin1String("CVE-"), Qt::CaseInsensitive))
        key = QStringLiteral("cve");
    else if (id.startsWith(QLatin1String("GHSA-"), Qt::CaseInsensitive))
        key = QStringLiteral("ghsa");
    QJsonArray list = identifiers.value(key).toArray();
    if (!list.contains(QJsonValue(id)))
        list.append(id);
    identifiers.insert(key, list);
}

QString positionOf(const QString& pointer, int line)
{
    return pointer + QStringLiteral(" (line ") + QString::number(line) + QLatin1Char(')');
}

QString resultFor(const QString& toolStatus)
{
    const QString s = toolStatus.trimmed().toLower();
    if (s == QLatin1String("pass") || s == QLatin1String("passed") || s == QLatin1String("true") ||
        s == QLatin1String("notafinding") || s == QLatin1String("not_a_finding"))
        return QStringLiteral("NotAFinding");
    if (s == QLatin1String("exception") || s == QLatin1String("skip") || s == QLatin1String("skipped") ||
        s == QLatin1String("not_applicable") || s == QLatin1String("notapplicable"))
        return QStringLiteral("Not_Applicable");
    if (s == QLatin1String("warn") || s == QLatin1String("info") || s == QLatin1String("manual") ||
        s == QLatin1String("not_reviewed") || s == QLatin1String("notchecked"))
        return QStringLiteral("Not_Reviewed");
    return QStringLiteral("Open");
}

} // namespace tollgate::ScanText
