#include "store/AuditLog.h"

#include "Statement.h"
#include "base/Logging.h"
#include "base/Sha256.h"
#include "store/Workspace.h"

#include <sqlite3.h>

namespace tollgate {

QString AuditLog::computeHash(const Entry& e)
{
    // Unit separators keep fields apart: "a","bc" never hashes like "ab","c".
    const QChar us(0x1f);
    const QString canonical = QString::number(e.seq) + us + e.at + us + e.actor + us + e.osUser + us +
                              e.action + us + e.subject + us + e.detail + us + e.prevHash;
    return QString::fromLatin1(Sha256::hex(canonical.toUtf8()));
}

Result<QString> AuditLog::append(Workspace& ws, const QString& action, const QString& subject,
                                 const QString& detail)
{
    sqlite3* db = ws.handle();
    if (sqlite3_get_autocommit(db))
        return Error(ws.path(), 0,
                     QStringLiteral("internal error: audit append outside a write transaction"));
    Entry e;
    {
        Statement last(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            e.seq = last.int64(0) + 1;
            e.prevHash = last.text(1);
        } else {
            e.seq = 1;
            e.prevHash = QString::fromLatin1(GenesisHash);
        }
    }
    e.at = ws.nowText();
    e.actor = ws.identity().reviewer();
    e.osUser = ws.identity().osUser();
    e.action = action;
    e.subject = subject;
    e.detail = detail;
    e.hash = computeHash(e);
    Statement ins(db,
                  "INSERT INTO audit_log(seq, at, actor, os_user, action, subject, detail, prev_hash, hash) "
                  "VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.osUser).bind(5, e.action);
    ins.bind(6, e.subject).bind(7, e.detail).bind(8, e.prevHash).bind(9, e.hash);
    if (!ins.exec())
        return Error(ws.path(), 0, QStringLiteral("cannot append to the audit log: %1").arg(ins.errorText()));
    qCDebug(lcAudit) << "appended" << e.seq << action << subject;
    return e.hash;
}

Result<QList<AuditLog::Entry>> AuditLog::entries(const Workspace& ws)
{
    Statement st(ws.handle(), "SELECT seq, at, actor, os_user, action, subject, detail, prev_hash, hash FROM "
                              "audit_log ORDER BY seq");
    if (!st.prepared())
        return Error(ws.path(), 0, st.prepareError());
    QList<Entry> out;
    while (st.step()) {
        Entry e;
        e.seq = st.int64(0);
        e.at = st.text(1);
        e.actor = st.text(2);
        e.osUser = st.text(3);
        e.action = st.text(4);
        e.subject = st.text(5);
        e.detail = st.text(6);
        e.prevHash = st.text(7);
        e.hash = st.text(8);
        out << e;
    }
    if (st.failed())
        return Error(ws.path(), 0, st.errorText());
    return out;
}

AuditLog::Verification AuditLog::verify(const Workspace& ws)
{
    Verification v;
    auto list = entries(ws);
    if (!list) {
        v.ok = false;
        v.reason = list.error().what();
        return v;
    }
    QString prev = QString::fromLatin1(GenesisHash);
    qint64 expectSeq = 1;
    for (const Entry& e : list.value()) {
        ++v.entries;
        QString why;
        if (e.seq != expectSeq)
            why = QStringLiteral("entry %1 is missing (found %2 next)").arg(expectSeq).arg(e.seq);
        else if (e.prevHash != prev)
            why = QStringLiteral("entry %1 does not chain to the entry before it").arg(e.seq);
        else if (computeHash(e) != e.hash)
            why = QStringLiteral("entry %1 was altered (its hash does not match its contents)").arg(e.seq);
        if (!why.isEmpty()) {
            v.ok = false;
            v.firstBroken = e.seq;
            v.reason = why;
            return v;
        }
        prev = e.hash;
        ++expectSeq;
    }
    v.head = prev;
    return v;
}

} // namespace tollgate
