#include "GraphPainter.h"

#include "GraphStyle.h"

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
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(qMax(1, qRound(px)));
    f.setBold(bold);
    return f;
}

// Where the line from the centre of `r` towards `to` leaves the rectangle.
QPointF clipToRect(const QRectF& r, const QPointF& to)
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

void arrowHead(QPainter& p, const QPointF& tip, const QPointF& from)
{
    const QPointF d = tip - from;
    const qreal len = qSqrt(d.x() * d.x() + d.y() * d.y());
    if (len < 1e-6)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    const qreal a = 8, w = 3.5;
    QPolygonF head;
    head << tip << tip - u * a + n * w << tip - u * a - n * w;
    QPen pen = p.pen();
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(pen.color());
    p.drawPolygon(head);
    p.restore();
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

void GraphPainter::setEdgePen(QPainter& p, const QString& mtls, qreal width)
{
    QPen pen(mtlsColor(mtls), width);
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

void GraphPainter::paintShape(QPainter& p, const QString& shape, const QRectF& r)
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
    // The system boundary.
    p.setPen(QPen(QColor(0x37, 0x47, 0x4f), 1.6, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m_pos.boundary);
    p.setFont(font(11, true));
    p.setPen(QColor(0x37, 0x47, 0x4f));
    p.drawText(QRectF(m_pos.boundary.left() + 8, m_pos.boundary.top() + 4, m_pos.boundary.width() - 16, 18),
               Qt::AlignLeft | Qt::AlignTop, QStringLiteral("System boundary"));

    // Namespaces.
    for (int c = 0; c < m_graph.clusters.size(); ++c) {
        const GraphCluster& cl = m_graph.clusters[c];
        const QRectF r = m_pos.clusters.value(c);
        if (cl.inherited) {
            p.setPen(QPen(QColor(0x75, 0x75, 0x75), 1.2, Qt::DashLine));
            p.setBrush(QColor(0xf2, 0xf2, 0xf2));
        } else {
            p.setPen(QPen(QColor(0x3f, 0x51, 0xb5), 1.4));
            p.setBrush(QColor(0xf3, 0xf6, 0xfd));
        }
        p.drawRoundedRect(r, 8, 8);
        p.setFont(font(12, true));
        p.setPen(cl.inherited ? QColor(0x61, 0x61, 0x61) : QColor(0x1a, 0x23, 0x7e));
        p.drawText(QRectF(r.left() + 10, r.top() + 4, r.width() - 20, 20),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                   QStringLiteral("namespace ") + cl.ns +
                       (cl.inherited ? QStringLiteral(" (inherited)") : QString()));
    }

    // Flows: straight lines between node borders, a bend when both directions exist.
    QSet<quint64> pairs;
    for (const GraphEdge& e : m_graph.edges)
        pairs.insert(quint64(quint32(e.src)) << 32 | quint32(e.dst));
    const bool badges = m_graph.edges.size() <= m_options.portBadgeLimit;
    QList<std::pair<QPointF, QString>> portBadges;
    QSet<QString> badged;
    for (const GraphEdge& e : m_graph.edges) {
        const QRectF a = m_pos.nodes.value(e.src), b = m_pos.nodes.value(e.dst);
        const bool both = pairs.contains(quint64(quint32(e.dst)) << 32 | quint32(e.src));
        QPointF ca = a.center(), cb = b.center();
        const QPointF d = cb - ca;
        const qreal len = qMax<qreal>(1e-6, qSqrt(d.x() * d.x() + d.y() * d.y()));
        const QPointF normal(-d.y() / len, d.x() / len);
        const QPointF ctrl = (ca + cb) / 2 + (both ? normal * 18 : QPointF());
        const QPointF from = clipToRect(a, ctrl), to = clipToRect(b, ctrl);
        setEdgePen(p, e.mtls);
        p.setBrush(Qt::NoBrush);
        QPainterPath path(from);
        path.quadTo(ctrl, to);
        p.drawPath(path);
        arrowHead(p, to, path.pointAtPercent(0.92));
        // One badge per destination and port set, near the arrowhead: converging flows share it.
        const QString badgeKey = QString::number(e.dst) + QLatin1Char(' ') + e.conn;
        if (badges && !badged.contains(badgeKey)) {
            badged.insert(badgeKey);
            portBadges.append({path.pointAtPercent(0.72), e.conn});
        }
    }
    // Port badges on top of the lines.
    p.setFont(font(8));
    const QFontMetricsF fm(p.font());
    for (const auto& [at, text] : std::as_const(portBadges)) {
        const qreal w = fm.horizontalAdvance(text) + 8;
        const QRectF r(at.x() - w / 2, at.y() - 7, w, 14);
        p.setPen(QPen(QColor(0x90, 0x90, 0x90), 0.6));
        p.setBrush(QColor(0xff, 0xff, 0xf0));
        p.drawRoundedRect(r, 3, 3);
        p.setPen(QColor(0x26, 0x32, 0x38));
        p.drawText(r, Qt::AlignCenter, text);
    }

    // Nodes: shape by kind, full name, kind underneath, badge by worst open finding.
    const QFont nameFont = font(10);
    const QFont kindFont = font(8);
    const QFontMetricsF nfm(nameFont);
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        const GraphNode& n = m_graph.nodes[i];
        QRectF r = m_pos.nodes.value(i);
        const qreal need = nfm.horizontalAdvance(n.name) + 24;
        if (need > r.width()) // never elide: grow around the centre instead
            r.adjust(-(need - r.width()) / 2, 0, (need - r.width()) / 2, 0);
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
        p.setPen(QPen(border, 1.2));
        p.setBrush(fill);
        paintShape(p, GraphStyle::shapeFor(n), r);
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
            p.setBrush(catColor(n.worstCat));
            p.drawRoundedRect(b, 6, 6);
            p.setPen(n.worstCat == 3 ? Qt::black : Qt::white);
            p.setFont(font(8, true));
            p.drawText(b, Qt::AlignCenter, catLabel(n.worstCat));
        }
    }
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
        setEdgePen(p, s, 1.6);
        p.drawLine(QPointF(x, yy - 4), QPointF(x + 44, yy - 4));
        arrowHead(p, QPointF(x + 50, yy - 4), QPointF(x, yy - 4));
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
        paintShape(p, shapes[i].second, QRectF(cx, cy, 40, 18));
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
