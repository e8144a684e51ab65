#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace tollgate {

class SnapshotContext;
class Workspace;

// The SSP view of one snapshot (DESIGN 7): every component (a top-level workload by component key,
// so a rollout is a change and not a removal plus an addition) with the attributes the SSP speaks
// of, the allowed flows between components and the outside, the external exposures, and the Open
// vulnerability findings joined to each component.
struct ComponentSnapshot
{
    qint64 snapshotId = 0;
    QString label;
    QMap<QString, QJsonObject> components;       // component key -> attributes (images, ports, ...)
    QSet<QString> flows;                         // "SRC => DST : CONN" by component key or external peer
    QSet<QString> exposures;                     // "Kind ns/name port -> target"
    QMap<QString, QMap<QString, int>> openVulns; // component -> vulnerability identity -> CAT

    [[nodiscard]] static Result<ComponentSnapshot> load(Workspace& ws, qint64 snapshotId);
    // The same from a snapshot already loaded (its objects, inventory, mesh and flows).
    [[nodiscard]] static Result<ComponentSnapshot> load(Workspace& ws, const SnapshotContext& snapshot);
};

} // namespace tollgate
