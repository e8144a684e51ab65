#pragma once

#include "reports/pdf/PdfLayout.h"

#include <QList>
#include <QStringList>
#include <atomic>

namespace tollgate::reports {

// A table laid out on PdfLayout pages with QPainter operations (a QTextDocument table takes 7.6 s at
// 10,000 rows): column widths from the content, cell text wrapped (never elided: names are evidence),
// rows that never cross the page edge, the header row repeated on every page the table continues on,
// and a row taller than a page split between pages.
class PdfTable
{
public:
    explicit PdfTable(QStringList headers);

    void addRow(QStringList cells);
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    // A cell's text colour (a status column, say); -1 for none.
    void setEmphasis(int column, std::function<QColor(const QString&)> colourOf);

    // Lays the table out at the cursor, on as many pages as it needs. False when cancelled.
    bool layout(PdfLayout& doc, const std::atomic_bool* cancel = nullptr) const;

    // Column widths for `available` width, from the cells' natural and minimum widths.
    QList<qreal> columnWidths(const PdfLayout& doc, qreal available) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    int m_emphasisColumn = -1;
    std::function<QColor(const QString&)> m_emphasis;
};

} // namespace tollgate::reports
