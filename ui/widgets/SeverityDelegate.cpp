#include "ui/widgets/SeverityDelegate.h"

#include "diagram/GraphPainter.h"
#include "viewmodels/Roles.h"

#include <QPainter>

namespace tollgate::ui {

QColor SeverityDelegate::colorFor(int cat)
{
    return reports::GraphPainter::catColor(cat); // one palette for tables and the diagram
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
