#pragma once

#include "graph/FlowMatrix.h"

#include <QAbstractTableModel>

namespace tollgate::ui {

// FlowMatrix as a table for the Flows page: a row per source namespace, a column per destination.
class FlowMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setMatrix(const FlowMatrix& matrix);
    const FlowMatrix& matrix() const { return m_matrix; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    FlowMatrix m_matrix;
};

} // namespace tollgate::ui
