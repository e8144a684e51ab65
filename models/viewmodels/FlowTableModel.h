#pragma once

#include "graph/Graph.h"

#include <QAbstractTableModel>

namespace tollgate {

// The flows of a graph as a table, one row per edge (row = edge index): source, destination,
// protocol/ports, mTLS state, the rules that allow it, and, in a comparison, whether it was added, changed or
// removed.
class FlowTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Source,
        Destination,
        Ports,
        Mtls,
        Why,
        Change,
        ColumnCount
    };
    static constexpr int EdgeRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    // The graph must outlive the model or be replaced before it goes.
    void setGraph(const Graph* graph);
    QString text(int row, int column) const;
    // The given rows, or every row, as CSV with a header.
    QString csv(const QList<int>& rows) const;
    QString csvAll() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Graph* m_graph = nullptr;
};

} // namespace tollgate
