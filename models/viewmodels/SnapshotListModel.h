#pragma once

#include "store/SnapshotInfo.h"

#include <QAbstractListModel>

namespace tollgate {

// The snapshots of a workspace, newest last, as a list (label, cluster, time in the tooltip).
class SnapshotListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum
    {
        SnapshotIdRole = Qt::UserRole + 100
    };
    explicit SnapshotListModel(QObject* parent = nullptr);

    void setSnapshots(QList<SnapshotInfo> snapshots);
    const QList<SnapshotInfo>& snapshots() const { return m_snapshots; }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<SnapshotInfo> m_snapshots;
};

} // namespace tollgate
