#include "store/ReportStore.h"

#include "Statement.h"
#include "store/Workspace.h"

namespace tollgate {

Status ReportStore::record(const Record& r)
{
    Statement q(m_ws.handle(), "INSERT INTO reports (snapshot_id, kind, path, sha256, signer, created_at, "
                               "audit_head) VALUES (?,?,?,?,?,?,?)");
    if (r.snapshotId > 0)
        q.bind(1, r.snapshotId);
    else
        q.bindNull(1);
    q.bind(2, r.kind)
        .bind(3, r.path)
        .bind(4, r.sha256)
        .bind(5, r.signer)
        .bind(6, r.createdAt)
        .bind(7, r.auditHead);
    if (!q.exec())
        return Error(QStringLiteral("cannot record the report: %1").arg(q.errorText()));
    return {};
}

Result<QList<ReportStore::Record>> ReportStore::list() const
{
    Statement q(m_ws.handle(), "SELECT id, snapshot_id, kind, path, sha256, signer, created_at, audit_head "
                               "FROM reports ORDER BY id DESC");
    if (!q.prepared())
        return Error(QStringLiteral("cannot list the reports: %1").arg(q.prepareError()));
    QList<Record> out;
    while (q.step()) {
        Record r;
        r.id = q.int64(0);
        r.snapshotId = q.int64(1);
        r.kind = q.text(2);
        r.path = q.text(3);
        r.sha256 = q.text(4);
        r.signer = q.text(5);
        r.createdAt = q.text(6);
        r.auditHead = q.text(7);
        out << r;
    }
    if (q.failed())
        return Error(QStringLiteral("cannot list the reports: %1").arg(q.errorText()));
    return out;
}

} // namespace tollgate
