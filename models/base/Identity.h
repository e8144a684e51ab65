#pragma once

#include <QString>

namespace tollgate {

// Who acts: the reviewer's name as typed and the operating-system user that ran the program.
// Injected into every writer so decisions and audit entries are attributable and tests deterministic.
class Identity
{
public:
    Identity() = default;
    Identity(QString reviewer, QString osUser) : m_reviewer(std::move(reviewer)), m_osUser(std::move(osUser))
    {}

    const QString& reviewer() const { return m_reviewer; }
    const QString& osUser() const { return m_osUser; }

    // The current OS user; the reviewer defaults to the same name.
    static Identity fromEnvironment(const QString& reviewer = {});

private:
    QString m_reviewer;
    QString m_osUser;
};

} // namespace tollgate
