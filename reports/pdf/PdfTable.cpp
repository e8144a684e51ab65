#include "reports/pdf/PdfTable.h"

#include <algorithm>
#include <numeric>

namespace tollgate::reports {

namespace {
using Font = PdfLayout::Font;
constexpr Font kCell = Font::Small;
constexpr Font kHeader = Font::SmallBold;
constexpr qreal kPad = 2.5; // points, inside each cell
// No column insists on more than this share of the width for its longest word: longer words (paths,
// digests, image references) break anywhere instead.
constexpr qreal kMaxMinShare = 0.16;
const QColor kGrid(0xb0, 0xb0, 0xb0);
const QColor kHeaderFill(0xe4, 0xe8, 0xee);
const QColor kZebra(0xf5, 0xf6, 0xf8);
} // namespace

PdfTable::PdfTable(QStringList headers) : m_headers(std::move(headers)) {}

void PdfTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells << QString();
    m_rows.append(std::move(cells));
}

void PdfTable::setEmphasis(int column, std::function<QColor(const QString&)> colourOf)
{
    m_emphasisColumn = column;
    m_emphasis = std::move(colourOf);
}

QList<qreal> PdfTable::columnWidths(const PdfLayout& doc, qreal available) const
{
    const int n = static_cast<int>(m_headers.size());
    const qreal pad = 2 * doc.pt(kPad);
    QList<qreal> minW(n, 0), maxW(n, 0), headerMin(n, 0);
    const qreal minCap = available * kMaxMinShare;
    for (int c = 0; c < n; ++c) {
        maxW[c] = doc.textWidth(m_headers[c], kHeader);
        minW[c] = qMin(minCap, doc.longestWord(m_headers[c], kHeader));
        headerMin[c] = minW[c];
    }
    for (const QStringList& row : m_rows) {
        for (int c = 0; c < n; ++c) {
            const QString& cell = row[c];
            if (cell.isEmpty())
                continue;
            const qreal w = doc.textWidth(cell, kCell);
            maxW[c] = qMax(maxW[c], w);
            // The longest word is no wider than the text: measure words only when it could matter.
            if (w > minW[c] && minW[c] < minCap)
                minW[c] = qMin(minCap, qMax(minW[c], doc.longestWord(cell, kCell)));
        }
    }
    for (int c = 0; c < n; ++c) {
        minW[c] += pad;
        maxW[c] = qMax(maxW[c] + pad, minW[c]);
    }
    const qreal sumMax = std::accumulate(maxW.begin(), maxW.end(), 0.0);
    const qreal sumMin = std::accumulate(minW.begin(), minW.end(), 0.0);
    QList<qreal> w(n, 0);
    if (sumMax <= available) {
        // Everything fits on one line: share the spare width in proportion to the content.
        for (int c = 0; c < n; ++c)
            w[c] = maxW[c] + (available - sumMax) * maxW[c] / sumMax;
    } else if (sumMin >= available) {
        // Too many long words: header words stay whole, the rest shrinks in proportion.
        qreal fixed = 0, flexible = 0;
        for (int c = 0; c < n; ++c) {
            fixed += headerMin[c] + pad;
            flexible += minW[c] - headerMin[c] - pad;
        }
        for (int c = 0; c < n; ++c)
            w[c] = fixed >= available || flexible <= 0
                       ? minW[c] * available / sumMin
                       : headerMin[c] + pad + (minW[c] - headerMin[c] - pad) * (available - fixed) / flexible;
    } else {
        // Every column gets its minimum; the spare width is then shared out like water: the columns
        // that need little to fit on one line get it whole, the rest share what is left evenly.
        qreal spare = available - sumMin;
        QList<int> order;
        for (int c = 0; c < n; ++c) {
            w[c] = minW[c];
            order << c;
        }
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return maxW[a] - minW[a] < maxW[b] - minW[b]; });
        int left = n;
        for (int c : std::as_const(order)) {
            const qreal give = qMin(maxW[c] - minW[c], spare / left);
            w[c] += give;
            spare -= give;
            --left;
        }
    }
    return w;
}

bool PdfTable::layout(PdfLayout& doc, const std::atomic_bool* cancel) const
{
    const int n = static_cast<int>(m_headers.size());
    if (n == 0)
        return true;
    if (doc.pages().empty())
        doc.newPage();
    const qreal available = doc.body().width();
    const QList<qreal> widths = columnWidths(doc, available);
    QList<qreal> xs{doc.body().left()};
    for (qreal w : widths)
        xs << xs.last() + w;
    const qreal pad = doc.pt(kPad);
    const qreal lh = doc.lineHeight(kCell);
    const qreal hlh = doc.lineHeight(kHeader);

    QList<QStringList> headerLines;
    int headerMax = 1;
    for (int c = 0; c < n; ++c) {
        headerLines << doc.wrap(m_headers[c], kHeader, widths[c] - 2 * pad);
        headerMax = qMax(headerMax, static_cast<int>(headerLines.last().size()));
    }
    const qreal headerH = headerMax * hlh + 2 * pad;

    qreal chunkTop = 0;
    auto closeChunk = [&] {
        const qreal bottom = doc.y();
        for (qreal x : std::as_const(xs))
            doc.line(QPointF(x, chunkTop), QPointF(x, bottom), kGrid);
        doc.line(QPointF(xs.first(), bottom), QPointF(xs.last(), bottom), kGrid);
    };
    auto startChunk = [&](bool force) {
        if (force)
            doc.newPage();
        else
            doc.ensure(headerH + lh + 2 * pad);
        chunkTop = doc.y();
        doc.fill(QRectF(xs.first(), chunkTop, xs.last() - xs.first(), headerH), kHeaderFill);
        for (int c = 0; c < n; ++c)
            doc.text(QRectF(xs[c] + pad, chunkTop + pad, widths[c] - 2 * pad, headerH),
                     headerLines[c].join(QLatin1Char('\n')), kHeader);
        doc.line(QPointF(xs.first(), chunkTop), QPointF(xs.last(), chunkTop), kGrid);
        doc.line(QPointF(xs.first(), chunkTop + headerH), QPointF(xs.last(), chunkTop + headerH), kGrid);
        doc.setY(chunkTop + headerH);
    };
    startChunk(false);

    QList<QStringList> lines(n);
    for (int r = 0; r < m_rows.size(); ++r) {
        if (cancel && (r & 255) == 0 && cancel->load())
            return false;
        const QStringList& row = m_rows[r];
        int tallest = 1;
        for (int c = 0; c < n; ++c) {
            lines[c] = doc.wrap(row[c], kCell, widths[c] - 2 * pad);
            tallest = qMax(tallest, static_cast<int>(lines[c].size()));
        }
        const QColor emphasis =
            m_emphasisColumn >= 0 && m_emphasis ? m_emphasis(row.value(m_emphasisColumn)) : QColor();
        int from = 0; // the first line of the row still to place
        while (from < tallest) {
            int fit = static_cast<int>((doc.body().bottom() - doc.y() - 2 * pad) / lh);
            const int left = tallest - from;
            const int fullPage = static_cast<int>((doc.body().height() - headerH - 2 * pad) / lh);
            // Move a row that would fit on a fresh page; split only a row taller than a page.
            if (fit < left && (left <= fullPage || fit < 1)) {
                closeChunk();
                startChunk(true);
                continue;
            }
            fit = qMin(fit, left);
            const qreal top = doc.y();
            const qreal h = fit * lh + 2 * pad;
            if (r % 2 == 1)
                doc.fill(QRectF(xs.first(), top, xs.last() - xs.first(), h), kZebra);
            for (int c = 0; c < n; ++c) {
                const QStringList part = lines[c].mid(from, fit);
                if (part.isEmpty())
                    continue;
                doc.text(QRectF(xs[c] + pad, top + pad, widths[c] - 2 * pad, fit * lh),
                         part.join(QLatin1Char('\n')), kCell,
                         c == m_emphasisColumn && emphasis.isValid() ? emphasis : QColor(Qt::black));
            }
            doc.setY(top + h);
            doc.line(QPointF(xs.first(), doc.y()), QPointF(xs.last(), doc.y()), kGrid);
            from += fit;
        }
    }
    closeChunk();
    doc.space(8);
    return true;
}

} // namespace tollgate::reports
