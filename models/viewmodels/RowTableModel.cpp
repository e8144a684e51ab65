#include "viewmodels/RowTableModel.h"

#include "viewmodels/Roles.h"

namespace tollgate {

RowTableModel::RowTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RowTableModel::setColumns(const QList<TabularFormat::Column>& columns)
{
    beginResetModel();
    m_columns = columns;
    endResetModel();
}

void RowTableModel::setRows(QList<QJsonObject> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int RowTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RowTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant RowTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const QJsonObject& row = m_rows[index.row()];
    const QJsonValue v = row.value(m_columns[index.column()].key);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return TabularFormat::cell(v);
    case SortRole:
        return v.isDouble() ? QVariant(v.toDouble()) : QVariant(TabularFormat::cell(v).toLower());
    case RowRole:
        return row;
    case ObjectIdRole:
        return row.value(QLatin1String("object_id")).toVariant();
    case KindRole:
        return row.value(QLatin1String("kind")).toString();
    case ExposedRole:
        return row.value(QLatin1String("exposed")).toBool();
    case SeverityRole:
        return row.value(QLatin1String("severity_cat")).toInt();
    case StatusRole: // the effective (reviewed) status of a finding when there is one
        return row
            .value(QLatin1String(row.contains(QLatin1String("review_status")) ? "review_status" : "status"))
            .toString();
    default:
        return {};
    }
}

QVariant RowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns[section].header;
    return {};
}

} // namespace tollgate
