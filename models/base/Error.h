#pragma once

#include <QString>

namespace tollgate {

// An error as a value: which file, which line (1-based, 0 when unknown) and what is wrong.
class Error
{
public:
    Error() = default;
    explicit Error(QString what) : m_what(std::move(what)) {}
    Error(QString file, int line, QString what)
        : m_file(std::move(file)), m_line(line), m_what(std::move(what))
    {}

    const QString& file() const { return m_file; }
    int line() const { return m_line; }
    const QString& what() const { return m_what; }

    // "file:line: what", "file: what" or "what", the form every message of Tollgate uses.
    QString toString() const
    {
        if (m_file.isEmpty())
            return m_what;
        if (m_line > 0)
            return m_file + QLatin1Char(':') + QString::number(m_line) + QStringLiteral(": ") + m_what;
        return m_file + QStringLiteral(": ") + m_what;
    }

private:
    QString m_file;
    int m_line = 0;
    QString m_what;
};

} // namespace tollgate
