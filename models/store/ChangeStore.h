#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QList>

namespace tollgate {

class Workspace;

// Change review (DESIGN 7): decisions on changes (approved, rejected, needs-info, refer-ao, each with
// rationale, reviewer, OS user and UTC time, appended to the decisions table and the audit log) and
// the approved baseline. Decisions are per change id, so a re-review shows what is still undecided.
class ChangeStore
{
public:
    explicit ChangeStore(Workspace& ws) : m_ws(ws) {}

    static const QStringList& verdicts(); // approved, rejected, needs-info, refer-ao

    [[nodiscard]] Status decide(const QJsonObject& change, qint64 newSnapshot, const QString& verdict,
                                const QString& rationale, const QString& reviewer);
    // Adds decision, decided_by, decided_at, rationale (newest decision) and decisions (history).
    [[nodiscard]] Result<QList<QJsonObject>> annotate(QList<QJsonObject> changes) const;

    // The newest baseline: snapshot id (0 when none), approver and time.
    [[nodiscard]] Result<QJsonObject> baseline() const;
    // Records snapshot `id` as the baseline. Refused while a change against the current baseline is
    // undecided, rejected, awaiting information or referred to the AO (the first baseline needs none).
    [[nodiscard]] Status setBaseline(qint64 id, const QString& approver,
                                     const QList<QJsonObject>& annotatedChanges);

private:
    Workspace& m_ws;
};

} // namespace tollgate
