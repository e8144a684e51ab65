#pragma once

#include "base/Result.h"
#include "graph/GraphBuilder.h"

namespace tollgate {

class Workspace;

// Node badges: the worst open finding of each workload of a snapshot (effective review status Open, no
// current risk acceptance, the reviewer's severity override applied), from FindingStore's rows.
class GraphBadges
{
public:
    [[nodiscard]] static Result<GraphBuilder::Badges> forSnapshot(const Workspace& ws, qint64 snapshotId);
    // The same from rows already read (FindingStore::findings).
    static GraphBuilder::Badges fromRows(const QList<QJsonObject>& rows);
};

} // namespace tollgate
