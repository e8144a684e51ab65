#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace tollgate {

// RAII wrapper over one prepared SQLite statement. Part of the store layer: only store classes use it.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool prepared() const { return m_stmt != nullptr; }
    const QString& prepareError() const { return m_error; }

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<qint64>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& value); // as text
    // Binds without copying: `value` must stay alive and unchanged until the statement is reset.
    Statement& bindStatic(int index, const QByteArray& value);
    Statement& bindNull(int index);

    // Steps once: true while a row is available. done() tells whether the statement finished cleanly.
    [[nodiscard]] bool step();
    // Executes to completion; false on error (see errorText()).
    [[nodiscard]] bool exec();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const;
    bool isNull(int column) const;

    bool failed() const { return m_failed; }
    QString errorText() const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
    bool m_failed = false;
};

} // namespace tollgate
