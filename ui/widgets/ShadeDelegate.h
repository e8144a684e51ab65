#pragma once

#include <QStyledItemDelegate>

namespace tollgate::ui {

// Paints a cell's background by how busy it is (FlowMatrixModel::ShadeRole, an alpha of 40..200) in
// the matrix blue; cells without a shade keep the view's own background.
class ShadeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace tollgate::ui
