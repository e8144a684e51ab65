#pragma once

#include "base/Result.h"

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <vector>

class QPaintDevice;
class QPainter;

namespace tollgate::reports {

class GraphPainter;

// The pages of a PDF document laid out before anything is drawn: a cursor flows content down the
// body of a page (between the marking banners), and every page keeps a list of drawing operations.
// Laying out first is what lets every page say "Page N of M" and the table of contents give page
// numbers; drawing is then one pass over the list. Units are the device's (set by `unit`, device
// units per point), fonts are measured on the device the document will be written to.
class PdfLayout
{
public:
    enum class Font
    {
        Body,
        Bold,
        Small,
        SmallBold,
        Mono,
        H1,
        H2,
        H3,
        Title,
        Banner,
        Count
    };
    struct Op
    {
        enum class Type
        {
            Text, // lines of `text` (joined by \n) from the top left of `rect`
            CenteredText,
            Line, // from rect.topLeft() to rect.bottomRight()
            Fill, // rect filled with `fill`, outlined with `color` unless transparent
            Diagram,
            Svg
        };
        Type type = Type::Text;
        QRectF rect;
        QString text;
        Font font = Font::Body;
        QColor color = Qt::black;
        QColor fill = Qt::transparent;
        // Diagram: the part of the diagram to draw (its own units); empty for all of it, fitted.
        QRectF source;
        qreal scale = 0; // with `source`: diagram units to device units
    };
    struct Page
    {
        bool landscape = false;
        QList<Op> ops;
    };

    // `device` provides the font metrics (the QPdfWriter the pages will be drawn on).
    PdfLayout(QPaintDevice* device, qreal unit, QSizeF portraitPoints, QString marking);

    qreal pt(qreal points) const { return points * m_unit; }
    const QFont& font(Font f) const { return m_fonts[static_cast<int>(f)]; }
    const QFontMetricsF& metrics(Font f) const { return m_metrics[static_cast<int>(f)]; }
    qreal lineHeight(Font f) const { return m_metrics[static_cast<int>(f)].lineSpacing(); }
    // Width of `text`'s widest line.
    qreal textWidth(const QString& text, Font f) const;
    // The width of the widest unbreakable run (word) of `text`.
    qreal longestWord(const QString& text, Font f) const;
    // `text` broken into lines no wider than `width`: at word boundaries, or anywhere when a word
    // (a digest, a long name) is wider than the line. Never elided.
    QStringList wrap(const QString& text, Font f, qreal width) const;

    // The page being laid out, its body (inside margins and banners) and the cursor in it.
    int pageIndex() const { return static_cast<int>(m_pages.size()) - 1; }
    QRectF body() const;
    qreal y() const { return m_y; }
    void setY(qreal y) { m_y = y; }
    qreal remaining() const { return body().bottom() - m_y; }
    void newPage(bool landscape = false);
    // Starts a new page unless `height` fits below the cursor.
    void ensure(qreal height);

    void add(const Op& op);
    void text(const QRectF& rect, const QString& text, Font f, const QColor& color = Qt::black);
    void line(const QPointF& a, const QPointF& b, const QColor& color);
    void fill(const QRectF& rect, const QColor& fill, const QColor& outline = Qt::transparent);
    // A paragraph at the cursor, wrapped to the body width; the cursor moves below it (page breaks
    // between lines).
    void paragraph(const QString& text, Font f, const QColor& color = Qt::black, qreal indent = 0);
    void space(qreal points) { m_y += pt(points); }

    std::vector<Page>& pages() { return m_pages; }
    const std::vector<Page>& pages() const { return m_pages; }
    QSizeF pageSize(bool landscape) const;

    // Draws the pages on `painter` (begun on the QPdfWriter): banners, "Page N of M" with
    // `pageOffset` added, and every op. `nextPage(landscape)` turns the writer's page. The diagram
    // ops draw with `diagram` (vector) or the SVG in the op's text.
    [[nodiscard]] Status draw(QPainter& painter, const std::function<bool(bool landscape)>& nextPage,
                              const GraphPainter* diagram, const std::atomic_bool* cancel) const;

private:
    void drawChrome(QPainter& p, int index, bool landscape) const;

    QPaintDevice* m_device;
    qreal m_unit;
    QSizeF m_portrait; // device units
    QString m_marking;
    QColor m_markingColor;
    QList<QFont> m_fonts;
    QList<QFontMetricsF> m_metrics;
    std::vector<Page> m_pages;
    qreal m_y = 0;
};

} // namespace tollgate::reports
