#include "kube/LabelSelector.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace tollgate {

namespace {
bool isQualifiedName(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$"));
    return !s.isEmpty() && s.size() <= 63 && re.match(s).hasMatch();
}

bool isDnsSubdomain(const QString& s)
{
    static const QRegularExpression re(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return !s.isEmpty() && s.size() <= 253 && re.match(s).hasMatch();
}

QString scalarText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return {};
}
} // namespace

bool LabelSelector::isValidKey(const QString& key)
{
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return isQualifiedName(key);
    return isDnsSubdomain(key.left(slash)) && isQualifiedName(key.mid(slash + 1));
}

bool LabelSelector::isValidValue(const QString& value)
{
    return value.isEmpty() || isQualifiedName(value);
}

Result<LabelSelector> LabelSelector::parse(const QJsonValue& value)
{
    LabelSelector sel;
    if (value.isNull() || value.isUndefined())
        return sel;
    if (!value.isObject())
        return Error(QStringLiteral("selector error: a label selector must be a mapping"));
    const QJsonObject o = value.toObject();
    const QJsonValue ml = o.value(QLatin1String("matchLabels"));
    if (!ml.isNull() && !ml.isUndefined()) {
        if (!ml.isObject())
            return Error(QStringLiteral("selector error: matchLabels must be a mapping"));
        const QJsonObject m = ml.toObject();
        for (auto it = m.begin(); it != m.end(); ++it) {
            const QString v = scalarText(it.value());
            if (!isValidKey(it.key()))
                return Error(QStringLiteral("selector error: key: Invalid value: \"%1\"").arg(it.key()));
            if (!isValidValue(v))
                return Error(
                    QStringLiteral("selector error: values[0][%1]: Invalid value: \"%2\"").arg(it.key(), v));
            sel.m_labels.append({it.key(), v});
        }
    }
    const QJsonValue me = o.value(QLatin1String("matchExpressions"));
    if (!me.isNull() && !me.isUndefined()) {
        if (!me.isArray())
            return Error(QStringLiteral("selector error: matchExpressions must be a list"));
        for (const QJsonValue& ev : me.toArray()) {
            const QJsonObject e = ev.toObject();
            Expression x;
            x.key = e.value(QLatin1String("key")).toString();
            if (!isValidKey(x.key))
                return Error(QStringLiteral("selector error: key: Invalid value: \"%1\"").arg(x.key));
            const QString op = e.value(QLatin1String("operator")).toString();
            if (op == QLatin1String("In"))
                x.op = Expression::In;
            else if (op == QLatin1String("NotIn"))
                x.op = Expression::NotIn;
            else if (op == QLatin1String("Exists"))
                x.op = Expression::Exists;
            else if (op == QLatin1String("DoesNotExist"))
                x.op = Expression::DoesNotExist;
            else
                return Error(
                    QStringLiteral("selector error: \"%1\" is not a valid label selector operator").arg(op));
            for (const QJsonValue& v : e.value(QLatin1String("values")).toArray()) {
                const QString s = scalarText(v);
                if (!isValidValue(s))
                    return Error(QStringLiteral("selector error: values: Invalid value: \"%1\"").arg(s));
                x.values << s;
            }
            if ((x.op == Expression::In || x.op == Expression::NotIn) && x.values.isEmpty())
                return Error(
                    QStringLiteral("selector error: values: Required value: for 'in', 'notin' operators, "
                                   "values set can't be empty"));
            if ((x.op == Expression::Exists || x.op == Expression::DoesNotExist) && !x.values.isEmpty())
                return Error(
                    QStringLiteral("selector error: values: Forbidden: may not be specified when `operator` "
                                   "is 'Exists' or 'DoesNotExist'"));
            sel.m_expressions.append(x);
        }
    }
    return sel;
}

bool LabelSelector::matches(const QJsonObject& labels) const
{
    for (const auto& [k, v] : m_labels) {
        const QJsonValue l = labels.value(k);
        if (l.isUndefined() || scalarText(l) != v)
            return false;
    }
    for (const Expression& e : m_expressions) {
        const QJsonValue l = labels.value(e.key);
        const bool has = !l.isUndefined();
        switch (e.op) {
        case Expression::In:
            if (!has || !e.values.contains(scalarText(l)))
                return false;
            break;
        case Expression::NotIn:
            if (has && e.values.contains(scalarText(l)))
                return false;
            break;
        case Expression::Exists:
            if (!has)
                return false;
            break;
        case Expression::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

QString LabelSelector::toString() const
{
    QStringList parts;
    for (const auto& [k, v] : m_labels)
        parts << k + QLatin1Char('=') + v;
    for (const Expression& e : m_expressions) {
        switch (e.op) {
        case Expression::In:
            parts << QStringLiteral("%1 in (%2)").arg(e.key, e.values.join(QLatin1Char(',')));
            break;
        case Expression::NotIn:
            parts << QStringLiteral("%1 notin (%2)").arg(e.key, e.values.join(QLatin1Char(',')));
            break;
        case Expression::Exists:
            parts << e.key;
            break;
        case Expression::DoesNotExist:
            parts << QLatin1Char('!') + e.key;
            break;
        }
    }
    return parts.isEmpty() ? QStringLiteral("{}") : parts.join(QLatin1Char(','));
}

} // namespace tollgate
