#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate {

// Renders rows (one JSON object each) as an aligned text table, CSV (RFC 4180 quoting) or a JSON
// array, the three output shapes of every listing verb.
class TabularFormat
{
public:
    struct Column
    {
        QString key;
        QString header;
    };

    static QString table(const QList<QJsonObject>& rows, const QList<Column>& columns);
    static QString csv(const QList<QJsonObject>& rows, const QList<Column>& columns);
    static QString json(const QList<QJsonObject>& rows);
    // A cell as text: strings as they are, arrays joined with ", ", objects as k=v.
    static QString cell(const QJsonValue& v);
    static QString csvField(const QString& s);
};

} // namespace tollgate
