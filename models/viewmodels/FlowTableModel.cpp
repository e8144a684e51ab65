#include "viewmodels/FlowTableModel.h"

#include "graph/GraphStyle.h"
#include "network/FlowFormatter.h"

namespace tollgate {

void FlowTableModel::setGraph(const Graph* graph)
{
    beginResetModel();
    m_graph = graph;
    endResetModel();
}

int FlowTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_graph ? 0 : static_cast<int>(m_graph->edges.size());
}

int FlowTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FlowTableModel::text(int row, int column) const
{
    if (!m_graph || row < 0 || row >= m_graph->edges.size())
        return {};
    const GraphEdge& e = m_graph->edges[row];
    switch (column) {
    case Source:
        return m_graph->nodes[e.src].id;
    case Destination:
        return m_graph->nodes[e.dst].id;
    case Ports:
        return e.conn;
    case Mtls:
        return e.mtls;
    case Why:
        return e.why.join(QStringLiteral("; "));
    case Change:
        return e.change == QLatin1String("changed") ? QStringLiteral("ports changed") : e.change;
    default:
        return {};
    }
}

QVariant FlowTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (role == Qt::ToolTipRole && index.column() == Why)
            return text(index.row(), Why).replace(QStringLiteral("; "), QStringLiteral("\n"));
        if (role == Qt::DisplayRole && index.column() == Mtls)
            return GraphStyle::mtlsLabel(text(index.row(), Mtls));
        return text(index.row(), index.column());
    }
    if (role == EdgeRole)
        return index.row();
    return {};
}

QVariant FlowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Source:
        return tr("Source");
    case Destination:
        return tr("Destination");
    case Ports:
        return tr("Protocol/ports");
    case Mtls:
        return tr("mTLS");
    case Why:
        return tr("Allowed by");
    case Change:
        return tr("Since baseline");
    default:
        return {};
    }
}

QString FlowTableModel::csv(const QList<int>& rows) const
{
    QString out = QStringLiteral("src,dst,conn,mtls,why,change\n");
    for (int r : rows) {
        QStringList f;
        for (int c = 0; c < ColumnCount; ++c)
            f << FlowFormatter::csvField(text(r, c));
        out += f.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString FlowTableModel::csvAll() const
{
    QList<int> rows;
    for (int r = 0; r < rowCount(); ++r)
        rows << r;
    return csv(rows);
}

} // namespace tollgate
