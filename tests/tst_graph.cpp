// The service graph: model, filters and focus, DOT (golden on the demo), the two-level Graphviz layout
// (deterministic, cached), and the SVG/PNG export through the graph verb.
#include "CliRun.h"
#include "TestSupport.h"
#include "diagram/GraphCanvas.h"
#include "diagram/GraphExport.h"
#include "graph/FlowMatrix.h"
#include "graph/GraphBuilder.h"
#include "graph/GraphDiff.h"
#include "graph/GraphDot.h"
#include "graph/GraphLayout.h"
#include "import/SnapshotImporter.h"
#include "network/FlowFormatter.h"
#include "posture/GraphBadges.h"
#include "store/FlowStore.h"
#include "store/GraphLayoutStore.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace tollgate;
using namespace tollgate::test;

namespace {
QSet<QString> pairsOf(const Graph& g)
{
    QSet<QString> out;
    for (const GraphEdge& e : g.edges)
        out.insert(g.nodes[e.src].id + QStringLiteral(" => ") + g.nodes[e.dst].id);
    return out;
}
} // namespace

class TestGraph : public QObject
{
    Q_OBJECT

    TempWorkspace m_tmp;
    std::unique_ptr<Workspace> m_ws;
    ConnectivityResult m_flows;

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_tmp.create();
        QVERIFY(SnapshotImporter(*m_ws, {})
                    .run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")})
                    .ok());
        auto flows = FlowStore(*m_ws).flows(1);
        QVERIFY(flows);
        m_flows = flows.value();
    }

    // The demo's graph as DOT against a golden file (TOLLGATE_UPDATE_GOLDEN=1 rewrites it).
    void demoGoldenDot()
    {
        auto badges = GraphBadges::forSnapshot(*m_ws, 1);
        QVERIFY(badges);
        const Graph g = GraphBuilder::build(m_flows, badges.value());
        GraphDot::Title t;
        t.system = QStringLiteral("Sentinel Mission System");
        t.marking = QStringLiteral("UNCLASSIFIED");
        // The flows' reasons name source files by absolute path: the golden names them from <source>.
        const QString actual = GraphDot::dot(g, t).replace(sourceDir(), QStringLiteral("<source>"));
        QCOMPARE(actual, golden(QStringLiteral("graph/demo-snapshot-2.dot"), actual));
        QVERIFY(actual.contains(QLatin1String("subgraph \"cluster_datastore\"")));
        QVERIFY(actual.contains(QLatin1String("mtls=")));
    }

    // Every edge is a stored flow; every stored flow is an edge unless filtered.
    void edgesAreStoredFlows()
    {
        QSet<QString> stored;
        for (const FlowFormatter::Line& l : FlowFormatter::lines(m_flows, {}, true))
            stored.insert(l.src + QStringLiteral(" => ") + l.dst);
        const Graph all = GraphBuilder::build(m_flows);
        QCOMPARE(pairsOf(all), stored);
        QCOMPARE(all.edges.size(), stored.size());
        QCOMPARE(all.storedEdges, stored.size());
        int workloads = 0;
        for (const GraphNode& n : all.nodes)
            workloads += n.type == GraphNode::Type::Workload;
        QCOMPARE(workloads, 43); // snapshot-2 of the demo
        for (const GraphCluster& c : all.clusters)
            QCOMPARE(c.inherited,
                     c.ns == QLatin1String("istio-system") || c.ns == QLatin1String("monitoring"));

        GraphBuilder::Filter f;
        f.namespaces = {QStringLiteral("datastore")};
        const Graph ds = GraphBuilder::build(m_flows, {}, f);
        QVERIFY(!ds.edges.isEmpty());
        QVERIFY(stored.contains(pairsOf(ds)));
        for (const GraphNode& n : ds.nodes)
            QVERIFY(n.type != GraphNode::Type::Workload || n.ns == QLatin1String("datastore"));

        f = {};
        f.focus = QStringLiteral("postgres");
        const Graph d1 = GraphBuilder::build(m_flows, {}, f);
        f.depth = 2;
        const Graph d2 = GraphBuilder::build(m_flows, {}, f);
        QVERIFY(!d1.edges.isEmpty());
        QVERIFY(pairsOf(d2).contains(pairsOf(d1)));
        QVERIFY(d2.nodes.size() > d1.nodes.size());
        for (const GraphEdge& e : d1.edges)
            QVERIFY(stored.contains(d1.nodes[e.src].id + QStringLiteral(" => ") + d1.nodes[e.dst].id));

        f = {};
        f.protocol = QStringLiteral("TCP");
        f.port = 5432;
        const Graph pg = GraphBuilder::build(m_flows, {}, f);
        QVERIFY(!pg.edges.isEmpty() && pg.edges.size() < all.edges.size());
        f.exposedOnly = true;
        f.port = 0;
        const Graph exposed = GraphBuilder::build(m_flows, {}, f);
        for (const GraphEdge& e : exposed.edges)
            QVERIFY(
                stored.contains(exposed.nodes[e.src].id + QStringLiteral(" => ") + exposed.nodes[e.dst].id));
    }

    // Node badges: worst open finding, a current risk acceptance and closed findings left out.
    void badgesByWorstOpenFinding()
    {
        auto row = [](int cat, const char* status, bool accepted) {
            QJsonObject o{{QStringLiteral("severity_cat"), cat},
                          {QStringLiteral("review_status"), QString::fromLatin1(status)},
                          {QStringLiteral("joined_workloads"),
                           QJsonArray{QStringLiteral("datastore/StatefulSet/postgres")}}};
            if (accepted)
                o.insert(QStringLiteral("risk"), QJsonObject{{QStringLiteral("expired"), false}});
            return o;
        };
        const auto badges = GraphBadges::fromRows(
            {row(3, "Open", false), row(2, "Open", false), row(1, "Open", true), row(1, "closed", false)});
        QCOMPARE(badges.value(QStringLiteral("datastore/postgres")).worstCat, 2);
        QCOMPARE(badges.value(QStringLiteral("datastore/postgres")).open, 2);
        GraphBuilder::Filter f;
        f.minCat = 2;
        const Graph g = GraphBuilder::build(m_flows, badges, f);
        QVERIFY(g.indexOf(QStringLiteral("datastore/postgres[StatefulSet]")) >= 0);
        for (const GraphNode& n : g.nodes)
            QVERIFY(n.type != GraphNode::Type::Workload || n.name == QLatin1String("postgres"));
        QVERIFY(GraphDot::dot(g).contains(QLatin1String("worst_cat=\"2\"")));
    }

    void layoutDeterministicAndTidy()
    {
        const Graph g = GraphBuilder::build(m_flows);
        auto a = GraphLayout::compute(g);
        QVERIFY2(a, a ? "" : qPrintable(a.error().toString()));
        auto b = GraphLayout::compute(g);
        QVERIFY(b);
        QCOMPARE(a->toJson(), b->toJson());
        QVERIFY(a->isValidFor(g));
        // Namespace boxes never overlap; workloads sit inside their box; entries on the boundary line.
        for (int i = 0; i < a->clusters.size(); ++i)
            for (int j = i + 1; j < a->clusters.size(); ++j)
                QVERIFY2(!a->clusters[i].intersects(a->clusters[j]),
                         qPrintable(g.clusters[i].ns + QLatin1Char(' ') + g.clusters[j].ns));
        for (int c = 0; c < g.clusters.size(); ++c)
            for (int i : g.clusters[c].nodes)
                QVERIFY(a->clusters[c].contains(a->nodes[i]));
        for (int i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].type == GraphNode::Type::Entry)
                QCOMPARE(a->nodes[i].center().x(), a->boundary.left());
    }

    void layoutCached()
    {
        const Graph g = GraphBuilder::build(m_flows);
        bool cached = true;
        auto first = GraphLayoutStore(*m_ws).positions(1, g, &cached);
        QVERIFY(first);
        QVERIFY(!cached);
        auto second = GraphLayoutStore(*m_ws).positions(1, g, &cached);
        QVERIFY(second);
        QVERIFY(cached);
        QCOMPARE(second->toJson(), first->toJson());
    }

    // Blast radius: exactly the directed reach of the focus, computed here independently.
    void blastRadiusIsTheDirectedReach()
    {
        const Graph all = GraphBuilder::build(m_flows);
        QVERIFY(all.edges.size() > 20);
        int checked = 0;
        for (int start = 0; start < all.nodes.size(); ++start) {
            if (all.nodes[start].type != GraphNode::Type::Workload)
                continue;
            QSet<QString> reach{all.nodes[start].id};
            QList<int> queue{start};
            while (!queue.isEmpty()) {
                const int n = queue.takeFirst();
                for (const GraphEdge& e : all.edges)
                    if (e.src == n && !reach.contains(all.nodes[e.dst].id)) {
                        reach.insert(all.nodes[e.dst].id);
                        queue << e.dst;
                    }
            }
            GraphFilter f;
            f.focus = all.nodes[start].id;
            f.blastRadius = true;
            const Graph g = GraphBuilder::build(m_flows, {}, f);
            QSet<QString> got;
            for (const GraphNode& n : g.nodes)
                got.insert(n.id);
            QCOMPARE(got, reach);
            // Every edge of the picture starts at a reached node; nothing outside it is drawn.
            for (const GraphEdge& e : g.edges)
                QVERIFY(reach.contains(g.nodes[e.src].id) && reach.contains(g.nodes[e.dst].id));
            ++checked;
        }
        QVERIFY(checked > 10);
        // Depth 1 is a subset of depth 2, which is larger somewhere in the demo.
        bool larger = false;
        for (const GraphNode& n : all.nodes) {
            if (n.type != GraphNode::Type::Workload)
                continue;
            GraphFilter f1, f2;
            f1.focus = f2.focus = n.id;
            f2.depth = 2;
            const Graph g1 = GraphBuilder::build(m_flows, {}, f1), g2 = GraphBuilder::build(m_flows, {}, f2);
            for (const GraphNode& m : g1.nodes)
                QVERIFY(g2.indexOf(m.id) >= 0);
            larger |= g2.nodes.size() > g1.nodes.size();
        }
        QVERIFY(larger);
    }

    void mtlsAndHiddenNamespaceFilters()
    {
        const Graph all = GraphBuilder::build(m_flows);
        QMap<QString, int> byState;
        for (const GraphEdge& e : all.edges)
            ++byState[e.mtls];
        QVERIFY2(byState.size() >= 2, qPrintable(QStringList(byState.keys()).join(QLatin1Char(','))));
        for (auto it = byState.cbegin(); it != byState.cend(); ++it) {
            GraphFilter f;
            f.mtls = it.key();
            const Graph g = GraphBuilder::build(m_flows, {}, f);
            QCOMPARE(int(g.edges.size()), it.value());
            for (const GraphEdge& e : g.edges)
                QCOMPARE(e.mtls, it.key());
        }
        GraphFilter noExternal;
        noExternal.hideExternal = true;
        const Graph inside = GraphBuilder::build(m_flows, {}, noExternal);
        int externalEdges = 0;
        for (const GraphEdge& e : all.edges)
            externalEdges += all.nodes[e.src].type == GraphNode::Type::External ||
                             all.nodes[e.dst].type == GraphNode::Type::External;
        QVERIFY(externalEdges > 0);
        QCOMPARE(int(inside.edges.size()), int(all.edges.size()) - externalEdges);
        for (const GraphNode& n : inside.nodes)
            QVERIFY(n.type != GraphNode::Type::External);
        GraphFilter hide;
        hide.hiddenNamespaces = {QStringLiteral("istio-system"), QStringLiteral("datastore")};
        const Graph g = GraphBuilder::build(m_flows, {}, hide);
        QVERIFY(g.nodes.size() < all.nodes.size());
        for (const GraphNode& n : g.nodes) // entry points (an Istio gateway's) stay: they are ways in
            QVERIFY(n.type != GraphNode::Type::Workload || !hide.hiddenNamespaces.contains(n.ns));
    }

    // Added, changed and removed flows between the demo's two snapshots.
    void diffBetweenSnapshots()
    {
        TempWorkspace t;
        auto ws = t.create();
        for (const char* s : {"snapshot-1", "snapshot-2"})
            QVERIFY(SnapshotImporter(*ws, {}).run(
                {sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)}));
        auto f1 = FlowStore(*ws).flows(1), f2 = FlowStore(*ws).flows(2);
        QVERIFY(f1 && f2);
        const Graph before = GraphBuilder::build(f1.value()), after = GraphBuilder::build(f2.value());
        const GraphDiff d = GraphDiff::compare(before, after);
        QVERIFY(!d.added.isEmpty());
        // rules-engine -> geo-service is new in snapshot 2.
        bool geo = false;
        for (int i : d.added)
            geo |= after.nodes[after.edges[i].src].name == QLatin1String("rules-engine") &&
                   after.nodes[after.edges[i].dst].name == QLatin1String("geo-service");
        QVERIFY(geo);
        // Recomputed by hand: every added pair is absent before, every other pair present.
        QSet<QString> old = pairsOf(before);
        for (int i = 0; i < after.edges.size(); ++i) {
            const QString k = after.nodes[after.edges[i].src].id + QStringLiteral(" => ") +
                              after.nodes[after.edges[i].dst].id;
            QCOMPARE(d.added.contains(i), !old.contains(k));
        }
        for (const GraphDiff::Removed& r : d.removed)
            QVERIFY(!pairsOf(after).contains(r.src + QStringLiteral(" => ") + r.dst));
        QVERIFY(GraphDiff::compare(after, after).isEmpty());
        // The union of both: every node of either, every flow of either, marked.
        const Graph both = GraphDiff::merge(before, after);
        QSet<QString> ids;
        for (const Graph* x : {&before, &after})
            for (const GraphNode& n : x->nodes)
                ids.insert(n.id);
        QCOMPARE(int(both.nodes.size()), int(ids.size()));
        QCOMPARE(pairsOf(both), pairsOf(before) | pairsOf(after));
        int added = 0, changed = 0, removed = 0;
        for (const GraphEdge& e : both.edges) {
            added += e.change == QLatin1String("added");
            changed += e.change == QLatin1String("changed");
            removed += e.change == QLatin1String("removed");
        }
        QCOMPARE(added, int(d.added.size()));
        QCOMPARE(changed, int(d.changed.size()));
        QCOMPARE(removed, int(d.removed.size()));
        const Graph onlyChanged = GraphDiff::merge(before, after, true);
        QCOMPARE(int(onlyChanged.edges.size()), added + changed + removed);
        for (const GraphEdge& e : onlyChanged.edges)
            QVERIFY(!e.change.isEmpty());
        // The CLI highlights the same counts.
        ws.reset();
        CliRun r =
            runCli({QStringLiteral("graph"), t.path(), QStringLiteral("--out"),
                    t.file(QStringLiteral("d.svg")), QStringLiteral("--compare"), QStringLiteral("1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains(QStringLiteral("compared with snapshot 1: %1 flows added, %2 changed, %3 removed")
                               .arg(d.added.size())
                               .arg(d.changed.size())
                               .arg(d.removed.size())),
            qPrintable(r.out));
        QCOMPARE(
            runCli({QStringLiteral("graph"), t.path(), QStringLiteral("--out"),
                    t.file(QStringLiteral("d.svg")), QStringLiteral("--compare"), QStringLiteral("baseline")})
                .code,
            2); // no baseline approved yet
    }

    // The namespace matrix counts every edge once, in its (from, to) cell.
    void flowMatrix()
    {
        const Graph all = GraphBuilder::build(m_flows);
        const FlowMatrix m = FlowMatrix::fromGraph(all);
        QCOMPARE(m.total(), int(all.edges.size()));
        int sum = 0;
        for (int r = 0; r < m.labels().size(); ++r)
            for (int c = 0; c < m.labels().size(); ++c)
                sum += m.count(r, c);
        QCOMPARE(sum, m.total());
        const int ds = int(m.labels().indexOf(QStringLiteral("datastore")));
        QVERIFY(ds >= 0);
        int into = 0;
        for (const GraphEdge& e : all.edges)
            into += all.nodes[e.dst].ns == QLatin1String("datastore") &&
                    all.nodes[e.dst].type == GraphNode::Type::Workload;
        int column = 0;
        for (int r = 0; r < m.labels().size(); ++r)
            column += m.count(r, ds);
        QCOMPARE(column, into);
        QVERIFY(m.csv().startsWith(QStringLiteral("from\\to,")));
        QCOMPARE(m.csv().count(QLatin1Char('\n')), int(m.labels().size()) + 1);
    }

    // Hit tests of the on-screen canvas: a node's centre is that node; the middle of a flow that does
    // not pass through a node is that flow; a collapsed namespace hides its nodes.
    void canvasHitTestsAndCollapse()
    {
        const Graph g = GraphBuilder::build(m_flows);
        auto pos = GraphLayout::compute(g);
        QVERIFY(pos);
        reports::GraphCanvas canvas(g, pos.value());
        for (int i = 0; i < g.nodes.size(); ++i)
            QCOMPARE(canvas.nodeAt(canvas.nodeRect(i).center()), i);
        int edges = 0;
        for (int i = 0; i < g.edges.size(); ++i) {
            const QPointF mid = canvas.edgePath(i).pointAtPercent(0.5);
            if (canvas.nodeAt(mid) >= 0)
                continue;
            const int hit = canvas.edgeAt(mid, 2);
            QVERIFY(hit >= 0);
            if (hit != i) // another flow through the same point (both directions, bundles)
                QVERIFY(canvas.edgePath(hit).intersects(QRectF(mid - QPointF(3, 3), QSizeF(6, 6))));
            else
                ++edges;
        }
        QVERIFY(edges > int(g.edges.size()) / 2);
        // Collapse every namespace: no workload is hit, the namespace is; bundles carry every flow that
        // leaves a namespace.
        QSet<int> all;
        for (int c = 0; c < g.clusters.size(); ++c)
            all.insert(c);
        canvas.setCollapsed(all);
        int leaving = 0;
        for (const GraphEdge& e : g.edges)
            leaving += canvas.clusterOf(e.src) != canvas.clusterOf(e.dst) || canvas.clusterOf(e.src) < 0;
        int bundled = 0;
        for (const auto& b : canvas.bundles(reports::GraphCanvas::Detail::Full))
            bundled += int(b.edges.size());
        QCOMPARE(bundled, leaving);
        for (int i = 0; i < g.nodes.size(); ++i) {
            if (g.nodes[i].type != GraphNode::Type::Workload)
                continue;
            QVERIFY(!canvas.isVisible(i));
            QCOMPARE(canvas.nodeAt(canvas.nodeRect(i).center()), -1);
            QCOMPARE(canvas.clusterAt(canvas.nodeRect(i).center()), canvas.clusterOf(i));
        }
    }

    void flowsMatrixVerb()
    {
        m_ws.reset(); // the CLI opens the workspace itself
        CliRun r = runCli({QStringLiteral("flows"), m_tmp.path(), QStringLiteral("--matrix"),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QLatin1String("total")).toInt(), int(GraphBuilder::build(m_flows).edges.size()));
        QVERIFY(o.value(QLatin1String("labels")).toArray().contains(QStringLiteral("datastore")));
        r = runCli({QStringLiteral("flows"), m_tmp.path(), QStringLiteral("--matrix"),
                    QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("from\\to,")));
        QCOMPARE(runCli({QStringLiteral("flows"), m_tmp.path(), QStringLiteral("--matrix"),
                         QStringLiteral("--format"), QStringLiteral("dot")})
                     .code,
                 2);
        // graph: blast radius needs a focus; an unknown mTLS state is a usage error.
        QCOMPARE(runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"),
                         m_tmp.file(QStringLiteral("b.dot")), QStringLiteral("--blast-radius")})
                     .code,
                 2);
        QCOMPARE(runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"),
                         m_tmp.file(QStringLiteral("b.dot")), QStringLiteral("--mtls"),
                         QStringLiteral("sometimes")})
                     .code,
                 2);
        r = runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"),
                    m_tmp.file(QStringLiteral("b.dot")), QStringLiteral("--focus"),
                    QStringLiteral("postgres"), QStringLiteral("--blast-radius")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void graphVerbWritesSvgPngDot()
    {
        m_ws.reset();
        const Graph g = GraphBuilder::build(m_flows);
        const QString svg = m_tmp.file(QStringLiteral("g.svg"));
        CliRun r = runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"), svg,
                           QStringLiteral("--marking"), QStringLiteral("CUI")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray text = readFile(svg);
        QXmlStreamReader xml(text);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        for (const GraphNode& n : g.nodes)
            QVERIFY2(text.contains(n.name.toHtmlEscaped().toUtf8()), qPrintable(n.name));
        QVERIFY(text.contains("CUI"));
        QVERIFY(text.contains("mTLS strict"));

        const QString png = m_tmp.file(QStringLiteral("g.png"));
        r = runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"), png,
                    QStringLiteral("--namespace"), QStringLiteral("datastore,ingest")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QImage(png).isNull());

        const QString dot = m_tmp.file(QStringLiteral("g.dot"));
        r = runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"), dot,
                    QStringLiteral("--focus"), QStringLiteral("postgres"), QStringLiteral("--depth"),
                    QStringLiteral("2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readFile(dot).contains("datastore/postgres[StatefulSet]"));
        QVERIFY(readFile(dot).contains("inherited=\"true\""));
        r = runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"), dot,
                    QStringLiteral("--inherited"), QString()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!readFile(dot).contains("inherited=\"true\""));

        QCOMPARE(runCli({QStringLiteral("graph"), m_tmp.path()}).code, 2);
        QCOMPARE(runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"),
                         m_tmp.file(QStringLiteral("x.gif"))})
                     .code,
                 2);
        QCOMPARE(runCli({QStringLiteral("graph"), m_tmp.path(), QStringLiteral("--out"), dot,
                         QStringLiteral("--depth"), QStringLiteral("5")})
                     .code,
                 2);
    }
};

QTEST_MAIN(TestGraph)
#include "tst_graph.moc"
