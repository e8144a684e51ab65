#pragma once

#include "io/TabularFormat.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace tollgate {

// A read-only table over rows (one JSON object each) with named columns: the listings of the store
// shown in views. New rows replace old ones under a model reset.
class RowTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit RowTableModel(QObject* parent = nullptr);

    void setColumns(const QList<TabularFormat::Column>& columns);
    void setRows(QList<QJsonObject> rows);
    const QList<QJsonObject>& rows() const { return m_rows; }
    QJsonObject row(int r) const { return m_rows.value(r); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TabularFormat::Column> m_columns;
    QList<QJsonObject> m_rows;
};

} // namespace tollgate
