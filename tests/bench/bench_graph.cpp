// Service-graph benchmark: generated graphs (default 1,000 and 5,000 workloads, 20,000 flows each):
// two-level Graphviz layout, picture build (the painter into a QPicture), SVG export. Prints figures,
// asserts nothing on time. `bench_graph --workloads N --flows M` runs one size; `--check` also lays
// the graph out twice and fails when the positions differ.
#include "diagram/GraphCanvas.h"
#include "diagram/GraphExport.h"
#include "diagram/GraphPainter.h"
#include "graph/Graph.h"
#include "graph/GraphLayout.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace tollgate;

namespace {
Graph generate(int workloads, int flows)
{
    QRandomGenerator rng(42);
    Graph g;
    const int perNs = 50;
    const int namespaces = std::max(1, workloads / perNs);
    const char* kinds[] = {"Deployment", "StatefulSet", "DaemonSet", "CronJob"};
    g.clusters.resize(namespaces);
    for (int i = 0; i < workloads; ++i) {
        const int ns = i % namespaces;
        GraphNode n;
        n.ns = QStringLiteral("team-%1").arg(ns, 3, 10, QLatin1Char('0'));
        n.name = QStringLiteral("service-%1-%2").arg(ns).arg(i / namespaces);
        n.kind = QString::fromLatin1(kinds[i % 4]);
        n.id = n.ns + QLatin1Char('/') + n.name + QLatin1Char('[') + n.kind + QLatin1Char(']');
        n.worstCat = static_cast<int>(rng.bounded(4));
        n.inherited = ns == 0;
        g.clusters[ns].ns = n.ns;
        g.clusters[ns].inherited = n.inherited;
        g.clusters[ns].nodes << static_cast<int>(g.nodes.size());
        g.nodes << n;
    }
    const int firstOutside = static_cast<int>(g.nodes.size());
    for (int i = 0; i < std::max(2, workloads / 100); ++i) {
        GraphNode n;
        n.type = GraphNode::Type::Entry;
        n.kind = QStringLiteral("LoadBalancer");
        n.id = n.name = QStringLiteral("{LoadBalancer team-%1/lb}").arg(i, 3, 10, QLatin1Char('0'));
        g.nodes << n;
    }
    for (int i = 0; i < 5; ++i) {
        GraphNode n;
        n.type = GraphNode::Type::External;
        n.kind = QStringLiteral("External");
        n.id = n.name = QStringLiteral("10.%1.0.0-10.%1.255.255").arg(i);
        g.nodes << n;
    }
    const QStringList mtls{QStringLiteral("strict"), QStringLiteral("permissive"),
                           QStringLiteral("plaintext"), QStringLiteral("not-in-mesh")};
    QSet<quint64> seen;
    while (g.edges.size() < flows) {
        GraphEdge e;
        const quint32 r = rng.bounded(100u);
        if (r < 70) { // within a namespace
            const auto& c = g.clusters[static_cast<int>(rng.bounded(static_cast<quint32>(namespaces)))];
            e.src = c.nodes[static_cast<int>(rng.bounded(static_cast<quint32>(c.nodes.size())))];
            e.dst = c.nodes[static_cast<int>(rng.bounded(static_cast<quint32>(c.nodes.size())))];
        } else if (r < 97) {
            e.src = static_cast<int>(rng.bounded(static_cast<quint32>(firstOutside)));
            e.dst = static_cast<int>(rng.bounded(static_cast<quint32>(firstOutside)));
        } else {
            e.src = firstOutside +
                    static_cast<int>(rng.bounded(static_cast<quint32>(g.nodes.size() - firstOutside)));
            e.dst = static_cast<int>(rng.bounded(static_cast<quint32>(firstOutside)));
        }
        const quint64 key = quint64(quint32(e.src)) << 32 | quint32(e.dst);
        if (e.src == e.dst || seen.contains(key))
            continue;
        seen.insert(key);
        e.conn = QStringLiteral("TCP %1").arg(8000 + rng.bounded(100));
        e.mtls = mtls[static_cast<int>(rng.bounded(4u))];
        g.edges << e;
    }
    return g;
}

// One full frame of the Graph page, offscreen, as GraphView draws its static layer and marks: the
// median of 7 frames into a 1600x1000 image, at overview (the whole graph fitted) and at close zoom
// (1 px per point, centred on the densest namespace), expanded and with every namespace collapsed.
void frames(const Graph& g, const GraphLayout::Positions& positions)
{
    QElapsedTimer t;
    t.start();
    reports::GraphCanvas canvas(g, positions);
    canvas.setSmoothEdgeLimit(250); // as GraphView sets it
    const double buildMs = t.nsecsElapsed() / 1e6;
    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    const auto frameMs = [&](qreal scale, const QPointF& centre) {
        QList<double> times;
        for (int i = 0; i < 7; ++i) {
            t.restart();
            image.fill(Qt::white);
            QPainter p(&image);
            const QPointF origin = centre - QPointF(image.width(), image.height()) / (2 * scale);
            p.scale(scale, scale);
            p.translate(-origin);
            const QRectF area(origin, QSizeF(image.width() / scale, image.height() / scale));
            canvas.paint(p, area, scale, reports::GraphCanvas::detailFor(scale));
            reports::GraphCanvas::Marks marks;
            marks.node = 0;
            canvas.paintMarks(p, marks, scale);
            p.end();
            times << t.nsecsElapsed() / 1e6;
        }
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    };
    const QRectF b = canvas.bounds();
    const qreal fit = qMin(1600 / b.width(), 1000 / b.height());
    int densest = 0;
    for (int c = 1; c < g.clusters.size(); ++c)
        if (g.clusters[c].nodes.size() > g.clusters[densest].nodes.size())
            densest = c;
    const QPointF close = g.clusters.isEmpty() ? b.center() : canvas.clusterRect(densest).center();
    {
        const QRectF area(close - QPointF(800, 500), QSizeF(1600, 1000));
        int inView = 0, crossing = 0;
        for (int i = 0; i < g.edges.size(); ++i)
            if (canvas.edgePath(i).controlPointRect().intersects(area)) {
                ++inView;
                crossing += canvas.clusterOf(g.edges[i].src) != canvas.clusterOf(g.edges[i].dst);
            }
        std::printf("close view: %d flows pass through it, %d of them between namespaces\n", inView,
                    crossing);
    }
    const double overview = frameMs(fit, b.center());
    const double zoomed = frameMs(1.0, close);
    QSet<int> all;
    for (int c = 0; c < g.clusters.size(); ++c)
        all.insert(c);
    canvas.setCollapsed(all);
    const double collapsedOverview = frameMs(fit, b.center());
    const double collapsedClose = frameMs(1.0, close);
    std::printf("graph %5d workloads frame 1600x1000: canvas build %.0f ms; overview (%.3f px/pt) %.1f ms, "
                "close zoom %.1f ms; all namespaces collapsed: overview %.1f ms, close %.1f ms\n",
                static_cast<int>(g.nodes.size()), buildMs, fit, overview, zoomed, collapsedOverview,
                collapsedClose);
    std::fflush(stdout);
}

int runOne(int workloads, int flows, bool check)
{
    const Graph g = generate(workloads, flows);
    QElapsedTimer t;
    t.start();
    auto layout = GraphLayout::compute(g);
    const double layoutS = t.nsecsElapsed() / 1e9;
    if (!layout) {
        std::fprintf(stderr, "layout failed: %s\n", qPrintable(layout.error().toString()));
        return 1;
    }
    if (check) {
        auto again = GraphLayout::compute(g);
        if (!again || again->toJson() != layout->toJson()) {
            std::fprintf(stderr, "layout is not deterministic\n");
            return 1;
        }
    }
    reports::GraphPainter::Options o;
    o.system = QStringLiteral("bench");
    const reports::GraphPainter painter(g, layout.value(), o);
    t.restart();
    QPicture picture;
    {
        QPainter p(&picture);
        painter.paint(p);
    }
    const double pictureS = t.nsecsElapsed() / 1e9;
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("graph.svg"));
    t.restart();
    if (!reports::GraphExport::svg(painter, svg)) {
        std::fprintf(stderr, "svg export failed\n");
        return 1;
    }
    const double svgS = t.nsecsElapsed() / 1e9;
    std::printf("graph %5d workloads %6d flows %4d namespaces: layout %.2f s, picture %.2f s, SVG export "
                "%.2f s (%.1f MB)%s\n",
                workloads, static_cast<int>(g.edges.size()), static_cast<int>(g.clusters.size()), layoutS,
                pictureS, svgS, QFileInfo(svg).size() / 1e6, check ? ", deterministic" : "");
    std::fflush(stdout);
    frames(g, layout.value());
    return 0;
}
} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int workloads = 0, flows = 20000;
    bool check = false;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--workloads") && i + 1 < args.size())
            workloads = args[++i].toInt();
        else if (args[i] == QLatin1String("--flows") && i + 1 < args.size())
            flows = args[++i].toInt();
        else if (args[i] == QLatin1String("--check"))
            check = true;
    }
    if (workloads > 0)
        return runOne(workloads, flows, check);
    for (int n : {1000, 5000})
        if (int rc = runOne(n, flows, check); rc != 0)
            return rc;
    return 0;
}
