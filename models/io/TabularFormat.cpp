#include "io/TabularFormat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tollgate {

QString TabularFormat::cell(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == static_cast<double>(static_cast<qint64>(d)) ? QString::number(static_cast<qint64>(d))
                                                                : QString::number(d);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue& x : v.toArray())
            parts << (x.isObject() ? cell(x.toObject().value(QLatin1String("image"))) : cell(x));
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parts << it.key() + QLatin1Char('=') + cell(it.value());
        return parts.join(QLatin1Char(','));
    }
    default:
        return {};
    }
}

QString TabularFormat::table(const QList<QJsonObject>& rows, const QList<Column>& columns)
{
    QList<qsizetype> widths;
    for (const Column& c : columns)
        widths << c.header.size();
    QList<QStringList> cells;
    for (const QJsonObject& r : rows) {
        QStringList line;
        for (int i = 0; i < columns.size(); ++i) {
            const QString s = cell(r.value(columns[i].key));
            widths[i] = qMax(widths[i], s.size());
            line << s;
        }
        cells << line;
    }
    QString out;
    auto emit = [&](const QStringList& line) {
        QString l;
        for (int i = 0; i < line.size(); ++i) {
            if (i + 1 < line.size())
                l += line[i].leftJustified(widths[i] + 2, QLatin1Char(' '));
            else
                l += line[i];
        }
        out += l + QLatin1Char('\n');
    };
    QStringList header;
    for (const Column& c : columns)
        header << c.header;
    emit(header);
    for (const QStringList& line : cells)
        emit(line);
    return out;
}

QString TabularFormat::csvField(const QString& s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r'))) {
        QString q = s;
        q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }
    return s;
}

QString TabularFormat::csv(const QList<QJsonObject>& rows, const QList<Column>& columns)
{
    QString out;
    QStringList header;
    for (const Column& c : columns)
        header << csvField(c.key);
    out += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QJsonObject& r : rows) {
        QStringList line;
        for (const Column& c : columns)
            line << csvField(cell(r.value(c.key)));
        out += line.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString TabularFormat::json(const QList<QJsonObject>& rows)
{
    QJsonArray arr;
    for (const QJsonObject& r : rows)
        arr.append(r);
    return QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented));
}

} // namespace tollgate
