#include "reports/pdf/PdfLayout.h"

#include "diagram/GraphPainter.h"

#include <QPainter>
#include <QSvgRenderer>
#include <QTextLayout>
#include <memory>

namespace tollgate::reports {

namespace {
constexpr qreal kSide = 50;       // left and right margins, points
constexpr qreal kBannerTop = 12;  // top of the top banner
constexpr qreal kBannerH = 15;    // banner height
constexpr qreal kBodyTop = 50;    // body starts here
constexpr qreal kBodyBottom = 56; // body ends this far from the bottom edge

QFont makeFont(qreal points, bool bold = false, bool mono = false)
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: "fi" stays two letters, so a reader's search and text extraction find "findings".
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}
} // namespace

PdfLayout::PdfLayout(QPaintDevice* device, qreal unit, QSizeF portraitPoints, QString marking)
    : m_device(device), m_unit(unit), m_portrait(portraitPoints * unit), m_marking(std::move(marking)),
      m_markingColor(GraphPainter::markingColor(m_marking))
{
    m_fonts.resize(static_cast<int>(Font::Count));
    m_fonts[static_cast<int>(Font::Body)] = makeFont(8.5);
    m_fonts[static_cast<int>(Font::Bold)] = makeFont(8.5, true);
    m_fonts[static_cast<int>(Font::Small)] = makeFont(7);
    m_fonts[static_cast<int>(Font::SmallBold)] = makeFont(7, true);
    m_fonts[static_cast<int>(Font::Mono)] = makeFont(7.5, false, true);
    m_fonts[static_cast<int>(Font::H1)] = makeFont(15, true);
    m_fonts[static_cast<int>(Font::H2)] = makeFont(12, true);
    m_fonts[static_cast<int>(Font::H3)] = makeFont(9.5, true);
    m_fonts[static_cast<int>(Font::Title)] = makeFont(22, true);
    m_fonts[static_cast<int>(Font::Banner)] = makeFont(9, true);
    for (const QFont& f : std::as_const(m_fonts))
        m_metrics.append(QFontMetricsF(f, device));
}

QSizeF PdfLayout::pageSize(bool landscape) const
{
    return landscape ? m_portrait.transposed() : m_portrait;
}

QRectF PdfLayout::body() const
{
    const QSizeF s = pageSize(!m_pages.empty() && m_pages.back().landscape);
    return QRectF(QPointF(pt(kSide), pt(kBodyTop)),
                  QPointF(s.width() - pt(kSide), s.height() - pt(kBodyBottom)));
}

void PdfLayout::newPage(bool landscape)
{
    Page p;
    p.landscape = landscape;
    m_pages.push_back(std::move(p));
    m_y = body().top();
}

void PdfLayout::ensure(qreal height)
{
    if (m_pages.empty() || (m_y + height > body().bottom() && m_y > body().top() + 0.5))
        newPage();
}

void PdfLayout::add(const Op& op)
{
    if (m_pages.empty())
        newPage();
    m_pages.back().ops.append(op);
}

void PdfLayout::text(const QRectF& rect, const QString& t, Font f, const QColor& color)
{
    Op op;
    op.type = Op::Type::Text;
    op.rect = rect;
    op.text = t;
    op.font = f;
    op.color = color;
    add(op);
}

void PdfLayout::line(const QPointF& a, const QPointF& b, const QColor& color)
{
    Op op;
    op.type = Op::Type::Line;
    op.rect = QRectF(a, b);
    op.color = color;
    add(op);
}

void PdfLayout::fill(const QRectF& rect, const QColor& fillColor, const QColor& outline)
{
    Op op;
    op.type = Op::Type::Fill;
    op.rect = rect;
    op.fill = fillColor;
    op.color = outline;
    add(op);
}

qreal PdfLayout::textWidth(const QString& t, Font f) const
{
    const QFontMetricsF& fm = metrics(f);
    if (!t.contains(QLatin1Char('\n')))
        return fm.horizontalAdvance(t);
    qreal w = 0;
    for (const QString& l : t.split(QLatin1Char('\n')))
        w = qMax(w, fm.horizontalAdvance(l));
    return w;
}

qreal PdfLayout::longestWord(const QString& t, Font f) const
{
    const QFontMetricsF& fm = metrics(f);
    qreal w = 0;
    int start = 0;
    for (int i = 0; i <= t.size(); ++i) {
        if (i == t.size() || t.at(i).isSpace()) {
            if (i > start)
                w = qMax(w, fm.horizontalAdvance(QStringView(t).mid(start, i - start).toString()));
            start = i + 1;
        }
    }
    return w;
}

QStringList PdfLayout::wrap(const QString& t, Font f, qreal width) const
{
    QStringList out;
    const QFontMetricsF& fm = metrics(f);
    for (const QString& para : t.split(QLatin1Char('\n'))) {
        if (para.isEmpty()) {
            out << QString();
            continue;
        }
        if (fm.horizontalAdvance(para) <= width) {
            out << para;
            continue;
        }
        QTextLayout layout(para, font(f), m_device); // measured on the PDF, not the screen
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine l = layout.createLine(); l.isValid(); l = layout.createLine()) {
            l.setLineWidth(width);
            out << para.mid(l.textStart(), l.textLength()).trimmed();
        }
        layout.endLayout();
    }
    return out;
}

void PdfLayout::paragraph(const QString& t, Font f, const QColor& color, qreal indent)
{
    if (m_pages.empty())
        newPage();
    const qreal lh = lineHeight(f);
    const QStringList lines = wrap(t, f, body().width() - indent);
    int i = 0;
    while (i < lines.size()) {
        ensure(lh);
        const int fit = qMax(1, static_cast<int>((body().bottom() - m_y) / lh));
        const QStringList part = lines.mid(i, fit);
        text(QRectF(body().left() + indent, m_y, body().width() - indent, lh * part.size()),
             part.join(QLatin1Char('\n')), f, color);
        m_y += lh * part.size();
        i += part.size();
    }
}

void PdfLayout::drawChrome(QPainter& p, int index, bool landscape) const
{
    const QSizeF s = pageSize(landscape);
    const QColor textOnBanner = m_markingColor.lightness() > 150 ? Qt::black : Qt::white;
    p.setFont(font(Font::Banner));
    for (const qreal top : {pt(kBannerTop), s.height() - pt(kBannerTop + kBannerH)}) {
        const QRectF r(pt(kSide), top, s.width() - 2 * pt(kSide), pt(kBannerH));
        p.fillRect(r, m_markingColor);
        p.setPen(textOnBanner);
        p.drawText(r, Qt::AlignCenter, m_marking);
    }
    p.setFont(font(Font::Small));
    p.setPen(QColor(0x44, 0x44, 0x44));
    const QRectF footer(pt(kSide), s.height() - pt(kBodyBottom - 8), s.width() - 2 * pt(kSide),
                        lineHeight(Font::Small));
    p.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("Page %1 of %2").arg(index + 1).arg(m_pages.size()));
}

Status PdfLayout::draw(QPainter& p, const std::function<bool(bool)>& nextPage, const GraphPainter* diagram,
                       const std::atomic_bool* cancel) const
{
    std::unique_ptr<QSvgRenderer> svg;
    QString svgSource;
    for (size_t i = 0; i < m_pages.size(); ++i) {
        if (cancel && cancel->load())
            return Error(QStringLiteral("cancelled"));
        const Page& page = m_pages[i];
        if (i > 0 && !nextPage(page.landscape))
            return Error(QStringLiteral("cannot start page %1 of the PDF").arg(i + 1));
        drawChrome(p, static_cast<int>(i), page.landscape);
        Font current = Font::Count;
        for (const Op& op : page.ops) {
            switch (op.type) {
            case Op::Type::Text:
            case Op::Type::CenteredText: {
                if (op.font != current) {
                    p.setFont(font(op.font));
                    current = op.font;
                }
                p.setPen(op.color);
                if (op.type == Op::Type::CenteredText) {
                    p.drawText(op.rect, Qt::AlignCenter | Qt::TextWordWrap, op.text);
                    break;
                }
                const qreal lh = lineHeight(op.font);
                const qreal ascent = metrics(op.font).ascent();
                qreal y = op.rect.top() + ascent;
                for (const QStringView l : QStringView(op.text).split(QLatin1Char('\n'))) {
                    if (!l.isEmpty())
                        p.drawText(QPointF(op.rect.left(), y), l.toString());
                    y += lh;
                }
                break;
            }
            case Op::Type::Line:
                p.setPen(QPen(op.color, pt(0.5)));
                p.drawLine(op.rect.topLeft(), op.rect.bottomRight());
                break;
            case Op::Type::Fill:
                p.setPen(op.color.alpha() ? QPen(op.color, pt(0.5)) : QPen(Qt::NoPen));
                p.setBrush(op.fill);
                p.drawRect(op.rect);
                p.setBrush(Qt::NoBrush);
                break;
            case Op::Type::Diagram:
            case Op::Type::Svg: {
                QSizeF size;
                if (op.type == Op::Type::Diagram && diagram) {
                    size = diagram->pageSize();
                } else {
                    // Parsed once for the overview and all its tiles.
                    if (!svg || svgSource != op.text) {
                        svg = std::make_unique<QSvgRenderer>();
                        svgSource = op.text;
                        if (!svg->load(op.text.toUtf8()))
                            return Error(QStringLiteral("the report's diagram (SVG) cannot be read"));
                    }
                    size = svg->viewBoxF().size();
                }
                if (size.isEmpty())
                    break;
                p.save();
                if (op.source.isEmpty()) {
                    const qreal scale =
                        qMin(op.rect.width() / size.width(), op.rect.height() / size.height());
                    p.translate(op.rect.left() + (op.rect.width() - size.width() * scale) / 2, op.rect.top());
                    p.scale(scale, scale);
                    p.setClipRect(QRectF(QPointF(0, 0), size));
                } else {
                    // One tile of the diagram at a scale that prints legibly.
                    p.setClipRect(op.rect);
                    p.translate(op.rect.topLeft());
                    p.scale(op.scale, op.scale);
                    p.translate(-op.source.topLeft());
                    p.setClipRect(op.source.intersected(QRectF(QPointF(0, 0), size)), Qt::IntersectClip);
                }
                if (op.type == Op::Type::Diagram && diagram)
                    diagram->paint(p);
                else
                    svg->render(&p, QRectF(QPointF(0, 0), size));
                p.restore();
                current = Font::Count;
                break;
            }
            }
        }
    }
    return {};
}

} // namespace tollgate::reports
