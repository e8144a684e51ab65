// Imports every input of the netpol-analyzer peer suite: each connlist and diff input imports (the
// case built around a syntax error fails cleanly by default and imports with --skip-invalid), and
// every reject case imports with a warning or fails with a clear message: no crash, no hang.
#include "TestSupport.h"
#include "import/SnapshotImporter.h"
#include "store/SnapshotStore.h"

#include <QDir>
#include <QTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {
QStringList subdirs(const QString& path, const QString& pattern = QString())
{
    QStringList out;
    const QDir d(path);
    for (const QString& n : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        out << d.filePath(n) + pattern;
    return out;
}
} // namespace

class TestPeerImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void connlistAndDiffInputs()
    {
        const QString peer = sharedDir() + QStringLiteral("/peer/netpol-analyzer");
        QStringList inputs = subdirs(peer + QStringLiteral("/connlist"), QStringLiteral("/input"));
        for (const QString& d : subdirs(peer + QStringLiteral("/diff"))) {
            inputs << d + QStringLiteral("/dir1") << d + QStringLiteral("/dir2");
        }
        QVERIFY(inputs.size() > 250);
        int passed = 0;
        int failed = 0;
        int workloads = 0;
        for (const QString& in : std::as_const(inputs)) {
            if (!QDir(in).exists())
                continue;
            TempWorkspace t;
            auto ws = t.create();
            auto r = SnapshotImporter(*ws, {}).run({in});
            const bool syntaxCase = in.contains(QLatin1String("document_with_syntax_error"));
            if (syntaxCase) {
                // Strict import refuses with file and line; --skip-invalid imports the rest.
                const bool strictRefused =
                    !r && r.error().line() > 0 &&
                    r.error().file().endsWith(QLatin1String("document_with_syntax_error.yaml"));
                auto s = SnapshotImporter(*ws, {QString(), QString(), true}).run({in});
                const bool skipImported = s && s->skipped.size() == 1 && s->workloads >= 3;
                if (strictRefused && skipImported) {
                    ++passed;
                } else {
                    ++failed;
                    qWarning("FAIL %s: strict=%d skip=%d", qPrintable(in), strictRefused, skipImported);
                }
                continue;
            }
            if (r && r->objects > 0) {
                ++passed;
                workloads += r->workloads;
            } else {
                ++failed;
                qWarning("FAIL %s: %s", qPrintable(in), r ? "no objects" : qPrintable(r.error().toString()));
            }
        }
        qInfo("peer inputs imported: %d passed, %d failed (%d workloads in all)", passed, failed, workloads);
        QCOMPARE(failed, 0);
        QVERIFY(workloads > 1000);
    }

    void rejectCasesFailCleanlyOrImport()
    {
        const QStringList cases =
            subdirs(sharedDir() + QStringLiteral("/peer/netpol-analyzer/reject"), QStringLiteral("/input"));
        QVERIFY(cases.size() >= 40);
        int imported = 0;
        int refused = 0;
        for (const QString& in : cases) {
            TempWorkspace t;
            auto ws = t.create();
            auto r = SnapshotImporter(*ws, {}).run({in});
            if (r) {
                ++imported;
            } else {
                ++refused;
                // A clear message: it names a file or says what is missing.
                QVERIFY2(!r.error().what().isEmpty(), qPrintable(in));
            }
        }
        qInfo("reject inputs: %d imported (policy errors are the engine's to report), %d refused cleanly",
              imported, refused);
        QCOMPARE(imported + refused, static_cast<int>(cases.size()));
    }

    void onlineBoutiqueInventory()
    {
        TempWorkspace t;
        auto ws = t.create();
        auto r = SnapshotImporter(*ws, {}).run(
            {sharedDir() + QStringLiteral("/peer/netpol-analyzer/connlist/onlineboutique/input")});
        QVERIFY2(r, qPrintable(r.error().toString()));
        const auto wl = SnapshotStore(*ws).listing(r->snapshotId, SnapshotStore::Listing::Workloads).value();
        QStringList peers;
        QStringList components;
        for (const QJsonObject& w : wl) {
            peers << w.value(QLatin1String("peer_name")).toString();
            components << w.value(QLatin1String("component_key")).toString();
        }
        // A pods-only export: peers are the owning ReplicaSets (hash kept, as the peer prints them),
        // components are the Deployments (hash stripped), so a rollout is one component.
        QVERIFY2(peers.contains(QStringLiteral("default/redis-cart-78746d49dc[ReplicaSet]")),
                 qPrintable(peers.join(QLatin1Char(' '))));
        QVERIFY2(components.contains(QStringLiteral("default/Deployment/redis-cart")),
                 qPrintable(components.join(QLatin1Char(' '))));
        QVERIFY(components.contains(QStringLiteral("default/Deployment/frontend")));
        QCOMPARE(wl.size(), 12);
    }
};

QTEST_GUILESS_MAIN(TestPeerImport)
#include "tst_peerimport.moc"
