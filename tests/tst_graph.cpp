// The service graph: model, filters and focus, DOT (golden on the demo), the two-level Graphviz layout
// (deterministic, cached), and the SVG/PNG export through the graph verb.
#include "CliRun.h"
#include "FlowFormatter.h"
#include "FlowStore.h"
#include "GraphBadges.h"
#include "GraphBuilder.h"
#include "GraphDot.h"
#include "GraphExport.h"
#include "GraphLayout.h"
#include "GraphLayoutStore.h"
#include "SnapshotImporter.h"
#include "TestSupport.h"

#include <QImage>
#include <QJsonArray>
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
        const QString golden = testData(QStringLiteral("graph/demo-snapshot-2.dot"));
        if (qEnvironmentVariableIsSet("TOLLGATE_UPDATE_GOLDEN"))
            writeFile(golden, actual.toUtf8());
        QCOMPARE(actual, QString::fromUtf8(readFile(golden)));
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
