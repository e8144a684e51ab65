#pragma once

#include "graph/FlowMatrix.h"

#include <QAbstractTableModel>

namespace tollgate {

// FlowMatrix as a table for the Flows page: a row per source namespace, a column per destination.
// A cell's ShadeRole says how busy it is against the busiest cell; ui/ turns that into a colour.
class FlowMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum
    {
        // int 40..200 for a cell with flows (40 + 160 * count / busiest count), invalid when empty.
        ShadeRole = Qt::UserRole + 200
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setMatrix(const FlowMatrix& matrix);
    const FlowMatrix& matrix() const { return m_matrix; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    FlowMatrix m_matrix;
    int m_busiest = 1;
};

} // namespace tollgate
