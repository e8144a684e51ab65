#pragma once

#include "base/Result.h"
#include "kube/Inventory.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectivityResult.h"
#include "network/MeshModel.h"
#include "store/SnapshotInfo.h"

#include <QList>
#include <memory>

namespace tollgate {

class Workspace;

// What the engines derive from one snapshot, loaded once and handed to each of them (the report,
// the control run, the SSP view): its info, stored objects, inventory and mesh, and its flows on
// first use. Each of them used to load the objects and rebuild the inventory and mesh itself.
class SnapshotContext
{
public:
    // `snapshotId` 0: the latest snapshot.
    [[nodiscard]] static Result<SnapshotContext> load(Workspace& ws, qint64 snapshotId);

    qint64 snapshotId() const { return m_info.id; }
    const SnapshotInfo& info() const { return m_info; }
    const QList<ManifestDocument>& objects() const { return m_objects; }
    const Inventory& inventory() const { return m_inventory; }
    const MeshModel& mesh() const { return m_mesh; }
    // The snapshot's flows (FlowStore: cached in the workspace, computed on the first call), read
    // once per context.
    [[nodiscard]] Result<ConnectivityResult> flows(Workspace& ws) const;

private:
    SnapshotInfo m_info;
    QList<ManifestDocument> m_objects;
    Inventory m_inventory;
    MeshModel m_mesh;
    mutable std::shared_ptr<ConnectivityResult> m_flows;
};

} // namespace tollgate
