#pragma once

#include <QList>
#include <QString>
#include <QVariant>

namespace tollgate {

class Workspace;

// The one door through which tests read a workspace's tables with their own SQL: an oracle
// independent of the store functions under test. Only tests use it; the product's SQL lives in the
// store (models/store), whose Statement is private to the store library.
class SqlProbe
{
public:
    explicit SqlProbe(Workspace& ws) : m_ws(ws) {}

    // Every row of one query, values bound in order (qint64, int, double, QString or QByteArray).
    [[nodiscard]] QList<QVariantList> rows(const char* sql, const QVariantList& binds = {}) const;
    // The first column of the first row; an invalid QVariant when there is no row.
    [[nodiscard]] QVariant value(const char* sql, const QVariantList& binds = {}) const;
    // The first column of the first row as an integer; -1 when there is no row.
    [[nodiscard]] qint64 count(const char* sql, const QVariantList& binds = {}) const;

    // A plain SQLite file of another application at `path` (one table, one row), for the tests that
    // check what Tollgate refuses to open. False when SQLite could not write it.
    [[nodiscard]] static bool writeForeignDatabase(const QString& path);

private:
    Workspace& m_ws;
};

} // namespace tollgate
