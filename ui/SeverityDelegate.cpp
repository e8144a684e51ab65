#include "SeverityDelegate.h"

#include "Roles.h"

#include <QPainter>

namespace tollgate::ui {

QColor SeverityDelegate::colorFor(int cat)
{
    switch (cat) {
    case 1:
        return QColor(0xd3, 0x2f, 0x2f);
    case 2:
        return QColor(0xf5, 0x7c, 0x00);
    case 3:
        return QColor(0xfb, 0xc0, 0x2d);
    default:
        return QColor(0x9e, 0x9e, 0x9e);
    }
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString status = index.data(StatusRole).toString();
    const bool inactive = status == QLatin1String("closed") || status == QLatin1String("NotAFinding") ||
                          status == QLatin1String("Not_Applicable");
    if (index.column() == 0) {
        QColor tint = colorFor(index.data(SeverityRole).toInt());
        tint.setAlpha(inactive ? 40 : 90);
        option->backgroundBrush = tint;
        option->font.setBold(!inactive);
    }
    if (inactive)
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
}

} // namespace tollgate::ui
