#pragma once

#include "base/Result.h"

#include <QList>
#include <QString>

namespace tollgate {

class Workspace;

// The reports written from a workspace (path, digest, signer, the audit head they carry): one row
// per report, recorded by the writer inside its own transaction. All SQL for reports lives here.
class ReportStore
{
public:
    struct Record
    {
        qint64 id = 0;
        qint64 snapshotId = 0;
        QString kind;
        QString path;
        QString sha256;
        QString signer; // empty: unsigned
        QString createdAt;
        QString auditHead;
    };

    explicit ReportStore(Workspace& ws) : m_ws(ws) {}

    // Inside the caller's transaction.
    [[nodiscard]] Status record(const Record& r);
    // Newest first.
    [[nodiscard]] Result<QList<Record>> list() const;

private:
    Workspace& m_ws;
};

} // namespace tollgate
