#include "viewmodels/FlowMatrixModel.h"

namespace tollgate {

void FlowMatrixModel::setMatrix(const FlowMatrix& matrix)
{
    beginResetModel();
    m_matrix = matrix;
    // The busiest cell, once per matrix rather than once per painted cell.
    m_busiest = 1;
    const int n = static_cast<int>(m_matrix.labels().size());
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            m_busiest = qMax(m_busiest, m_matrix.count(r, c));
    endResetModel();
}

int FlowMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_matrix.labels().size());
}

int FlowMatrixModel::columnCount(const QModelIndex& parent) const
{
    return rowCount(parent);
}

QVariant FlowMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const int n = m_matrix.count(index.row(), index.column());
    if (role == Qt::DisplayRole)
        return n ? QVariant(n) : QVariant();
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignCenter);
    if (role == Qt::ToolTipRole)
        return tr("%1 flows from %2 to %3")
            .arg(n)
            .arg(m_matrix.labels().value(index.row()), m_matrix.labels().value(index.column()));
    if (role == ShadeRole && n > 0)
        return 40 + 160 * n / m_busiest;
    return {};
}

QVariant FlowMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole)
        return m_matrix.labels().value(section);
    if (role == Qt::ToolTipRole)
        return orientation == Qt::Vertical ? tr("from %1").arg(m_matrix.labels().value(section))
                                           : tr("to %1").arg(m_matrix.labels().value(section));
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace tollgate
