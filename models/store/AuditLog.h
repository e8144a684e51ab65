#pragma once

#include "base/Result.h"

#include <QList>
#include <QString>

namespace tollgate {

class Workspace;

// The tamper-evident log of every review action. Each entry hashes all its columns and the hash of
// the entry before it; the newest hash goes into every report, so cutting entries off the end is
// detectable too. append() is the only writer and must run inside the caller's BEGIN IMMEDIATE.
class AuditLog
{
public:
    struct Entry
    {
        qint64 seq = 0;
        QString at;
        QString actor;
        QString osUser;
        QString action;
        QString subject;
        QString detail;
        QString prevHash;
        QString hash;
    };

    struct Verification
    {
        bool ok = true;
        int entries = 0;
        qint64 firstBroken = 0; // seq of the first entry that does not verify, 0 if none
        QString reason;
        QString head; // hash of the newest entry
    };

    static constexpr const char* GenesisHash =
        "0000000000000000000000000000000000000000000000000000000000000000";

    // Appends an entry; returns its hash. Fails outside a write transaction.
    [[nodiscard]] static Result<QString> append(Workspace& ws, const QString& action, const QString& subject,
                                                const QString& detail);
    [[nodiscard]] static Result<QList<Entry>> entries(const Workspace& ws);
    [[nodiscard]] static Verification verify(const Workspace& ws);
    [[nodiscard]] static QString computeHash(const Entry& e);
};

} // namespace tollgate
