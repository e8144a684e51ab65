#include "viewmodels/SnapshotListModel.h"

namespace tollgate {

SnapshotListModel::SnapshotListModel(QObject* parent) : QAbstractListModel(parent) {}

void SnapshotListModel::setSnapshots(QList<SnapshotInfo> snapshots)
{
    beginResetModel();
    m_snapshots = std::move(snapshots);
    endResetModel();
}

int SnapshotListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_snapshots.size(); ++i)
        if (m_snapshots[i].id == id)
            return i;
    return -1;
}

int SnapshotListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_snapshots.size());
}

QVariant SnapshotListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_snapshots.size())
        return {};
    const SnapshotInfo& s = m_snapshots[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("#%1  %2").arg(s.id).arg(s.label);
    case Qt::ToolTipRole:
        return QStringLiteral(
                   "Snapshot %1 \"%2\"\nCluster: %3\nImported %4 UTC by %5 (%6)\n%7 objects, %8 skipped\n"
                   "Content digest: %9")
            .arg(s.id)
            .arg(s.label, s.cluster, s.importedAt, s.importedBy, s.osUser)
            .arg(s.objectCount)
            .arg(s.skippedCount)
            .arg(s.digest);
    case SnapshotIdRole:
        return s.id;
    default:
        return {};
    }
}

} // namespace tollgate
