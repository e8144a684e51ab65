#include "ui/widgets/ShadeDelegate.h"

#include "viewmodels/FlowMatrixModel.h"

#include <QBrush>
#include <QColor>

namespace tollgate::ui {

void ShadeDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant shade = index.data(FlowMatrixModel::ShadeRole);
    if (shade.isValid())
        option->backgroundBrush = QBrush(QColor(0x3f, 0x51, 0xb5, shade.toInt()));
}

} // namespace tollgate::ui
