#include "diagram/GraphPainter.h"

#include "diagram/GraphCanvas.h"
#include "graph/GraphStyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QSet>
#include <QtMath>

namespace tollgate::reports {

namespace {
constexpr qreal kMargin = 24;
constexpr qreal kBanner = 22;
constexpr qreal kTitle = 58;
constexpr qreal kGap = 14;
constexpr qreal kLegend = 150;

QFont font(qreal px, bool bold = false)
{
    return GraphCanvas::font(px, bold);
}
} // namespace

GraphPainter::GraphPainter(const Graph& graph, const GraphLayout::Positions& positions, Options options)
    : m_graph(graph), m_pos(positions), m_options(std::move(options))
{
    m_width = qMax<qreal>(m_pos.bounds.width() + 2 * kMargin, 1100);
}

QSizeF GraphPainter::pageSize() const
{
    return {m_width,
            kBanner + kGap + kTitle + kGap + m_pos.bounds.height() + kGap + kLegend + kGap + kBanner};
}

QColor GraphPainter::catColor(int cat)
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

QString GraphPainter::catLabel(int cat)
{
    return cat == 1 ? QStringLiteral("I") : cat == 2 ? QStringLiteral("II") : QStringLiteral("III");
}

QColor GraphPainter::mtlsColor(const QString& mtls)
{
    if (mtls == QLatin1String("strict"))
        return QColor(0x2e, 0x7d, 0x32);
    if (mtls == QLatin1String("permissive"))
        return QColor(0xef, 0x6c, 0x00);
    if (mtls == QLatin1String("plaintext"))
        return QColor(0xc6, 0x28, 0x28);
    if (mtls == QLatin1String("fails"))
        return QColor(0x6a, 0x1b, 0x9a);
    return QColor(0x61, 0x61, 0x61);
}

QColor GraphPainter::markingColor(const QString& marking)
{
    const QString m = marking.toUpper();
    if (m.startsWith(QLatin1String("TOP SECRET")))
        return QColor(0xff, 0x8c, 0x00);
    if (m.startsWith(QLatin1String("SECRET")))
        return QColor(0xc8, 0x10, 0x2e);
    if (m.startsWith(QLatin1String("CONFIDENTIAL")))
        return QColor(0x00, 0x33, 0xa0);
    if (m.startsWith(QLatin1String("CUI")) || m.contains(QLatin1String("CONTROLLED")))
        return QColor(0x50, 0x2b, 0x85);
    return QColor(0x00, 0x7a, 0x33);
}

void GraphPainter::paint(QPainter& p) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const QSizeF page = pageSize();
    p.fillRect(QRectF(QPointF(0, 0), page), Qt::white);
    paintBanner(p, 0);
    paintTitle(p, kBanner + kGap);
    p.save();
    p.translate(kMargin - m_pos.bounds.left(), kBanner + kGap + kTitle + kGap - m_pos.bounds.top());
    paintDiagram(p);
    p.restore();
    paintLegend(p, kBanner + kGap + kTitle + kGap + m_pos.bounds.height() + kGap);
    paintBanner(p, page.height() - kBanner);
    p.restore();
}

void GraphPainter::paintBanner(QPainter& p, qreal y) const
{
    const QRectF r(0, y, m_width, kBanner);
    p.fillRect(r, markingColor(m_options.marking));
    p.setPen(Qt::white);
    p.setFont(font(13, true));
    p.drawText(r, Qt::AlignCenter, m_options.marking);
}

void GraphPainter::paintTitle(QPainter& p, qreal y) const
{
    const QRectF r(kMargin, y, m_width - 2 * kMargin, kTitle);
    p.setPen(QPen(QColor(0x33, 0x33, 0x33), 1));
    p.setBrush(QColor(0xf7, 0xf7, 0xf7));
    p.drawRect(r);
    p.setPen(Qt::black);
    p.setFont(font(16, true));
    p.drawText(r.adjusted(10, 6, -10, 0), Qt::AlignLeft | Qt::AlignTop,
               QStringLiteral("Network-flow diagram: ") + m_options.system);
    int workloads = 0, entries = 0, externals = 0;
    for (const GraphNode& n : m_graph.nodes) {
        if (n.type == GraphNode::Type::Workload)
            ++workloads;
        else if (n.type == GraphNode::Type::Entry)
            ++entries;
        else
            ++externals;
    }
    p.setFont(font(11));
    int added = 0, changed = 0, removed = 0;
    for (const GraphEdge& e : m_graph.edges) {
        added += e.change == QLatin1String("added");
        changed += e.change == QLatin1String("changed");
        removed += e.change == QLatin1String("removed");
    }
    if (added + changed + removed > 0)
        p.drawText(
            r.adjusted(10, 8, -10, 0), Qt::AlignRight | Qt::AlignTop,
            QStringLiteral("Compared with %1: %2 flows added (green halo), %3 changed (amber), %4 removed "
                           "(red dashed)")
                .arg(m_options.comparedWith.isEmpty() ? QStringLiteral("the baseline")
                                                      : m_options.comparedWith)
                .arg(added)
                .arg(changed)
                .arg(removed));
    p.drawText(r.adjusted(10, 0, -10, -8), Qt::AlignLeft | Qt::AlignBottom,
               QStringLiteral("System: %1    Cluster: %2    Snapshot: %3    Date: %4")
                   .arg(m_options.system, m_options.cluster, m_options.snapshot, m_options.date));
    p.drawText(r.adjusted(10, 0, -10, -8), Qt::AlignRight | Qt::AlignBottom,
               QStringLiteral("%1 namespaces, %2 workloads, %3 entry points, %4 external blocks, %5 flows")
                   .arg(m_graph.clusters.size())
                   .arg(workloads)
                   .arg(entries)
                   .arg(externals)
                   .arg(m_graph.edges.size()));
}

void GraphPainter::paintDiagram(QPainter& p) const
{
    GraphCanvas canvas(m_graph, m_pos);
    canvas.setPortBadgeLimit(m_options.portBadgeLimit);
    canvas.setCollapsed(m_options.collapsed);
    canvas.paint(p, canvas.bounds(), 1.0, GraphCanvas::Detail::Full);
    if (m_options.marks.node >= 0 || m_options.marks.edge >= 0 || m_options.marks.cluster >= 0)
        canvas.paintMarks(p, m_options.marks, 1.0);
}

void GraphPainter::paintLegend(QPainter& p, qreal y) const
{
    const QRectF box(kMargin, y, m_width - 2 * kMargin, kLegend);
    p.setPen(QPen(QColor(0x33, 0x33, 0x33), 1));
    p.setBrush(Qt::white);
    p.drawRect(box);
    p.setPen(Qt::black);
    p.setFont(font(12, true));
    p.drawText(QRectF(box.left() + 10, box.top() + 4, 200, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Legend"));
    const qreal top = box.top() + 28;
    const qreal col = (box.width() - 20) / 4;

    // Column 1: flows by mTLS state.
    qreal x = box.left() + 10;
    p.setFont(font(10, true));
    p.setPen(Qt::black);
    p.drawText(QPointF(x, top + 8), QStringLiteral("Flows (allowed), by mTLS state"));
    p.setFont(font(10));
    qreal yy = top + 24;
    for (const QString& s : GraphStyle::mtlsStates()) {
        GraphCanvas::setEdgePen(p, s, 1.6);
        p.drawLine(QPointF(x, yy - 4), QPointF(x + 44, yy - 4));
        GraphCanvas::arrowHead(p, QPointF(x + 50, yy - 4), QPointF(x, yy - 4));
        p.setPen(Qt::black);
        p.drawText(QPointF(x + 58, yy), GraphStyle::mtlsLabel(s));
        yy += 17;
    }

    // Column 2 and 3: node shapes.
    const auto shapes = GraphStyle::shapeLegend();
    for (int i = 0; i < shapes.size(); ++i) {
        const qreal cx = box.left() + 10 + col * (1 + i / 4);
        const qreal cy = top + 14 + (i % 4) * 24;
        if (i % 4 == 0) {
            p.setFont(font(10, true));
            p.setPen(Qt::black);
            p.drawText(QPointF(cx, top + 8), i == 0 ? QStringLiteral("Nodes, by kind") : QString());
        }
        p.setPen(QPen(QColor(0x45, 0x5a, 0x64), 1.1));
        p.setBrush(Qt::white);
        GraphCanvas::paintShape(p, shapes[i].second, QRectF(cx, cy, 40, 18));
        p.setPen(Qt::black);
        p.setFont(font(10));
        p.drawText(QPointF(cx + 48, cy + 13), shapes[i].first);
    }

    // Column 4: badges and boxes.
    x = box.left() + 10 + col * 3;
    p.setFont(font(10, true));
    p.setPen(Qt::black);
    p.drawText(QPointF(x, top + 8), QStringLiteral("Worst open finding"));
    p.setFont(font(10));
    for (int cat = 1; cat <= 3; ++cat) {
        const QRectF b(x, top + 14 + (cat - 1) * 18, 20, 14);
        p.setPen(Qt::NoPen);
        p.setBrush(catColor(cat));
        p.drawRoundedRect(b, 6, 6);
        p.setPen(cat == 3 ? Qt::black : Qt::white);
        p.setFont(font(8, true));
        p.drawText(b, Qt::AlignCenter, catLabel(cat));
        p.setPen(Qt::black);
        p.setFont(font(10));
        p.drawText(QPointF(x + 28, b.bottom() - 2), QStringLiteral("CAT ") + catLabel(cat));
    }
    const qreal by = top + 14 + 3 * 18 + 4;
    p.setPen(QPen(QColor(0x75, 0x75, 0x75), 1.1, Qt::DashLine));
    p.setBrush(QColor(0xf2, 0xf2, 0xf2));
    p.drawRect(QRectF(x, by, 20, 12));
    p.setPen(Qt::black);
    p.drawText(QPointF(x + 28, by + 11), QStringLiteral("inherited platform namespace"));
    p.setPen(QPen(QColor(0x37, 0x47, 0x4f), 1.4, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawLine(QPointF(x, by + 26), QPointF(x + 20, by + 26));
    p.setPen(Qt::black);
    p.drawText(QPointF(x + 28, by + 30), QStringLiteral("system boundary"));
}

} // namespace tollgate::reports
