#include "SqlProbe.h"

#include "store/Workspace.h"

#include <QFile>
#include <sqlite3.h>

namespace tollgate {

namespace {

QVariant columnValue(sqlite3_stmt* stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qint64>(sqlite3_column_int64(stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(stmt, column));
    case SQLITE_NULL:
        return QVariant();
    default:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column)),
                                          sqlite3_column_bytes(stmt, column)));
    }
}

} // namespace

QList<QVariantList> SqlProbe::rows(const char* sql, const QVariantList& binds) const
{
    QList<QVariantList> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_ws.handle(), sql, -1, &stmt, nullptr) != SQLITE_OK) {
        qWarning("SqlProbe: cannot prepare %s: %s", sql, sqlite3_errmsg(m_ws.handle()));
        return out;
    }
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant& v = binds[i];
        if (v.isNull()) {
            sqlite3_bind_null(stmt, i + 1);
        } else if (v.typeId() == QMetaType::Double) {
            sqlite3_bind_double(stmt, i + 1, v.toDouble());
        } else if (v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QByteArray) {
            const QByteArray b = v.typeId() == QMetaType::QString ? v.toString().toUtf8() : v.toByteArray();
            sqlite3_bind_text(stmt, i + 1, b.constData(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
        }
    }
    const int columns = sqlite3_column_count(stmt);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << columnValue(stmt, c);
        out << row;
    }
    if (rc != SQLITE_DONE)
        qWarning("SqlProbe: %s failed: %s", sql, sqlite3_errmsg(m_ws.handle()));
    sqlite3_finalize(stmt);
    return out;
}

QVariant SqlProbe::value(const char* sql, const QVariantList& binds) const
{
    const QList<QVariantList> r = rows(sql, binds);
    return r.isEmpty() || r.first().isEmpty() ? QVariant() : r.first().first();
}

qint64 SqlProbe::count(const char* sql, const QVariantList& binds) const
{
    const QVariant v = value(sql, binds);
    return v.isValid() ? v.toLongLong() : -1;
}

bool SqlProbe::writeForeignDatabase(const QString& path)
{
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK &&
              sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr) ==
                  SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

} // namespace tollgate
