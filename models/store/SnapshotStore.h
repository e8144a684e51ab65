#pragma once

#include "base/Result.h"
#include "kube/Inventory.h"
#include "kube/ManifestDocument.h"
#include "store/SnapshotInfo.h"

#include <QJsonObject>
#include <QList>
#include <QSet>

namespace tollgate {

class Workspace;

// Everything stored about snapshots: writes a whole snapshot (inside the caller's transaction) and
// reads snapshots, objects and the inventory back. All SQL for snapshots lives here.
class SnapshotStore
{
public:
    explicit SnapshotStore(Workspace& ws) : m_ws(ws) {}

    struct FileRecord
    {
        QString path;
        QByteArray sha256;
        qint64 size = 0;
    };

    struct NewSnapshot
    {
        QString label;
        QString cluster;
        QByteArray digest;
        QList<FileRecord> files;
        QList<ManifestDocument> objects;
        QList<QByteArray> bodies; // compact JSON of each object, same order
        QList<SkippedDocument> skipped;
        Inventory inventory;
    };

    // Writes the snapshot; the caller holds the write transaction. Returns the new id.
    [[nodiscard]] Result<qint64> insert(const NewSnapshot& s);

    // The same in two steps, so the inventory can be derived while the objects are written.
    struct Written
    {
        qint64 snapshotId = 0;
        QList<qint64> objectIds;
    };
    [[nodiscard]] Result<Written> insertObjects(const NewSnapshot& s);
    [[nodiscard]] Status insertInventory(qint64 snapshotId, const QList<qint64>& objectIds,
                                         const Inventory& inventory);

    [[nodiscard]] Result<QList<SnapshotInfo>> list() const;
    [[nodiscard]] Result<SnapshotInfo> get(qint64 id) const;
    // The newest snapshot, or an error when the workspace has none.
    [[nodiscard]] Result<qint64> latestId() const;
    // The component keys of a snapshot's top-level workloads (what the SSP lists as components).
    [[nodiscard]] Result<QSet<QString>> componentKeys(qint64 snapshotId) const;
    // Snapshot `id`, or the newest one when `id` is 0: what a report or export "of the latest
    // snapshot unless told" reads first.
    [[nodiscard]] Result<SnapshotInfo> resolve(qint64 id) const;
    // The snapshot whose content digest equals `digest`, 0 if none.
    [[nodiscard]] qint64 findByDigest(const QByteArray& digest) const;

    // Inventory listings as rows (one JSON object per row), in a stable order.
    enum class Listing
    {
        Workloads,
        Images,
        Services,
        Exposures,
        Namespaces,
        Files,
        Skipped,
        Kinds
    };
    [[nodiscard]] Result<QList<QJsonObject>> listing(qint64 snapshotId, Listing what) const;
    // Every stored object of a snapshot, in import order, as the engines read them.
    [[nodiscard]] Result<QList<ManifestDocument>> objects(qint64 snapshotId) const;
    // One stored object: kind, name, source and body (secret values were never stored).
    [[nodiscard]] Result<QJsonObject> object(qint64 objectId) const;

private:
    Workspace& m_ws;
};

} // namespace tollgate
