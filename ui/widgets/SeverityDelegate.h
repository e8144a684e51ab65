#pragma once

#include <QStyledItemDelegate>

namespace tollgate::ui {

// Paints a cell by what it means: the CAT of a finding (SeverityRole) as a coloured badge, and a
// closed or passed finding (StatusRole) in a muted colour. Colours meet contrast on light and dark
// palettes because the text stays the palette's own on a pale tint.
class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static QColor colorFor(int cat);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace tollgate::ui
