#include "findings/Severity.h"

namespace tollgate {

int Severity::catFor(const QString& original)
{
    const QString s = original.trimmed().toLower();
    if (s == QLatin1String("critical") || s == QLatin1String("high") || s == QLatin1String("cat i") ||
        s == QLatin1String("i"))
        return 1;
    if (s == QLatin1String("medium") || s == QLatin1String("moderate") || s == QLatin1String("cat ii") ||
        s == QLatin1String("ii"))
        return 2;
    return 3;
}

QString Severity::label(int cat)
{
    switch (cat) {
    case 1:
        return QStringLiteral("CAT I");
    case 2:
        return QStringLiteral("CAT II");
    default:
        return QStringLiteral("CAT III");
    }
}

int Severity::parseCat(const QString& text)
{
    QString s = text.trimmed().toLower();
    s.remove(QLatin1String("cat"));
    s.remove(QLatin1Char('-'));
    s.remove(QLatin1Char('_'));
    s = s.trimmed();
    if (s == QLatin1String("1") || s == QLatin1String("i"))
        return 1;
    if (s == QLatin1String("2") || s == QLatin1String("ii"))
        return 2;
    if (s == QLatin1String("3") || s == QLatin1String("iii"))
        return 3;
    return 0;
}

} // namespace tollgate
