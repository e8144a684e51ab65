#pragma once

#include "base/Result.h"

struct sqlite3;

namespace tollgate {

// The workspace schema and its migrations, applied through PRAGMA user_version.
class Schema
{
public:
    // 'TGAT': marks a SQLite file as a Tollgate workspace (PRAGMA application_id).
    static constexpr int ApplicationId = 0x54474154;
    // The version this build writes. A workspace with a higher version is refused.
    static constexpr int CurrentVersion = 3;

    // Brings a workspace at version `from` up to CurrentVersion, inside the caller's transaction.
    [[nodiscard]] static Status migrate(sqlite3* db, int from);
};

} // namespace tollgate
