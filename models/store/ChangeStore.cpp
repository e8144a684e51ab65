#include "store/ChangeStore.h"

#include "Statement.h"
#include "store/AuditLog.h"
#include "store/Workspace.h"

#include <QJsonArray>

namespace tollgate {

const QStringList& ChangeStore::verdicts()
{
    static const QStringList v = {QStringLiteral("approved"), QStringLiteral("rejected"),
                                  QStringLiteral("needs-info"), QStringLiteral("refer-ao")};
    return v;
}

Status ChangeStore::decide(const QJsonObject& change, qint64 newSnapshot, const QString& verdict,
                           const QString& rationale, const QString& reviewer)
{
    if (!verdicts().contains(verdict))
        return Error(QStringLiteral("a decision is one of: %1").arg(verdicts().join(QStringLiteral(", "))));
    if (rationale.trimmed().isEmpty())
        return Error(QStringLiteral("a decision needs a rationale"));
    if (reviewer.trimmed().isEmpty())
        return Error(QStringLiteral("a decision needs the reviewer's name"));
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    const QString id = change.value(QLatin1String("id")).toString();
    Statement q(
        m_ws.handle(),
        "INSERT INTO decisions (identity, kind, value, detail, justification, evidence_digest, reviewer, "
        "os_user, decided_at, snapshot_id) VALUES (?, 'change', ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, id)
        .bind(2, verdict)
        .bind(3, change.value(QLatin1String("summary")).toString())
        .bind(4, rationale.trimmed());
    q.bind(5, change.value(QLatin1String("evidence_digest")).toString()).bind(6, reviewer.trimmed());
    q.bind(7, m_ws.identity().osUser()).bind(8, m_ws.nowText()).bind(9, newSnapshot);
    if (!q.exec())
        return Error(QStringLiteral("cannot record the decision: %1").arg(q.errorText()));
    if (auto a = AuditLog::append(
            m_ws, QStringLiteral("change.decide"), id,
            QStringLiteral("%1 by %2 on snapshot %3: %4 (%5)")
                .arg(verdict, reviewer.trimmed())
                .arg(newSnapshot)
                .arg(change.value(QLatin1String("summary")).toString(), rationale.trimmed()));
        !a)
        return a.error();
    return tx.commit();
}

Result<QList<QJsonObject>> ChangeStore::annotate(QList<QJsonObject> changes) const
{
    Statement q(m_ws.handle(),
                "SELECT value, justification, reviewer, os_user, decided_at, snapshot_id FROM decisions "
                "WHERE kind = 'change' AND identity = ? ORDER BY id");
    for (QJsonObject& c : changes) {
        q.reset();
        q.bind(1, c.value(QLatin1String("id")).toString());
        QJsonArray history;
        while (q.step())
            history.append(QJsonObject{{QStringLiteral("decision"), q.text(0)},
                                       {QStringLiteral("rationale"), q.text(1)},
                                       {QStringLiteral("reviewer"), q.text(2)},
                                       {QStringLiteral("os_user"), q.text(3)},
                                       {QStringLiteral("decided_at"), q.text(4)},
                                       {QStringLiteral("snapshot"), q.int64(5)}});
        if (q.failed())
            return Error(QStringLiteral("cannot read decisions: %1").arg(q.errorText()));
        const QJsonObject last = history.isEmpty() ? QJsonObject() : history.last().toObject();
        c.insert(QStringLiteral("decision"), last.isEmpty()
                                                 ? QStringLiteral("undecided")
                                                 : last.value(QLatin1String("decision")).toString());
        c.insert(QStringLiteral("decided_by"), last.value(QLatin1String("reviewer")).toString());
        c.insert(QStringLiteral("decided_at"), last.value(QLatin1String("decided_at")).toString());
        c.insert(QStringLiteral("rationale"), last.value(QLatin1String("rationale")).toString());
        c.insert(QStringLiteral("decisions"), history);
    }
    return changes;
}

Result<QJsonObject> ChangeStore::baseline() const
{
    Statement q(
        m_ws.handle(),
        "SELECT snapshot_id, approved_by, os_user, approved_at FROM baselines ORDER BY id DESC LIMIT 1");
    QJsonObject o{{QStringLiteral("snapshot"), 0}};
    if (q.step())
        o = QJsonObject{{QStringLiteral("snapshot"), q.int64(0)},
                        {QStringLiteral("approved_by"), q.text(1)},
                        {QStringLiteral("os_user"), q.text(2)},
                        {QStringLiteral("approved_at"), q.text(3)}};
    else if (q.failed())
        return Error(QStringLiteral("cannot read the baseline: %1").arg(q.errorText()));
    return o;
}

Status ChangeStore::setBaseline(qint64 id, const QString& approver,
                                const QList<QJsonObject>& annotatedChanges)
{
    if (approver.trimmed().isEmpty())
        return Error(QStringLiteral("a baseline needs the approver's name"));
    auto current = baseline();
    if (!current)
        return current.error();
    if (current->value(QLatin1String("snapshot")).toInteger() != 0) {
        QStringList blocking;
        for (const QJsonObject& c : annotatedChanges) {
            const QString d = c.value(QLatin1String("decision")).toString();
            if (d != QLatin1String("approved"))
                blocking << QStringLiteral("%1 (%2)").arg(c.value(QLatin1String("id")).toString(), d);
        }
        if (!blocking.isEmpty())
            return Error(QStringLiteral("%1 change(s) are not approved: %2")
                             .arg(blocking.size())
                             .arg(blocking.mid(0, 10).join(QStringLiteral(", "))));
    }
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    Statement q(m_ws.handle(),
                "INSERT INTO baselines (snapshot_id, approved_by, os_user, approved_at) VALUES (?, ?, ?, ?)");
    q.bind(1, id).bind(2, approver.trimmed()).bind(3, m_ws.identity().osUser()).bind(4, m_ws.nowText());
    if (!q.exec())
        return Error(QStringLiteral("cannot record the baseline: %1").arg(q.errorText()));
    if (auto a = AuditLog::append(
            m_ws, QStringLiteral("baseline.set"), QString::number(id),
            QStringLiteral("snapshot %1 approved as baseline by %2").arg(id).arg(approver.trimmed()));
        !a)
        return a.error();
    return tx.commit();
}

} // namespace tollgate
