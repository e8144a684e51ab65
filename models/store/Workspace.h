#pragma once

#include "base/Clock.h"
#include "base/Identity.h"
#include "base/Result.h"

#include <QString>
#include <memory>

struct sqlite3;

namespace tollgate {

// One Tollgate workspace: one SQLite file (extension .tollgate) holding the snapshots of one system,
// the review decisions, the report records and the audit log. One connection, one thread.
//
// Opening never modifies a file that is not a Tollgate workspace: the header is read as plain bytes
// before SQLite touches it. A workspace on read-only media opens read-only (immutable).
class Workspace
{
public:
    enum class OpenMode
    {
        ReadWrite,
        ReadOnly
    };

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    // Creates a new, empty workspace. Refuses an existing file.
    [[nodiscard]] static Result<std::unique_ptr<Workspace>> create(const QString& path, const Clock& clock,
                                                                   const Identity& identity);
    [[nodiscard]] static Result<std::unique_ptr<Workspace>>
    open(const QString& path, OpenMode mode, const Clock& clock, const Identity& identity);

    // Whether `path` starts with a Tollgate workspace header (cheap; reads 100 bytes, writes nothing).
    [[nodiscard]] static Status checkHeader(const QString& path);

    const QString& path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    const Clock& clock() const { return *m_clock; }
    const Identity& identity() const { return m_identity; }
    void setIdentity(const Identity& identity) { m_identity = identity; }
    int schemaVersion() const;
    // The schema version this build writes (a workspace of a newer one is refused).
    static int currentSchemaVersion();

    // Full integrity check on demand (quick_check runs at every open).
    [[nodiscard]] Status integrityCheck();
    // Writes a consistent copy of the workspace to `target` (VACUUM INTO): the way to carry it across.
    [[nodiscard]] Status exportCopy(const QString& target);

    // Store layer only: the raw connection.
    sqlite3* handle() const { return m_db; }
    [[nodiscard]] Status exec(const char* sql);
    QString lastError() const;
    // Current time as stored: ISO-8601 UTC with seconds.
    QString nowText() const;

private:
    Workspace(QString path, sqlite3* db, bool readOnly, const Clock& clock, const Identity& identity);

    QString m_path;
    sqlite3* m_db = nullptr;
    bool m_readOnly = false;
    const Clock* m_clock;
    Identity m_identity;
};

// A writer's transaction: BEGIN IMMEDIATE at construction, rolled back unless committed.
class Transaction
{
public:
    explicit Transaction(Workspace& ws);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool active() const { return m_active; }
    const Error& beginError() const { return m_error; }
    [[nodiscard]] Status commit();

private:
    Workspace& m_ws;
    bool m_active = false;
    Error m_error;
};

} // namespace tollgate
