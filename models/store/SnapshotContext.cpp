#include "store/SnapshotContext.h"

#include "base/Logging.h"
#include "kube/InventoryBuilder.h"
#include "store/FlowStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QElapsedTimer>

namespace tollgate {

Result<SnapshotContext> SnapshotContext::load(Workspace& ws, qint64 snapshotId)
{
    QElapsedTimer timer;
    timer.start();
    SnapshotStore snapshots(ws);
    auto info = snapshots.resolve(snapshotId);
    if (!info)
        return info.error();
    auto objects = snapshots.objects(info->id);
    if (!objects)
        return objects.error();
    SnapshotContext ctx;
    ctx.m_info = std::move(info).value();
    ctx.m_objects = std::move(objects).value();
    ctx.m_inventory = InventoryBuilder::build(ctx.m_objects);
    ctx.m_mesh = MeshModel::build(ctx.m_objects, ctx.m_inventory);
    qCDebug(lcStore) << "snapshot" << ctx.m_info.id << "context loaded in" << timer.elapsed() << "ms";
    return ctx;
}

Result<ConnectivityResult> SnapshotContext::flows(Workspace& ws) const
{
    if (!m_flows) {
        auto flows = FlowStore(ws).flows(m_info.id);
        if (!flows)
            return flows.error();
        m_flows = std::make_shared<ConnectivityResult>(std::move(flows).value());
    }
    return *m_flows;
}

} // namespace tollgate
