// The connectivity engine on cases written by hand from the Kubernetes documentation, the flows and
// explain verbs, the stored cache, and bad policies.
#include "CliRun.h"
#include "SqlProbe.h"
#include "TestSupport.h"
#include "import/SnapshotImporter.h"
#include "kube/ManifestLoader.h"
#include "network/ConnectivityEngine.h"
#include "network/FlowFormatter.h"
#include "store/FlowStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {
using Run = CliRun;

QString flowsCase(const QString& name)
{
    return testData(QStringLiteral("flows/") + name);
}
} // namespace

class TestFlows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handWrittenCases_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& c :
             QDir(testData(QStringLiteral("flows"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QTest::newRow(qPrintable(c)) << c;
    }

    void handWrittenCases()
    {
        QFETCH(QString, name);
        auto loaded = ManifestLoader::load({flowsCase(name) + QStringLiteral("/input")});
        QVERIFY(loaded);
        auto result = ConnectivityEngine::compute(loaded->objects);
        QVERIFY2(result, qPrintable(result.error().toString()));
        QCOMPARE(FlowFormatter::txt(FlowFormatter::lines(result.value())),
                 QString::fromUtf8(readFile(flowsCase(name) + QStringLiteral("/expected.txt"))));
    }

    void intervalAndConnectionSets()
    {
        IntervalSet a =
            IntervalSet::of(10, 20).united(IntervalSet::of(21, 30)).united(IntervalSet::of(40, 50));
        QCOMPARE(a.toString(), QStringLiteral("10-30,40-50"));
        QCOMPARE(a.subtracted(IntervalSet::of(15, 45)).toString(), QStringLiteral("10-14,46-50"));
        QCOMPARE(a.intersected(IntervalSet::of(25, 41)).toString(), QStringLiteral("25-30,40-41"));
        ConnectionSet c = ConnectionSet::ports(ConnectionSet::TCP, 80, 80)
                              .united(ConnectionSet::wholeProtocol(ConnectionSet::UDP));
        QCOMPARE(c.toString(), QStringLiteral("TCP 80,UDP 1-65535"));
        ConnectionSet back;
        QVERIFY(ConnectionSet::fromString(c.toString(), back));
        QCOMPARE(back, c);
        QVERIFY(ConnectionSet::fromString(QStringLiteral("All Connections"), back));
        QVERIFY(back.isAll());
        QVERIFY(!ConnectionSet::fromString(QStringLiteral("ICMP 1"), back));
    }

    void flowsVerbFormatsAndFocus()
    {
        const QString dir =
            flowsCase(QStringLiteral("named_ports_across_containers")) + QStringLiteral("/input");
        Run r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--format"),
                        QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonArray arr = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(arr.size(), 10);
        for (const QJsonValue& v : arr) {
            const QJsonObject o = v.toObject();
            QVERIFY(o.contains(QLatin1String("src")) && o.contains(QLatin1String("dst")) &&
                    o.contains(QLatin1String("conn")));
            QVERIFY(!o.value(QLatin1String("why")).toArray().isEmpty());
        }
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--format"),
                    QStringLiteral("csv")});
        QVERIFY(r.out.startsWith(QLatin1String("src,dst,conn\n")));
        QVERIFY(r.out.contains(
            QLatin1String("ns1/client[Deployment],ns1/api[Deployment],\"TCP 8080,9090,UDP 53\"\n")));
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--format"),
                    QStringLiteral("md")});
        QVERIFY(r.out.startsWith(QLatin1String("| src | dst | conn |\n|-----|-----|------|\n")));
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--format"),
                    QStringLiteral("dot")});
        QVERIFY(r.out.startsWith(QLatin1String("digraph {")));
        QVERIFY(r.out.contains(QLatin1String("cluster_ns1")));
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--focus"),
                    QStringLiteral("api")});
        QCOMPARE(r.out.count(QLatin1Char('\n')), 4);
        QCOMPARE(runCli({QStringLiteral("flows")}).code, 2);
        QCOMPARE(runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--format"),
                         QStringLiteral("xml")})
                     .code,
                 2);
    }

    void explainAllowedAndDenied()
    {
        const QString dir =
            flowsCase(QStringLiteral("named_ports_across_containers")) + QStringLiteral("/input");
        Run r = runCli({QStringLiteral("explain"), QStringLiteral("--dir"), dir, QStringLiteral("client"),
                        QStringLiteral("ns1/api")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("ALLOWED: TCP 8080,9090,UDP 53")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("ingress: ns1/api-from-client rule 0")));
        QVERIFY(r.out.contains(QLatin1String("egress: no NetworkPolicy in ns1 selects")));
        r = runCli({QStringLiteral("explain"), QStringLiteral("--dir"), dir, QStringLiteral("other"),
                    QStringLiteral("api"), QStringLiteral("--port"), QStringLiteral("8080/TCP")});
        QVERIFY2(r.out.contains(QLatin1String("DENIED on 8080/TCP")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("does not match ns1/other[Deployment]")));
        r = runCli({QStringLiteral("explain"), QStringLiteral("--dir"), dir, QStringLiteral("client"),
                    QStringLiteral("api"), QStringLiteral("--port"), QStringLiteral("53/UDP")});
        QVERIFY(r.out.contains(QLatin1String("ALLOWED on 53/UDP")));
        // An address outside the cluster.
        r = runCli({QStringLiteral("explain"), QStringLiteral("--dir"),
                    flowsCase(QStringLiteral("overlapping_ipblocks_with_except")) + QStringLiteral("/input"),
                    QStringLiteral("app"), QStringLiteral("10.1.2.7")});
        QVERIFY2(r.out.contains(QLatin1String("ALLOWED: TCP 5432")), qPrintable(r.out + r.err));
        QCOMPARE(runCli({QStringLiteral("explain"), QStringLiteral("--dir"), dir, QStringLiteral("nobody"),
                         QStringLiteral("api")})
                     .code,
                 2);
    }

    void workspaceFlowsAreCachedPerEngineVersion()
    {
        TempWorkspace t;
        auto ws = t.create();
        const QString dir = flowsCase(QStringLiteral("empty_selectors")) + QStringLiteral("/input");
        auto imp = SnapshotImporter(*ws, {}).run({dir});
        QVERIFY(imp);
        ws.reset();
        Run r = runCli({QStringLiteral("flows"), t.path()});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir}).out);
        QCOMPARE(runCli({QStringLiteral("flows"), t.path()}).out, r.out);
        ws = t.open();
        const auto runs = SqlProbe(*ws).rows("SELECT COUNT(*), MAX(engine_version) FROM cache_runs");
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0][0].toLongLong(), qint64(1)); // computed once, then read from the cache
        QCOMPARE(runs[0][1].toString(), QString::fromLatin1(ConnectivityEngine::Version));
    }

    void badPoliciesNameTheObjectAndFile_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cidr") << QByteArray("  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/33}\n")
                              << "invalid CIDR";
        QTest::newRow("protocol") << QByteArray("  ingress:\n  - ports: [{port: 80, protocol: ICMP}]\n")
                                  << "invalid protocol";
        QTest::newRow("selector key")
            << QByteArray("  ingress:\n  - from:\n    - podSelector: {matchLabels: {\"bad key!\": x}}\n")
            << "selector error";
        QTest::newRow("operator") << QByteArray("  ingress:\n  - from:\n    - podSelector: "
                                                "{matchExpressions: [{key: a, operator: Near}]}\n")
                                  << "not a valid label selector operator";
        QTest::newRow("ip and pods")
            << QByteArray("  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n")
            << "cannot have both";
        QTest::newRow("end before port")
            << QByteArray("  ingress:\n  - ports: [{port: 10, endPort: 1}]\n") << "endPort";
    }

    void badPoliciesNameTheObjectAndFile()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QString, expected);
        TempWorkspace t;
        writeFile(
            t.file(QStringLiteral("in/np.yaml")),
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: prod}\n"
            "spec:\n  podSelector: {}\n" +
                spec);
        const Run r =
            runCli({QStringLiteral("flows"), QStringLiteral("--dir"), t.file(QStringLiteral("in"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("NetworkPolicy prod/bad")));
        QVERIFY(r.err.contains(QLatin1String("np.yaml:1")));
    }

    void entryNodesAreTollgatesOwnView()
    {
        const QString dir = testData(QStringLiteral("inventory"));
        const Run plain = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir});
        QCOMPARE(plain.code, 0);
        // The peer-compatible output knows only the ingress controller.
        for (const QString& l : plain.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(!l.startsWith(QLatin1Char('{')) || l.startsWith(QLatin1String("{ingress-controller}")),
                     qPrintable(l));
        const Run r =
            runCli({QStringLiteral("flows"), QStringLiteral("--dir"), dir, QStringLiteral("--entries")});
        QCOMPARE(r.code, 0);
        for (const char* want :
             {"{LoadBalancer shop/web} => shop/web[Deployment] : TCP 8080",
              "{ExternalIP shop/web} => shop/web[Deployment] : TCP 8080",
              "{HostPort shop/web} => shop/web[Deployment] : UDP 9090",
              "{HostNetwork shop/report} => shop/report[CronJob] : All Connections",
              "{IstioGateway shop/public} => istio-system/istio-ingressgateway[Deployment] : TCP 443",
              "{ingress-controller} => shop/web[Deployment] : TCP 8080"})
            QVERIFY2(r.out.contains(QLatin1String(want)), want);
    }

    void unknownNamedPortAllowsNothing()
    {
        TempWorkspace t;
        writeFile(t.file(QStringLiteral("in/a.yaml")),
                  "apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\nspec:\n  containers: "
                  "[{name: c, image: x}]\n"
                  "---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\nspec:\n  "
                  "containers: [{name: c, image: x}]\n"
                  "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n"
                  "  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - ports: [{port: nosuchport}]\n");
        const Run r =
            runCli({QStringLiteral("flows"), QStringLiteral("--dir"), t.file(QStringLiteral("in"))});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(QLatin1String("=> default/b[Pod]")));
        QVERIFY(r.out.contains(QLatin1String("default/b[Pod] => default/a[Pod] : All Connections")));
        QVERIFY2(r.err.contains(
                     QLatin1String("NetworkPolicy default/p: no container declares port \"nosuchport\"")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("a.yaml:")));
    }
};

QTEST_GUILESS_MAIN(TestFlows)
#include "tst_flows.moc"
