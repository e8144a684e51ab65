#include "TestSupport.h"
#include "import/SnapshotImporter.h"
#include "store/AuditLog.h"
#include "store/SnapshotStore.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {
QJsonObject findRow(const QList<QJsonObject>& rows, const char* key, const QString& value)
{
    for (const QJsonObject& r : rows)
        if (r.value(QLatin1String(key)).toString() == value)
            return r;
    return {};
}

struct State
{
    int snapshots = 0;
    int audit = 0;
    qint64 objects = 0;
    bool operator==(const State& o) const
    {
        return snapshots == o.snapshots && audit == o.audit && objects == o.objects;
    }
};

State stateOf(Workspace& ws)
{
    State s;
    s.snapshots = static_cast<int>(SnapshotStore(ws).list()->size());
    s.audit = AuditLog::verify(ws).entries;
    for (const SnapshotInfo& i : SnapshotStore(ws).list().value())
        s.objects += i.objectCount;
    return s;
}
} // namespace

class TestImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inventoryOfTemplatesAndOwners()
    {
        TempWorkspace t;
        auto ws = t.create();
        SnapshotImporter imp(*ws, {QStringLiteral("inv"), QStringLiteral("test-cluster"), false});
        auto r = imp.run({testData(QStringLiteral("inventory"))});
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(r->files, 2);
        QCOMPARE(r->objects, 12);
        QCOMPARE(r->workloads, 3);

        SnapshotStore store(*ws);
        const auto wl = store.listing(r->snapshotId, SnapshotStore::Listing::Workloads).value();
        QCOMPARE(wl.size(), 3);
        const QJsonObject web = findRow(wl, "peer_name", QStringLiteral("shop/web[Deployment]"));
        QCOMPARE(web.value(QLatin1String("component_key")).toString(), QStringLiteral("shop/Deployment/web"));
        QCOMPARE(web.value(QLatin1String("replicas")).toInt(), 3);
        QCOMPARE(web.value(QLatin1String("service_account")).toString(), QStringLiteral("web-sa"));
        QCOMPARE(web.value(QLatin1String("images")).toArray().size(), 2);
        QVERIFY(web.value(QLatin1String("source")).toString().endsWith(QLatin1String("app.yaml:8")));
        const QJsonObject cron = findRow(wl, "peer_name", QStringLiteral("shop/report[CronJob]"));
        QCOMPARE(cron.value(QLatin1String("component_key")).toString(),
                 QStringLiteral("shop/CronJob/report"));
        QVERIFY(!findRow(wl, "peer_name", QStringLiteral("istio-system/istio-ingressgateway[Deployment]"))
                     .isEmpty());

        const auto images = store.listing(r->snapshotId, SnapshotStore::Listing::Images).value();
        QCOMPARE(images.size(), 4);
        const QJsonObject nginx =
            findRow(images, "repository", QStringLiteral("ironbank/opensource/nginx/nginx"));
        QCOMPARE(nginx.value(QLatin1String("registry")).toString(), QStringLiteral("registry1.dso.mil"));
        QCOMPARE(nginx.value(QLatin1String("tag")).toString(), QStringLiteral("1.25.3"));
        QVERIFY(nginx.value(QLatin1String("digest")).toString().startsWith(QLatin1String("sha256:2222")));

        const auto ex = store.listing(r->snapshotId, SnapshotStore::Listing::Exposures).value();
        QStringList kinds;
        for (const QJsonObject& e : ex)
            kinds << e.value(QLatin1String("kind")).toString();
        kinds.sort();
        QCOMPARE(kinds, (QStringList{QStringLiteral("ExternalIP"), QStringLiteral("Gateway"),
                                     QStringLiteral("HostNetwork"), QStringLiteral("HostPort"),
                                     QStringLiteral("Ingress"), QStringLiteral("IstioGateway"),
                                     QStringLiteral("LoadBalancer")}));
        const QJsonObject ingress = findRow(ex, "kind", QStringLiteral("Ingress"));
        QCOMPARE(ingress.value(QLatin1String("workloads")).toArray().first().toString(),
                 QStringLiteral("shop/web[Deployment]"));
        QCOMPARE(ingress.value(QLatin1String("host")).toString(), QStringLiteral("shop.example.mil"));
        const QJsonObject gw = findRow(ex, "kind", QStringLiteral("IstioGateway"));
        QCOMPARE(gw.value(QLatin1String("target")).toString(),
                 QStringLiteral("istio-system/istio-ingressgateway[Deployment]"));
        QCOMPARE(gw.value(QLatin1String("detail")).toString(), QStringLiteral("TLS SIMPLE"));
        QCOMPARE(findRow(ex, "kind", QStringLiteral("HostPort")).value(QLatin1String("port")).toString(),
                 QStringLiteral("9090"));

        const auto ns = store.listing(r->snapshotId, SnapshotStore::Listing::Namespaces).value();
        QCOMPARE(ns.size(), 2);
        QCOMPARE(findRow(ns, "name", QStringLiteral("shop")).value(QLatin1String("declared")).toBool(), true);
        QCOMPARE(
            findRow(ns, "name", QStringLiteral("istio-system")).value(QLatin1String("declared")).toBool(),
            false);

        // Kinds Tollgate does not analyse are kept and counted.
        const auto kindRows = store.listing(r->snapshotId, SnapshotStore::Listing::Kinds).value();
        const QJsonObject cilium = findRow(kindRows, "kind", QStringLiteral("CiliumNetworkPolicy"));
        QCOMPARE(cilium.value(QLatin1String("analysed")).toBool(), false);
        QCOMPARE(cilium.value(QLatin1String("count")).toInt(), 1);
        // Istio Gateway and Gateway API Gateway are different kinds.
        int gateways = 0;
        for (const QJsonObject& k : kindRows)
            if (k.value(QLatin1String("kind")).toString() == QLatin1String("Gateway"))
                ++gateways;
        QCOMPARE(gateways, 2);

        // Secret references reach the store as names only.
        const auto snap = store.get(r->snapshotId).value();
        QCOMPARE(snap.cluster, QStringLiteral("test-cluster"));
        QCOMPARE(snap.importedAt, QStringLiteral("2026-01-15T10:00:00Z"));
        QCOMPARE(snap.digest.size(), 64);
        const auto files = store.listing(r->snapshotId, SnapshotStore::Listing::Files).value();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].value(QLatin1String("sha256")).toString().size(), 64);
    }

    void podsStandInForAbsentOwners()
    {
        TempWorkspace t;
        auto ws = t.create();
        auto r = SnapshotImporter(*ws, {}).run({testData(QStringLiteral("podsonly"))});
        QVERIFY2(r, qPrintable(r.error().toString()));
        const auto wl = SnapshotStore(*ws).listing(r->snapshotId, SnapshotStore::Listing::Workloads).value();
        QCOMPARE(wl.size(), 4);
        const QJsonObject api = findRow(wl, "peer_name", QStringLiteral("prod/api-7c9d8b6f5[ReplicaSet]"));
        QCOMPARE(api.value(QLatin1String("component_key")).toString(), QStringLiteral("prod/Deployment/api"));
        QCOMPARE(api.value(QLatin1String("replicas")).toInt(), 2);
        QCOMPARE(findRow(wl, "peer_name", QStringLiteral("prod/db[StatefulSet]"))
                     .value(QLatin1String("component_key"))
                     .toString(),
                 QStringLiteral("prod/StatefulSet/db"));
        QCOMPARE(findRow(wl, "peer_name", QStringLiteral("prod/nightly-29000000[Job]"))
                     .value(QLatin1String("component_key"))
                     .toString(),
                 QStringLiteral("prod/CronJob/nightly"));
        QCOMPARE(findRow(wl, "peer_name", QStringLiteral("default/debug[Pod]"))
                     .value(QLatin1String("component_key"))
                     .toString(),
                 QStringLiteral("default/Pod/debug"));
    }

    void failedImportLeavesWorkspaceUnchanged()
    {
        TempWorkspace t;
        auto ws = t.create();
        QVERIFY(SnapshotImporter(*ws, {}).run({testData(QStringLiteral("podsonly"))}));
        const State before = stateOf(*ws);
        writeFile(t.file(QStringLiteral("bad/a-good.yaml")),
                  "apiVersion: v1\nkind: Pod\nmetadata: {name: fine}\n");
        writeFile(t.file(QStringLiteral("bad/broken.yaml")),
                  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Service\n"
                  "metadata: {name: x\n  bad: [\n");
        auto r = SnapshotImporter(*ws, {}).run({t.file(QStringLiteral("bad"))});
        QVERIFY(!r);
        QVERIFY(r.error().file().endsWith(QLatin1String("broken.yaml")));
        QVERIFY(r.error().line() >= 6);
        QVERIFY(stateOf(*ws) == before);

        // With --skip-invalid the rest imports and the skipped document is recorded.
        auto s = SnapshotImporter(*ws, {QString(), QString(), true}).run({t.file(QStringLiteral("bad"))});
        QVERIFY2(s, qPrintable(s.error().toString()));
        QCOMPARE(s->objects, 2);
        QCOMPARE(s->skipped.size(), 1);
        const auto skipped =
            SnapshotStore(*ws).listing(s->snapshotId, SnapshotStore::Listing::Skipped).value();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped[0].value(QLatin1String("path")).toString().endsWith(QLatin1String("broken.yaml")));
        QCOMPARE(skipped[0].value(QLatin1String("line")).toInt(), s->skipped[0].line);
    }

    void cancelWritesNothing()
    {
        TempWorkspace t;
        auto ws = t.create();
        const State before = stateOf(*ws);
        std::atomic_bool cancel{false};
        SnapshotImporter imp(*ws, {});
        imp.setCancelFlag(&cancel);
        int calls = 0;
        imp.setProgress([&](int, int, const QString&) {
            if (++calls == 2)
                cancel = true;
        });
        auto r = imp.run({testData(QStringLiteral("inventory"))});
        QVERIFY(!r);
        QVERIFY(r.error().what().contains(QLatin1String("cancelled")));
        QVERIFY(stateOf(*ws) == before);
    }

    void duplicateContentDetected()
    {
        TempWorkspace t;
        auto ws = t.create();
        auto a = SnapshotImporter(*ws, {}).run({testData(QStringLiteral("podsonly"))});
        QVERIFY(a);
        // Same objects from a copy elsewhere, in another order of keys: same content digest.
        writeFile(t.file(QStringLiteral("copy/pods.yaml")),
                  readFile(testData(QStringLiteral("podsonly/pods.yaml"))));
        auto b = SnapshotImporter(*ws, {}).run({t.file(QStringLiteral("copy"))});
        QVERIFY(b);
        QCOMPARE(b->duplicateOf, a->snapshotId);
        QCOMPARE(SnapshotStore(*ws).list()->size(), 1);
    }

    void secretValuesNeverReachTheWorkspace()
    {
        TempWorkspace t;
        const QByteArray canary = "TgCanaryValue8841";
        const QByteArray b64 = canary.toBase64();
        const QByteArray annot =
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"pw\":\"" + canary + "\"}}";
        writeFile(
            t.file(QStringLiteral("sec/s.yaml")),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-cred\n  namespace: mission\n  annotations:\n"
            "    kubectl.kubernetes.io/last-applied-configuration: '" +
                annot +
                "'\n"
                "type: Opaque\ndata: {password: " +
                b64 + "}\nstringData: {token: " + canary + "}\n");
        writeFile(
            t.file(QStringLiteral("sec/list.json")),
            "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
            "\"metadata\":{\"name\":\"other\",\"namespace\":\"mission\"},\"data\":{\"k\":\"" +
                b64 + "\"}}]}");
        {
            auto ws = t.create();
            auto r = SnapshotImporter(*ws, {}).run({t.file(QStringLiteral("sec"))});
            QVERIFY2(r, qPrintable(r.error().toString()));
            QCOMPARE(r->objects, 2);
            // While open (WAL present) and after close.
            const QByteArray bytes = allBytesOf(t.path());
            QVERIFY(!bytes.contains(canary));
            QVERIFY(!bytes.contains(b64));
            auto obj = SnapshotStore(*ws).listing(r->snapshotId, SnapshotStore::Listing::Kinds);
            QVERIFY(obj);
        }
        const QByteArray bytes = allBytesOf(t.path());
        QVERIFY(bytes.size() > 0);
        QVERIFY(!bytes.contains(canary));
        QVERIFY(!bytes.contains(b64));
        // The names are kept: the inventory lists secrets by name.
        QVERIFY(bytes.contains("db-cred"));
    }

    void tarGzArchive()
    {
        TempWorkspace t;
        const QString archive = t.file(QStringLiteral("snap.tar.gz"));
        QProcess tar;
        tar.setWorkingDirectory(testData(QString()));
        tar.start(QStringLiteral("tar"), {QStringLiteral("czf"), archive, QStringLiteral("inventory")});
        QVERIFY(tar.waitForFinished());
        QCOMPARE(tar.exitCode(), 0);
        auto ws = t.create();
        auto r = SnapshotImporter(*ws, {}).run({archive});
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(r->objects, 12);
        const auto files = SnapshotStore(*ws).listing(r->snapshotId, SnapshotStore::Listing::Files).value();
        QVERIFY(files[0]
                    .value(QLatin1String("path"))
                    .toString()
                    .contains(QLatin1String("snap.tar.gz!inventory/")));
        // A damaged archive fails cleanly.
        QByteArray bytes = readFile(archive);
        bytes.truncate(bytes.size() / 2);
        writeFile(t.file(QStringLiteral("cut.tar.gz")), bytes);
        auto bad = SnapshotImporter(*ws, {}).run({t.file(QStringLiteral("cut.tar.gz"))});
        QVERIFY(!bad);
        QVERIFY2(bad.error().what().contains(QLatin1String("damaged")), qPrintable(bad.error().toString()));
    }

    void readOnlyWorkspaceRefusesImport()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
        }
        auto ws = t.open(Workspace::OpenMode::ReadOnly);
        auto r = SnapshotImporter(*ws, {}).run({testData(QStringLiteral("podsonly"))});
        QVERIFY(!r);
        QVERIFY(r.error().what().contains(QLatin1String("read-only")));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
