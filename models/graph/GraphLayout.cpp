#include "graph/GraphLayout.h"

#include "base/Logging.h"
#include "base/Sha256.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <cstdlib>
#include <gvc.h>
#include <mutex>
#include <set>
#include <vector>

namespace tollgate {

namespace {

std::mutex& gvMutex()
{
    static std::mutex m;
    return m;
}

// One GVC for the process, created under the mutex, never freed (Graphviz keeps global state).
GVC_t* gvc()
{
    static GVC_t* c = gvContext();
    return c;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
QPointF coordOf(Agnode_t* n)
{
    return {ND_coord(n).x, ND_coord(n).y};
}
#pragma GCC diagnostic pop

char* cs(const char* s)
{
    return const_cast<char*>(s);
}

// Lays out one small graph: node sizes, undirected-deduplicated edges; returns centres (y down, the
// bounding box's top-left at 0,0). Holds the gv mutex.
bool run(const QList<QSizeF>& sizes, const QList<std::pair<int, int>>& edges, bool lr,
         QList<QPointF>& centres, QString& engineUsed, bool useDot)
{
    const int n = static_cast<int>(sizes.size());
    centres.clear();
    if (n == 0)
        return true;
    if (n == 1) {
        centres << QPointF(sizes[0].width() / 2, sizes[0].height() / 2);
        engineUsed = QStringLiteral("none");
        return true;
    }
    const char* engine = useDot ? "dot" : "sfdp";
    engineUsed = QString::fromLatin1(engine);
    std::lock_guard<std::mutex> lock(gvMutex());
    Agraph_t* g = agopen(cs("g"), Agdirected, nullptr);
    agattr(g, AGRAPH, cs("rankdir"), cs(lr ? "LR" : "TB"));
    agattr(g, AGRAPH, cs("nodesep"), cs("0.3"));
    agattr(g, AGRAPH, cs("ranksep"), cs("0.9"));
    agattr(g, AGRAPH, cs("nslimit"), cs("2"));
    agattr(g, AGRAPH, cs("mclimit"), cs("1"));
    agattr(g, AGRAPH, cs("start"), cs("1"));
    agattr(g, AGRAPH, cs("overlap"), cs("prism"));
    agattr(g, AGRAPH, cs("sep"), cs("+12"));
    agattr(g, AGRAPH, cs("splines"), cs("false"));
    agattr(g, AGNODE, cs("shape"), cs("box"));
    agattr(g, AGNODE, cs("fixedsize"), cs("true"));
    agattr(g, AGNODE, cs("label"), cs(""));
    Agsym_t* w = agattr(g, AGNODE, cs("width"), cs("1"));
    Agsym_t* h = agattr(g, AGNODE, cs("height"), cs("0.5"));
    std::vector<Agnode_t*> nodes(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const QByteArray name = QByteArray::number(i);
        Agnode_t* node = agnode(g, const_cast<char*>(name.constData()), 1);
        agxset(node, w, const_cast<char*>(QByteArray::number(sizes[i].width() / 72.0, 'f', 3).constData()));
        agxset(node, h, const_cast<char*>(QByteArray::number(sizes[i].height() / 72.0, 'f', 3).constData()));
        nodes[static_cast<size_t>(i)] = node;
    }
    for (const auto& [a, b] : edges)
        agedge(g, nodes[static_cast<size_t>(a)], nodes[static_cast<size_t>(b)], nullptr, 1);
    // sfdp's coarsening draws from rand() before it seeds itself: seed both generators for every call,
    // so the same input always gives the same positions, whatever ran before.
    srand(1);
    srand48(1);
    const int rc = gvLayout(gvc(), g, engine);
    if (rc != 0) {
        agclose(g);
        return false;
    }
    QList<QPointF> raw;
    for (int i = 0; i < n; ++i)
        raw << coordOf(nodes[static_cast<size_t>(i)]);
    gvFreeLayout(gvc(), g);
    agclose(g);
    qreal minX = 1e18, maxY = -1e18;
    for (int i = 0; i < n; ++i) {
        minX = std::min(minX, raw[i].x() - sizes[i].width() / 2);
        maxY = std::max(maxY, raw[i].y() + sizes[i].height() / 2);
    }
    for (int i = 0; i < n; ++i)
        centres << QPointF(raw[i].x() - minX, maxY - raw[i].y()); // y down
    return true;
}

QRectF around(const QPointF& centre, const QSizeF& s)
{
    return {centre.x() - s.width() / 2, centre.y() - s.height() / 2, s.width(), s.height()};
}

QJsonArray rectJson(const QRectF& r)
{
    return {qRound(r.x() * 10) / 10.0, qRound(r.y() * 10) / 10.0, qRound(r.width() * 10) / 10.0,
            qRound(r.height() * 10) / 10.0};
}

QRectF rectOf(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    return {a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble()};
}

constexpr qreal kClusterPad = 16;
constexpr qreal kClusterHeader = 24;
constexpr qreal kBoundaryPad = 40;

} // namespace

QSizeF GraphLayout::nodeSize(const GraphNode& node)
{
    // Average advance of a 9 pt sans face is about 5.6 pt; leave room for the badge and the shape.
    const qreal text = node.name.size() * 6.0;
    return {std::max<qreal>(70, text + 34), 36};
}

QByteArray GraphLayout::key(const Graph& graph)
{
    Sha256 h;
    h.add(QByteArray("layout ") + Version + '\n');
    for (const GraphNode& n : graph.nodes) {
        const QSizeF s = nodeSize(n);
        h.add((n.id + QLatin1Char(' ') + QString::number(int(n.type)) + QLatin1Char(' ') +
               QString::number(s.width()) + QLatin1Char('\n'))
                  .toUtf8());
    }
    for (const GraphCluster& c : graph.clusters)
        h.add((QStringLiteral("cluster ") + c.ns + QLatin1Char('\n')).toUtf8());
    for (const GraphEdge& e : graph.edges)
        h.add(QByteArray::number(e.src) + ' ' + QByteArray::number(e.dst) + '\n');
    return h.hexDigest();
}

Result<GraphLayout::Positions> GraphLayout::compute(const Graph& graph)
{
    QElapsedTimer timer;
    timer.start();
    Positions out;
    const int n = static_cast<int>(graph.nodes.size());
    out.nodes.resize(n);
    out.clusters.resize(graph.clusters.size());
    QVector<int> clusterOf(n, -1);
    QVector<int> localIndex(n, -1);
    for (int c = 0; c < graph.clusters.size(); ++c)
        for (int k = 0; k < graph.clusters[c].nodes.size(); ++k) {
            clusterOf[graph.clusters[c].nodes[k]] = c;
            localIndex[graph.clusters[c].nodes[k]] = k;
        }

    // Level 1: each namespace alone.
    QList<std::set<std::pair<int, int>>> intra(graph.clusters.size());
    for (const GraphEdge& e : graph.edges) {
        const int c = clusterOf[e.src];
        if (c >= 0 && c == clusterOf[e.dst]) {
            const int a = localIndex[e.src], b = localIndex[e.dst];
            intra[c].insert({a, b});
        }
    }
    QList<QSizeF> clusterSize;
    QList<QList<QPointF>> local;
    for (int c = 0; c < graph.clusters.size(); ++c) {
        const GraphCluster& cl = graph.clusters[c];
        QList<QSizeF> sizes;
        for (int i : cl.nodes)
            sizes << nodeSize(graph.nodes[i]);
        const int m = static_cast<int>(sizes.size());
        QList<std::pair<int, int>> edges;
        bool dense = false;
        // Undirected pairs: an allow-all namespace has about n² of them; collapse to a star on a hub.
        std::set<std::pair<int, int>> pairs;
        for (const auto& [a, b] : intra[c])
            pairs.insert({std::min(a, b), std::max(a, b)});
        if (m > 8 && static_cast<int>(pairs.size()) > 3 * m) {
            sizes << QSizeF(1, 1); // the hub
            for (int i = 0; i < m; ++i)
                edges.append({m, i});
            dense = true;
        } else {
            for (const auto& p : intra[c])
                edges << p;
        }
        QList<QPointF> centres;
        QString engine;
        const bool useDot = !dense && m <= 60 && edges.size() <= 2 * m + 10;
        if (!run(sizes, edges, true, centres, engine, useDot))
            return Error(QString(), 0,
                         QStringLiteral("Graphviz could not lay out namespace %1 (are the layout plugins "
                                        "installed?)")
                             .arg(cl.ns));
        centres = centres.mid(0, m);
        QRectF box;
        for (int k = 0; k < m; ++k)
            box = box.united(around(centres[k], sizes[k]));
        for (QPointF& p : centres)
            p += QPointF(kClusterPad - box.left(), kClusterPad + kClusterHeader - box.top());
        // Wide enough for the namespace title too.
        const qreal titleWidth = (cl.ns.size() + (cl.inherited ? 22 : 10)) * 8.0 + 24;
        clusterSize << QSizeF(std::max(box.width() + 2 * kClusterPad, titleWidth),
                              box.height() + 2 * kClusterPad + kClusterHeader);
        local << centres;
    }

    // Level 2: the namespace meta-graph, entries and external blocks as their own nodes.
    QList<int> metaOf(n, -1);
    QList<QSizeF> metaSizes = clusterSize;
    QList<int> outside;
    for (int i = 0; i < n; ++i) {
        if (clusterOf[i] >= 0) {
            metaOf[i] = clusterOf[i];
        } else {
            metaOf[i] = static_cast<int>(metaSizes.size());
            metaSizes << nodeSize(graph.nodes[i]);
            outside << i;
        }
    }
    std::set<std::pair<int, int>> metaEdges;
    for (const GraphEdge& e : graph.edges) {
        const int a = metaOf[e.src], b = metaOf[e.dst];
        if (a != b)
            metaEdges.insert({a, b});
    }
    QList<std::pair<int, int>> me(metaEdges.begin(), metaEdges.end());
    QList<QPointF> metaCentres;
    QString metaEngine;
    const bool metaDot = metaSizes.size() <= 40 && me.size() <= 300;
    if (!run(metaSizes, me, true, metaCentres, metaEngine, metaDot))
        return Error(QString(), 0, QStringLiteral("Graphviz could not lay out the namespace graph"));

    QRectF boundary;
    for (int c = 0; c < graph.clusters.size(); ++c) {
        out.clusters[c] = around(metaCentres[c], clusterSize[c]);
        boundary = boundary.united(out.clusters[c]);
        for (int k = 0; k < graph.clusters[c].nodes.size(); ++k) {
            const int i = graph.clusters[c].nodes[k];
            out.nodes[i] = around(out.clusters[c].topLeft() + local[c][k], nodeSize(graph.nodes[i]));
        }
    }
    if (boundary.isNull())
        boundary = QRectF(0, 0, 200, 100);
    // Room for the nodes that sit on the line: half of the widest one on each side, and a gap.
    qreal padLeft = kBoundaryPad, padRight = kBoundaryPad;
    for (int i : outside) {
        const qreal half = nodeSize(graph.nodes[i]).width() / 2 + kBoundaryPad;
        if (graph.nodes[i].type == GraphNode::Type::Entry)
            padLeft = std::max(padLeft, half);
        else
            padRight = std::max(padRight, half);
    }
    boundary.adjust(-padLeft, -kBoundaryPad, padRight, kBoundaryPad);

    // Entry points on the left boundary line, external blocks on the right, in the meta layout's
    // vertical order, spread so they never overlap.
    for (const bool left : {true, false}) {
        QList<int> side;
        for (int i : outside)
            if ((graph.nodes[i].type == GraphNode::Type::Entry) == left)
                side << i;
        std::stable_sort(side.begin(), side.end(), [&](int a, int b) {
            return metaCentres[metaOf[a]].y() < metaCentres[metaOf[b]].y();
        });
        const qreal step = 50;
        const qreal need = side.size() * step;
        if (need + 2 * kBoundaryPad > boundary.height())
            boundary.setHeight(need + 2 * kBoundaryPad);
        qreal y =
            boundary.top() + kBoundaryPad + (boundary.height() - 2 * kBoundaryPad - need) / 2 + step / 2;
        for (int i : side) {
            const qreal x = left ? boundary.left() : boundary.right();
            out.nodes[i] = around(QPointF(x, y), nodeSize(graph.nodes[i]));
            y += step;
        }
    }
    out.boundary = boundary;
    QRectF all = boundary;
    for (const QRectF& r : std::as_const(out.nodes))
        all = all.united(r);
    // Move everything so the picture starts at 0,0.
    const QPointF shift = -all.topLeft();
    for (QRectF& r : out.nodes)
        r.translate(shift);
    for (QRectF& r : out.clusters)
        r.translate(shift);
    out.boundary.translate(shift);
    out.bounds = all.translated(shift);
    qCInfo(lcGraph) << "layout of" << n << "nodes," << graph.edges.size() << "edges in" << timer.elapsed()
                    << "ms; meta engine" << metaEngine;
    return out;
}

QJsonObject GraphLayout::Positions::toJson() const
{
    QJsonArray ns, cs_;
    for (const QRectF& r : nodes)
        ns.append(rectJson(r));
    for (const QRectF& r : clusters)
        cs_.append(rectJson(r));
    return {{QStringLiteral("version"), QString::fromLatin1(Version)},
            {QStringLiteral("nodes"), ns},
            {QStringLiteral("clusters"), cs_},
            {QStringLiteral("boundary"), rectJson(boundary)},
            {QStringLiteral("bounds"), rectJson(bounds)}};
}

GraphLayout::Positions GraphLayout::Positions::fromJson(const QJsonObject& o)
{
    Positions p;
    for (const QJsonValue& v : o.value(QLatin1String("nodes")).toArray())
        p.nodes << rectOf(v);
    for (const QJsonValue& v : o.value(QLatin1String("clusters")).toArray())
        p.clusters << rectOf(v);
    p.boundary = rectOf(o.value(QLatin1String("boundary")));
    p.bounds = rectOf(o.value(QLatin1String("bounds")));
    return p;
}

} // namespace tollgate
