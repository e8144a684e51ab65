#include "diagram/GraphCanvas.h"

#include "diagram/GraphPainter.h"
#include "graph/GraphStyle.h"

#include <QFontMetricsF>
#include <QHash>
#include <QMap>
#include <QPainter>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace tollgate::reports {

namespace {
constexpr qreal kBundling = 0.8; // 1 = every flow between two namespaces through the same two points
constexpr qreal kBend = 18;      // the bend of a flow whose reverse flow exists

const QColor kSelect(0x15, 0x65, 0xc0);
const QColor kMatch(0xff, 0x6f, 0x00);

qreal distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b)
{
    const QPointF d = b - a;
    const qreal len2 = d.x() * d.x() + d.y() * d.y();
    qreal t = len2 > 0 ? ((p.x() - a.x()) * d.x() + (p.y() - a.y()) * d.y()) / len2 : 0;
    t = qBound<qreal>(0, t, 1);
    const QPointF q = a + d * t - p;
    return qSqrt(q.x() * q.x() + q.y() * q.y());
}

QPen cosmetic(const QColor& c, qreal px, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(c, px, style);
    pen.setCosmetic(true);
    return pen;
}

QString plural(qsizetype n, const char* one, const char* many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}
} // namespace

QFont GraphCanvas::font(qreal px, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(qMax(1, qRound(px)));
    f.setBold(bold);
    return f;
}

QPointF GraphCanvas::clipToRect(const QRectF& r, const QPointF& to)
{
    const QPointF c = r.center();
    const QPointF d = to - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (r.width() / 2) / qAbs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (r.height() / 2) / qAbs(d.y());
    const qreal s = qMin(1.0, qMin(sx, sy));
    return c + d * s;
}

void GraphCanvas::arrowHead(QPainter& p, const QPointF& tip, const QPointF& from, qreal size)
{
    const QPointF d = tip - from;
    const qreal len = qSqrt(d.x() * d.x() + d.y() * d.y());
    if (len < 1e-6)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    const qreal w = size * 0.44;
    QPolygonF head;
    head << tip << tip - u * size + n * w << tip - u * size - n * w;
    const QColor c = p.pen().color();
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawPolygon(head);
    p.restore();
}

void GraphCanvas::setEdgePen(QPainter& p, const QString& mtls, qreal width)
{
    QPen pen(GraphPainter::mtlsColor(mtls), width);
    const QString line = GraphStyle::lineFor(mtls);
    if (line == QLatin1String("dashed"))
        pen.setStyle(Qt::DashLine);
    else if (line == QLatin1String("dotted"))
        pen.setStyle(Qt::DotLine);
    else if (line == QLatin1String("bold"))
        pen.setWidthF(width * 2.2);
    else if (line == QLatin1String("tapered"))
        pen.setStyle(Qt::DashDotLine);
    pen.setCapStyle(Qt::FlatCap);
    p.setPen(pen);
}

void GraphCanvas::paintShape(QPainter& p, const QString& shape, const QRectF& r)
{
    if (shape == QLatin1String("cylinder")) {
        const qreal e = qMin<qreal>(8, r.height() / 4);
        QPainterPath path;
        path.moveTo(r.left(), r.top() + e / 2);
        path.lineTo(r.left(), r.bottom() - e / 2);
        path.arcTo(QRectF(r.left(), r.bottom() - e, r.width(), e), 180, 180);
        path.lineTo(r.right(), r.top() + e / 2);
        path.arcTo(QRectF(r.left(), r.top(), r.width(), e), 0, 180);
        p.drawPath(path);
        p.drawArc(QRectF(r.left(), r.top(), r.width(), e), 180 * 16, 180 * 16);
    } else if (shape == QLatin1String("hexagon")) {
        const qreal k = qMin<qreal>(10, r.width() / 4);
        p.drawPolygon(QPolygonF{{r.left(), r.center().y()},
                                {r.left() + k, r.top()},
                                {r.right() - k, r.top()},
                                {r.right(), r.center().y()},
                                {r.right() - k, r.bottom()},
                                {r.left() + k, r.bottom()}});
    } else if (shape == QLatin1String("octagon")) {
        const qreal k = qMin<qreal>(8, r.height() / 3);
        p.drawPolygon(QPolygonF{{r.left() + k, r.top()},
                                {r.right() - k, r.top()},
                                {r.right(), r.top() + k},
                                {r.right(), r.bottom() - k},
                                {r.right() - k, r.bottom()},
                                {r.left() + k, r.bottom()},
                                {r.left(), r.bottom() - k},
                                {r.left(), r.top() + k}});
    } else if (shape == QLatin1String("ellipse")) {
        p.drawEllipse(r);
    } else if (shape == QLatin1String("invhouse")) {
        const qreal k = r.height() / 3;
        p.drawPolygon(QPolygonF{{r.left(), r.top()},
                                {r.right(), r.top()},
                                {r.right(), r.bottom() - k},
                                {r.center().x(), r.bottom()},
                                {r.left(), r.bottom() - k}});
    } else if (shape == QLatin1String("parallelogram")) {
        const qreal k = qMin<qreal>(12, r.width() / 5);
        p.drawPolygon(QPolygonF{{r.left() + k, r.top()},
                                {r.right(), r.top()},
                                {r.right() - k, r.bottom()},
                                {r.left(), r.bottom()}});
    } else {
        p.drawRoundedRect(r, 5, 5);
    }
}

GraphCanvas::GraphCanvas(const Graph& graph, const GraphLayout::Positions& positions)
    : m_graph(graph), m_pos(positions)
{
    const QFontMetricsF nfm(font(10));
    m_bounds = m_pos.bounds;
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        QRectF r = m_pos.nodes.value(i);
        const qreal need = nfm.horizontalAdvance(m_graph.nodes[i].name) + 24;
        if (need > r.width()) // never elide: grow around the centre instead
            r.adjust(-(need - r.width()) / 2, 0, (need - r.width()) / 2, 0);
        m_nodeRects << r;
        m_bounds |= r;
    }
    m_nodeCluster.fill(-1, m_graph.nodes.size());
    for (int c = 0; c < m_graph.clusters.size(); ++c)
        for (int n : m_graph.clusters[c].nodes)
            if (n >= 0 && n < m_nodeCluster.size())
                m_nodeCluster[n] = c;
    computeEdges();
    for (const GraphNode& n : m_graph.nodes)
        m_hasChanges |= !n.change.isEmpty();
    for (const GraphEdge& e : m_graph.edges)
        m_hasChanges |= !e.change.isEmpty();
    QSet<int> all;
    for (int c = 0; c < m_graph.clusters.size(); ++c)
        all.insert(c);
    m_overviewBundles = aggregate(all, true);
}

void GraphCanvas::computeEdges()
{
    QSet<quint64> pairs;
    for (const GraphEdge& e : m_graph.edges)
        pairs.insert(quint64(quint32(e.src)) << 32 | quint32(e.dst));
    m_edges.reserve(m_graph.edges.size());
    for (const GraphEdge& e : m_graph.edges) {
        const QRectF a = m_nodeRects.value(e.src), b = m_nodeRects.value(e.dst);
        const QPointF ca = a.center(), cb = b.center();
        const int ga = m_nodeCluster.value(e.src, -1), gb = m_nodeCluster.value(e.dst, -1);
        EdgeGeometry g;
        if (ga >= 0 && gb >= 0 && ga != gb) {
            // Bundled: through the border points where the two namespaces face each other.
            const QRectF ra = m_pos.clusters.value(ga), rb = m_pos.clusters.value(gb);
            const QPointF pa = clipToRect(ra, rb.center()), pb = clipToRect(rb, ra.center());
            const QPointF c1 = pa * kBundling + (ca + (cb - ca) / 3) * (1 - kBundling);
            const QPointF c2 = pb * kBundling + (ca + (cb - ca) * 2 / 3) * (1 - kBundling);
            g.path.moveTo(clipToRect(a, c1));
            g.path.cubicTo(c1, c2, clipToRect(b, c2));
        } else if ((ga >= 0) != (gb >= 0)) {
            // An entry point or external block and a workload: bundled at the namespace's border.
            const int gc = ga >= 0 ? ga : gb;
            const QPointF other = ga >= 0 ? cb : ca;
            const QPointF border = clipToRect(m_pos.clusters.value(gc), other);
            const QPointF c = border * kBundling + (ca + cb) / 2 * (1 - kBundling);
            g.path.moveTo(clipToRect(a, c));
            g.path.quadTo(c, clipToRect(b, c));
        } else {
            const bool both = pairs.contains(quint64(quint32(e.dst)) << 32 | quint32(e.src));
            const QPointF d = cb - ca;
            const qreal len = qMax<qreal>(1e-6, qSqrt(d.x() * d.x() + d.y() * d.y()));
            const QPointF normal(-d.y() / len, d.x() / len);
            const QPointF ctrl = (ca + cb) / 2 + (both ? normal * kBend : QPointF());
            g.path.moveTo(clipToRect(a, ctrl));
            g.path.quadTo(ctrl, clipToRect(b, ctrl));
        }
        g.polyline = g.path.toSubpathPolygons().value(0);
        g.box = g.path.controlPointRect();
        g.arrowFrom = g.path.pointAtPercent(0.92);
        g.badgeAt = g.path.pointAtPercent(0.72);
        m_edges << g;
    }
}

QList<GraphCanvas::Bundle> GraphCanvas::aggregate(const QSet<int>& collapsedClusters, bool overview) const
{
    QMap<std::pair<int, int>, Bundle> merged;
    // At overview the external blocks are one end, and the entry points another: thousands of address
    // blocks would otherwise fan out into a solid wedge.
    const int clusters = static_cast<int>(m_graph.clusters.size());
    const int externalEnd = -(clusters + 1), entryEnd = -(clusters + 2);
    QRectF externalRect, entryRect;
    const auto endOf = [&](int node) {
        const int c = m_nodeCluster.value(node, -1);
        if (c >= 0)
            return collapsedClusters.contains(c) ? -(c + 1) : node;
        if (!overview)
            return node;
        return m_graph.nodes[node].type == GraphNode::Type::External ? externalEnd : entryEnd;
    };
    if (overview)
        for (int i = 0; i < m_graph.nodes.size(); ++i) {
            if (m_graph.nodes[i].type == GraphNode::Type::External)
                externalRect |= m_nodeRects[i];
            else if (m_graph.nodes[i].type == GraphNode::Type::Entry)
                entryRect |= m_nodeRects[i];
        }
    const auto rectOf = [&](int end) {
        if (end == externalEnd)
            return externalRect;
        if (end == entryEnd)
            return entryRect;
        return end < 0 ? m_pos.clusters.value(-end - 1) : m_nodeRects.value(end);
    };
    for (int i = 0; i < m_graph.edges.size(); ++i) {
        const GraphEdge& e = m_graph.edges[i];
        const int a = endOf(e.src), b = endOf(e.dst);
        if (a == b)
            continue; // inside one collapsed namespace
        if (!overview && a >= 0 && b >= 0)
            continue; // drawn as itself
        Bundle& bundle = merged[{a, b}];
        if (bundle.edges.isEmpty()) {
            bundle.from = a;
            bundle.to = b;
            bundle.mtls = e.mtls;
        } else if (bundle.mtls != e.mtls) {
            bundle.mtls = QStringLiteral("mixed");
        }
        bundle.edges << i;
    }
    QList<Bundle> out;
    for (Bundle b : std::as_const(merged)) {
        const QRectF ra = rectOf(b.from), rb = rectOf(b.to);
        b.line = QLineF(clipToRect(ra, rb.center()), clipToRect(rb, ra.center()));
        out << b;
    }
    return out;
}

void GraphCanvas::setCollapsed(const QSet<int>& clusters)
{
    m_collapsed = clusters;
    m_collapsedBundles = aggregate(clusters, false);
}

bool GraphCanvas::isVisible(int node) const
{
    const int c = m_nodeCluster.value(node, -1);
    return c < 0 || !m_collapsed.contains(c);
}

bool GraphCanvas::edgeHidden(const GraphEdge& e) const
{
    return !isVisible(e.src) || !isVisible(e.dst);
}

GraphCanvas::Detail GraphCanvas::detailFor(qreal scale)
{
    if (scale < 0.3)
        return Detail::Overview;
    if (scale < 0.6)
        return Detail::Shapes;
    return Detail::Full;
}

QList<GraphCanvas::Bundle> GraphCanvas::bundles(Detail detail) const
{
    return detail == Detail::Overview ? m_overviewBundles : m_collapsedBundles;
}

void GraphCanvas::paint(QPainter& p, const QRectF& area, qreal scale, Detail detail) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, detail == Detail::Full);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    paintBoundary(p, scale, detail);
    paintClusters(p, area, scale, detail);
    if (m_hasChanges && detail != Detail::Overview)
        paintDiff(p, area, scale);
    if (detail != Detail::Overview)
        paintEdges(p, area, scale, detail);
    paintBundles(p, bundles(detail), area, scale, detail);
    paintNodes(p, area, scale, detail);
    p.restore();
}

void GraphCanvas::paintBoundary(QPainter& p, qreal scale, Detail detail) const
{
    const QColor c(0x37, 0x47, 0x4f);
    p.setPen(detail == Detail::Full ? QPen(c, 1.6, Qt::DashLine) : cosmetic(c, 1.5, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m_pos.boundary);
    const qreal px = detail == Detail::Full ? 11 : 12 / scale;
    p.setFont(font(px, true));
    p.setPen(c);
    p.drawText(
        QRectF(m_pos.boundary.left() + 8, m_pos.boundary.top() + 4, m_pos.boundary.width() - 16, px * 1.6),
        Qt::AlignLeft | Qt::AlignTop, QStringLiteral("System boundary"));
}

void GraphCanvas::paintClusters(QPainter& p, const QRectF& area, qreal scale, Detail detail) const
{
    for (int c = 0; c < m_graph.clusters.size(); ++c) {
        const GraphCluster& cl = m_graph.clusters[c];
        const QRectF r = m_pos.clusters.value(c);
        if (!r.intersects(area))
            continue;
        const bool collapsed = m_collapsed.contains(c);
        QColor border = cl.inherited ? QColor(0x75, 0x75, 0x75) : QColor(0x3f, 0x51, 0xb5);
        QColor fill = cl.inherited ? QColor(0xf2, 0xf2, 0xf2) : QColor(0xf3, 0xf6, 0xfd);
        if (collapsed)
            fill = cl.inherited ? QColor(0xe0, 0xe0, 0xe0) : QColor(0xdc, 0xe3, 0xf7);
        const Qt::PenStyle style = cl.inherited ? Qt::DashLine : Qt::SolidLine;
        p.setPen(detail == Detail::Full ? QPen(border, cl.inherited ? 1.2 : 1.4, style)
                                        : cosmetic(border, 1, style));
        p.setBrush(fill);
        if (detail == Detail::Full)
            p.drawRoundedRect(r, 8, 8);
        else
            p.drawRect(r);
        // Labels keep a readable size on screen whatever the zoom.
        const qreal px = detail == Detail::Full ? 12 : 12 / scale;
        p.setFont(font(px, true));
        p.setPen(cl.inherited ? QColor(0x61, 0x61, 0x61) : QColor(0x1a, 0x23, 0x7e));
        QString label = QStringLiteral("namespace ") + cl.ns +
                        (cl.inherited ? QStringLiteral(" (inherited)") : QString());
        // Zoomed out, text keeps its size on screen: what does not fit its box is shortened or left
        // out (the details panel has it), so that neighbours do not write over each other.
        const auto fits = [&](const QString& text, qreal room) { return text.size() * px * 0.62 <= room; };
        if (detail != Detail::Full && !fits(label, r.width() * 1.1))
            label = fits(cl.ns, r.width() * 1.1) ? cl.ns : QString();
        // Zoomed out, the label sits above the box so that it does not cover the workloads.
        const QRectF labelRect = detail == Detail::Full
                                     ? QRectF(r.left() + 10, r.top() + 4, r.width() - 20, px * 1.7)
                                     : QRectF(r.left(), r.top() - px * 1.6, r.width(), px * 1.5);
        p.drawText(labelRect, Qt::AlignLeft | Qt::AlignBottom | Qt::TextDontClip, label);
        if (!collapsed)
            continue;
        int worst = 0, open = 0;
        for (int n : cl.nodes) {
            const GraphNode& node = m_graph.nodes[n];
            open += node.openFindings;
            if (node.worstCat > 0 && (worst == 0 || node.worstCat < worst))
                worst = node.worstCat;
        }
        QStringList lines;
        lines << plural(cl.nodes.size(), "workload", "workloads") + QStringLiteral(" (collapsed)");
        lines << (worst ? plural(open, "open finding", "open findings") + QStringLiteral(", worst CAT ") +
                              GraphPainter::catLabel(worst)
                        : QStringLiteral("no open findings"));
        if (detail != Detail::Full) {
            qsizetype longest = 0;
            for (const QString& l : std::as_const(lines))
                longest = qMax(longest, l.size());
            if (longest * px * 0.9 * 0.62 > r.width() - 8 || px * 0.9 * 3.2 > r.height() - px * 2)
                lines = QStringList{QString::number(cl.nodes.size())}; // just the count
            if (!fits(lines.first(), r.width()) || px * 1.5 > r.height())
                continue;
        }
        p.setFont(font(px * 0.9));
        p.setPen(QColor(0x26, 0x32, 0x38));
        p.drawText(r.adjusted(4, px * 1.2, -4, -4), Qt::AlignCenter | Qt::TextDontClip,
                   lines.join(QLatin1Char('\n')));
    }
}

void GraphCanvas::paintEdges(QPainter& p, const QRectF& area, qreal scale, Detail detail) const
{
    Q_UNUSED(scale)
    p.setBrush(Qt::NoBrush);
    QList<int> inView;
    for (int i = 0; i < m_graph.edges.size(); ++i) {
        const GraphEdge& e = m_graph.edges[i];
        if (edgeHidden(e) || !m_edges[i].box.intersects(area))
            continue;
        inView << i;
    }
    // Many flows in view: thin cosmetic lines without antialiasing (dashed antialiased strokes are what
    // costs), arrowheads filled in one go per colour; nodes and text stay smooth.
    const bool smooth = detail == Detail::Full && inView.size() <= m_smoothEdgeLimit;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, smooth);
    QHash<QRgb, QPainterPath> heads;
    QString lastMtls = QStringLiteral("\x01");
    for (int i : std::as_const(inView)) {
        const GraphEdge& e = m_graph.edges[i];
        const EdgeGeometry& g = m_edges[i];
        const QString style = e.change == QLatin1String("removed") ? QStringLiteral("\x02removed") : e.mtls;
        if (style != lastMtls) {
            if (e.change == QLatin1String("removed"))
                p.setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.6, Qt::DashLine));
            else
                setEdgePen(p, e.mtls, smooth ? 1.2 : 1);
            if (!smooth) {
                QPen pen = p.pen();
                pen.setCosmetic(true);
                pen.setWidthF(1);
                p.setPen(pen);
            }
            lastMtls = style;
        }
        if (area.contains(g.box)) {
            p.drawPath(g.path);
        } else {
            // A long flow that leaves the view: stroke only its flattened pieces in view.
            const QRectF near = area.adjusted(-4, -4, 4, 4);
            QPolygonF run;
            for (int k = 1; k < g.polyline.size(); ++k) {
                const QPointF a = g.polyline[k - 1], b = g.polyline[k];
                if (QRectF(a, b).normalized().adjusted(-1, -1, 1, 1).intersects(near)) {
                    if (run.isEmpty())
                        run << a;
                    run << b;
                } else if (!run.isEmpty()) {
                    p.drawPolyline(run);
                    run.clear();
                }
            }
            if (!run.isEmpty())
                p.drawPolyline(run);
        }
        if (detail != Detail::Full || !area.contains(g.path.currentPosition()))
            continue;
        if (smooth) {
            arrowHead(p, g.path.currentPosition(), g.arrowFrom);
        } else {
            const QPointF tip = g.path.currentPosition(), d = tip - g.arrowFrom;
            const qreal len = qSqrt(d.x() * d.x() + d.y() * d.y());
            if (len < 1e-6)
                continue;
            const QPointF u = d / len, n(-u.y(), u.x());
            heads[p.pen().color().rgba()].addPolygon(
                QPolygonF{tip, tip - u * 8 + n * 3.5, tip - u * 8 - n * 3.5});
        }
    }
    p.setPen(Qt::NoPen);
    for (auto it = heads.cbegin(); it != heads.cend(); ++it) {
        p.setBrush(QColor::fromRgba(it.key()));
        p.drawPath(it.value());
    }
    p.restore();
    if (detail != Detail::Full || inView.size() > m_portBadgeLimit)
        return;
    // One port badge per destination and port set, near the arrowhead: converging flows share it.
    p.setFont(font(8));
    const QFontMetricsF fm(p.font());
    QSet<QString> badged;
    for (int i : std::as_const(inView)) {
        const GraphEdge& e = m_graph.edges[i];
        const QString key = QString::number(e.dst) + QLatin1Char(' ') + e.conn;
        if (badged.contains(key))
            continue;
        badged.insert(key);
        const QPointF at = m_edges[i].badgeAt;
        const qreal w = fm.horizontalAdvance(e.conn) + 8;
        const QRectF r(at.x() - w / 2, at.y() - 7, w, 14);
        p.setPen(QPen(QColor(0x90, 0x90, 0x90), 0.6));
        p.setBrush(QColor(0xff, 0xff, 0xf0));
        p.drawRoundedRect(r, 3, 3);
        p.setPen(QColor(0x26, 0x32, 0x38));
        p.drawText(r, Qt::AlignCenter, e.conn);
    }
}

void GraphCanvas::paintBundles(QPainter& p, const QList<Bundle>& bundles, const QRectF& area, qreal scale,
                               Detail detail) const
{
    p.setBrush(Qt::NoBrush);
    for (const Bundle& b : bundles) {
        if (!QRectF(b.line.p1(), b.line.p2()).normalized().adjusted(-4, -4, 4, 4).intersects(area))
            continue;
        const qreal px = 1 + std::log2(qreal(b.edges.size()));
        const QColor c =
            b.mtls == QLatin1String("mixed") ? QColor(0x54, 0x6e, 0x7a) : GraphPainter::mtlsColor(b.mtls);
        p.setPen(detail == Detail::Full ? QPen(c, px * 1.2) : cosmetic(c, px));
        p.drawLine(b.line);
        arrowHead(p, b.line.p2(), b.line.p1(), detail == Detail::Full ? 8 + px * 2 : (8 + px * 2) / scale);
        if (detail == Detail::Overview || b.edges.size() < 2)
            continue;
        const qreal fpx = detail == Detail::Full ? 9 : 10 / scale;
        p.setFont(font(fpx, true));
        const QString text = plural(b.edges.size(), "flow", "flows");
        const QFontMetricsF fm(p.font());
        const QPointF mid = b.line.center();
        const QRectF r(mid.x() - fm.horizontalAdvance(text) / 2 - 4, mid.y() - fpx * 0.8,
                       fm.horizontalAdvance(text) + 8, fpx * 1.6);
        p.setPen(cosmetic(c, 1));
        p.setBrush(Qt::white);
        p.drawRect(r);
        p.setPen(Qt::black);
        p.drawText(r, Qt::AlignCenter, text);
        p.setBrush(Qt::NoBrush);
    }
}

void GraphCanvas::paintNodes(QPainter& p, const QRectF& area, qreal scale, Detail detail) const
{
    Q_UNUSED(scale)
    const QFont nameFont = font(10);
    const QFont kindFont = font(8);
    const QFont badgeFont = font(8, true);
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        const QRectF& r = m_nodeRects[i];
        if (!isVisible(i) || !r.intersects(area))
            continue;
        const GraphNode& n = m_graph.nodes[i];
        QColor fill = Qt::white, border(0x45, 0x5a, 0x64);
        if (n.type == GraphNode::Type::Entry) {
            fill = QColor(0xe3, 0xf2, 0xfd);
            border = QColor(0x15, 0x65, 0xc0);
        } else if (n.type == GraphNode::Type::External) {
            fill = QColor(0xfd, 0xec, 0xea);
            border = QColor(0xb7, 0x1c, 0x1c);
        } else if (n.inherited) {
            fill = QColor(0xfa, 0xfa, 0xfa);
            border = QColor(0x75, 0x75, 0x75);
        }
        if (detail == Detail::Overview) {
            // A box in the colour of the worst finding: the overview's heat map.
            p.fillRect(r, n.worstCat > 0 ? GraphPainter::catColor(n.worstCat) : border);
            continue;
        }
        p.setPen(detail == Detail::Full ? QPen(border, 1.2) : cosmetic(border, 1));
        p.setBrush(fill);
        paintShape(p, GraphStyle::shapeFor(n), r);
        if (detail == Detail::Shapes) {
            if (n.worstCat > 0)
                p.fillRect(QRectF(r.right() - 11, r.top() - 7, 18, 14), GraphPainter::catColor(n.worstCat));
            continue;
        }
        p.setPen(Qt::black);
        p.setFont(nameFont);
        p.drawText(QRectF(r.left() - 200, r.top() + 3, r.width() + 400, r.height() / 2 + 3),
                   Qt::AlignHCenter | Qt::AlignVCenter, n.name);
        p.setFont(kindFont);
        p.setPen(QColor(0x60, 0x60, 0x60));
        p.drawText(QRectF(r.left(), r.center().y() + 1, r.width(), r.height() / 2 - 3),
                   Qt::AlignHCenter | Qt::AlignVCenter, n.kind);
        if (n.worstCat > 0) {
            const QRectF b(r.right() - 11, r.top() - 7, 18, 14);
            p.setPen(QPen(Qt::white, 1));
            p.setBrush(GraphPainter::catColor(n.worstCat));
            p.drawRoundedRect(b, 6, 6);
            p.setPen(n.worstCat == 3 ? Qt::black : Qt::white);
            p.setFont(badgeFont);
            p.drawText(b, Qt::AlignCenter, GraphPainter::catLabel(n.worstCat));
        }
    }
}

void GraphCanvas::paintDiff(QPainter& p, const QRectF& area, qreal scale) const
{
    Q_UNUSED(scale)
    // Halos under the flows: added green, changed amber (removed ones are drawn red and dashed).
    p.setBrush(Qt::NoBrush);
    for (int i = 0; i < m_graph.edges.size(); ++i) {
        const GraphEdge& e = m_graph.edges[i];
        const bool added = e.change == QLatin1String("added");
        if (!(added || e.change == QLatin1String("changed")) || edgeHidden(e) ||
            !m_edges[i].box.intersects(area))
            continue;
        QPen halo(added ? QColor(0x43, 0xa0, 0x47, 120) : QColor(0xff, 0xa0, 0x00, 120), 7);
        halo.setCapStyle(Qt::RoundCap);
        p.setPen(halo);
        p.drawPath(m_edges[i].path);
    }
    // Nodes that came or went: a green or red dashed frame around them.
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        const QString& c = m_graph.nodes[i].change;
        if (c.isEmpty() || !isVisible(i) || !m_nodeRects[i].intersects(area))
            continue;
        p.setPen(QPen(c == QLatin1String("added") ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28), 2.4,
                      Qt::DashLine));
        p.drawRoundedRect(m_nodeRects[i].adjusted(-5, -5, 5, 5), 7, 7);
    }
}

void GraphCanvas::paintMarks(QPainter& p, const Marks& marks, qreal scale) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    const qreal pad = 3 / qMax<qreal>(scale, 0.01);
    const auto outline = [&](int node, const QColor& c) {
        if (node < 0 || node >= m_nodeRects.size())
            return;
        const int cl = m_nodeCluster.value(node, -1);
        const QRectF r = isVisible(node) ? m_nodeRects[node] : m_pos.clusters.value(cl);
        p.setPen(cosmetic(c, 3));
        p.drawRoundedRect(r.adjusted(-pad, -pad, pad, pad), 6, 6);
    };
    const auto drawEdge = [&](int i, qreal px) {
        const GraphEdge& e = m_graph.edges[i];
        p.setPen(cosmetic(kSelect, px));
        if (edgeHidden(e)) {
            const QRectF a = isVisible(e.src) ? m_nodeRects[e.src] : m_pos.clusters.value(clusterOf(e.src));
            const QRectF b = isVisible(e.dst) ? m_nodeRects[e.dst] : m_pos.clusters.value(clusterOf(e.dst));
            p.drawLine(QLineF(clipToRect(a, b.center()), clipToRect(b, a.center())));
            return;
        }
        p.drawPath(m_edges[i].path);
        arrowHead(p, m_edges[i].path.currentPosition(), m_edges[i].arrowFrom, 10 / qMax<qreal>(scale, 0.05));
    };
    if (marks.node >= 0) {
        for (int i = 0; i < m_graph.edges.size(); ++i)
            if (m_graph.edges[i].src == marks.node || m_graph.edges[i].dst == marks.node)
                drawEdge(i, 2.2);
        outline(marks.node, kSelect);
    }
    if (marks.edge >= 0 && marks.edge < m_graph.edges.size()) {
        drawEdge(marks.edge, 3.5);
        outline(m_graph.edges[marks.edge].src, kSelect);
        outline(m_graph.edges[marks.edge].dst, kSelect);
    }
    if (marks.cluster >= 0 && marks.cluster < m_graph.clusters.size()) {
        p.setPen(cosmetic(kSelect, 3));
        p.drawRect(m_pos.clusters[marks.cluster].adjusted(-pad, -pad, pad, pad));
    }
    outline(marks.match, kMatch);
    p.restore();
}

int GraphCanvas::nodeAt(const QPointF& at) const
{
    for (int i = static_cast<int>(m_nodeRects.size()) - 1; i >= 0; --i)
        if (isVisible(i) && m_nodeRects[i].contains(at))
            return i;
    return -1;
}

int GraphCanvas::clusterAt(const QPointF& at) const
{
    for (int c = 0; c < m_pos.clusters.size(); ++c)
        if (m_pos.clusters[c].contains(at))
            return c;
    return -1;
}

int GraphCanvas::edgeAt(const QPointF& at, qreal tolerance) const
{
    return edgesAt(at, tolerance).value(0, -1);
}

QList<int> GraphCanvas::edgesAt(const QPointF& at, qreal tolerance) const
{
    QList<std::pair<qreal, int>> near;
    for (int i = 0; i < m_edges.size(); ++i) {
        const EdgeGeometry& g = m_edges[i];
        if (edgeHidden(m_graph.edges[i]) ||
            !g.box.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(at))
            continue;
        qreal best = tolerance + 1;
        for (int k = 1; k < g.polyline.size(); ++k)
            best = qMin(best, distanceToSegment(at, g.polyline[k - 1], g.polyline[k]));
        if (best <= tolerance)
            near.append({best, i});
    }
    std::stable_sort(near.begin(), near.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<int> out;
    for (const auto& n : std::as_const(near))
        out << n.second;
    return out;
}

} // namespace tollgate::reports
