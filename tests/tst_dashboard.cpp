// The Dashboard's figures (PostureSummary): open findings per CAT and per control family,
// compliance per control, the trend across snapshots and the top workloads. Hand-made rows with
// hand-checked numbers, then the demo system (controls run on both snapshots, a Trivy scan) checked
// against counts taken straight from the findings table.
#include "SqlProbe.h"
#include "TestSupport.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "posture/PostureSummary.h"
#include "store/FindingStore.h"

#include <QJsonArray>
#include <QMap>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QString demo(const QString& rel)
{
    return sourceDir() + QStringLiteral("/resources/demo/") + rel;
}

QJsonObject row(const QString& source, const QString& rule, int cat, const QString& status,
                const QStringList& workloads, const QString& family = {})
{
    QJsonObject ids;
    if (!family.isEmpty())
        ids.insert(QStringLiteral("family"), family);
    return QJsonObject{{QStringLiteral("source"), source},
                       {QStringLiteral("category"), source == QLatin1String("tollgate")
                                                        ? QStringLiteral("control")
                                                        : QStringLiteral("vulnerability")},
                       {QStringLiteral("rule"), rule},
                       {QStringLiteral("title"), QString(rule + QStringLiteral(" title"))},
                       {QStringLiteral("severity_cat"), cat},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("identifiers"), ids},
                       {QStringLiteral("joined_workloads"), QJsonArray::fromStringList(workloads)}};
}

void importSnapshot(Workspace& ws, const QString& dir)
{
    auto r = SnapshotImporter(ws, {}).run({dir});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

void runControls(Workspace& ws, qint64 snapshot)
{
    auto catalog = ControlCatalog::builtIn();
    QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
    ControlRunner runner(ws, catalog.value(), Tailoring{});
    auto r = runner.run(snapshot);
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

// Open findings per CAT of one scan import, straight from the table.
PostureSummary::CatCounts openOfImport(Workspace& ws, qint64 importId)
{
    PostureSummary::CatCounts c{};
    const auto rows =
        SqlProbe(ws).rows("SELECT severity_cat, COUNT(*) FROM findings WHERE scan_import_id = ? AND "
                          "result = 'Open' AND lifecycle <> 'closed' GROUP BY severity_cat",
                          {importId});
    for (const QVariantList& r : rows)
        c[r[0].toLongLong() - 1] = r[1].toInt();
    return c;
}

qint64 importOf(Workspace& ws, const char* sql)
{
    return SqlProbe(ws).count(sql);
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void familiesFallBackToCategory()
    {
        QCOMPARE(PostureSummary::familyOf(row(QStringLiteral("tollgate"), QStringLiteral("RUN-CAPS"), 2,
                                              QStringLiteral("Open"), {}, QStringLiteral("AC"))),
                 QStringLiteral("AC"));
        QCOMPARE(PostureSummary::familyOf(
                     row(QStringLiteral("tollgate"), QStringLiteral("X"), 2, QStringLiteral("Open"), {})),
                 QStringLiteral("control"));
        QCOMPARE(PostureSummary::familyOf(
                     row(QStringLiteral("trivy"), QStringLiteral("CVE-1"), 1, QStringLiteral("Open"), {})),
                 QStringLiteral("vulnerability"));
        QJsonObject stig = row(QStringLiteral("stig"), QStringLiteral("V-1"), 2, QStringLiteral("Open"), {});
        stig.insert(QStringLiteral("category"), QStringLiteral("stig"));
        QCOMPARE(PostureSummary::familyOf(stig), QStringLiteral("stig"));
        // A reviewer's decision wins over the observation.
        QJsonObject reviewed = stig;
        reviewed.insert(QStringLiteral("review_status"), QStringLiteral("NotAFinding"));
        reviewed.insert(QStringLiteral("severity_override"), QStringLiteral("CAT III"));
        QCOMPARE(PostureSummary::statusOf(reviewed), QStringLiteral("NotAFinding"));
        QCOMPARE(PostureSummary::catOf(reviewed), 3);
        QCOMPARE(PostureSummary::catOf(stig), 2);
    }

    void handCheckedRows()
    {
        const QString a = QStringLiteral("ns/Deployment/a");
        const QString b = QStringLiteral("ns/Deployment/b");
        const QString c = QStringLiteral("ns/Deployment/c");
        const QString t = QStringLiteral("tollgate");
        QList<QJsonObject> rows = {
            row(t, QStringLiteral("RUN-CAPS"), 2, QStringLiteral("Open"), {a}, QStringLiteral("AC")),
            row(t, QStringLiteral("RUN-CAPS"), 2, QStringLiteral("Open"), {b}, QStringLiteral("AC")),
            row(t, QStringLiteral("RUN-CAPS"), 2, QStringLiteral("NotAFinding"), {c}, QStringLiteral("AC")),
            row(t, QStringLiteral("RUN-SECRET-ENV"), 1, QStringLiteral("Open"), {c}, QStringLiteral("IA")),
            row(t, QStringLiteral("RUN-SECRET-ENV"), 1, QStringLiteral("NotAFinding"), {a},
                QStringLiteral("IA")),
            row(t, QStringLiteral("SSP-DOCUMENTED"), 2, QStringLiteral("Not_Reviewed"), {},
                QStringLiteral("CM")),
            row(t, QStringLiteral("DASHBOARD"), 2, QStringLiteral("Not_Applicable"), {},
                QStringLiteral("CM")),
            row(QStringLiteral("trivy"), QStringLiteral("CVE-1"), 3, QStringLiteral("Open"), {a, b}),
            row(QStringLiteral("trivy"), QStringLiteral("CVE-2"), 3, QStringLiteral("Open"), {b}),
            row(QStringLiteral("trivy"), QStringLiteral("CVE-3"), 1, QStringLiteral("closed"), {a}),
        };
        const PostureSummary s = PostureSummary::fromRows(rows);
        QCOMPARE(s.findingCount(), 10);
        QCOMPARE(s.openByCat(), (PostureSummary::CatCounts{1, 2, 2}));
        QCOMPARE(s.openTotal(), 5);

        // Families: AC 2 open, vulnerability 2, IA 1; CM has none open and is not drawn.
        QCOMPARE(s.families().size(), 3);
        QCOMPARE(s.families()[0].name, QStringLiteral("AC")); // ties on total: CAT II before CAT III
        QCOMPARE(s.families()[0].open, (PostureSummary::CatCounts{0, 2, 0}));
        QVERIFY(s.families()[0].control);
        QCOMPARE(s.families()[1].name, QStringLiteral("vulnerability"));
        QCOMPARE(s.families()[1].open, (PostureSummary::CatCounts{0, 0, 2}));
        QVERIFY(!s.families()[1].control);
        QCOMPARE(s.families()[2].name, QStringLiteral("IA"));

        // Controls: most open first, then CAT, then id.
        QCOMPARE(s.controls().size(), 4);
        QCOMPARE(s.controls()[0].id, QStringLiteral("RUN-CAPS"));
        QCOMPARE(s.controls()[0].open, 2);
        QCOMPARE(s.controls()[0].notAFinding, 1);
        QCOMPARE(s.controls()[0].family, QStringLiteral("AC"));
        QCOMPARE(s.controls()[1].id, QStringLiteral("RUN-SECRET-ENV"));
        QCOMPARE(s.controls()[1].cat, 1);
        QCOMPARE(s.controls()[2].id, QStringLiteral("DASHBOARD"));
        QCOMPARE(s.controls()[2].notApplicable, 1);
        QCOMPARE(s.controls()[3].id, QStringLiteral("SSP-DOCUMENTED"));
        QCOMPARE(s.controls()[3].notReviewed, 1);
        const QJsonObject first = s.controlRows().first();
        QCOMPARE(first.value(QLatin1String("Open")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("status")).toString(), QStringLiteral("Open"));
        QCOMPARE(s.controlRows().last().value(QLatin1String("status")).toString(),
                 QStringLiteral("NotAFinding"));

        // Workloads: c has the CAT I, then b (CAT II + 2 CAT III), then a (CAT II + CAT III).
        QCOMPARE(s.topWorkloads().size(), 3);
        QCOMPARE(s.topWorkloads()[0].workload, c);
        QCOMPARE(s.topWorkloads()[1].workload, b);
        QCOMPARE(s.topWorkloads()[1].open, (PostureSummary::CatCounts{0, 1, 2}));
        QCOMPARE(s.topWorkloads()[2].workload, a);
        QCOMPARE(s.workloadRows()[0].value(QLatin1String("severity_cat")).toInt(), 1);
        QCOMPARE(s.workloadRows()[1].value(QLatin1String("open")).toInt(), 3);

        // Only ten workloads are ranked.
        QList<QJsonObject> many;
        for (int i = 0; i < 14; ++i)
            many << row(QStringLiteral("grype"), QStringLiteral("CVE-%1").arg(i), i == 13 ? 1 : 3,
                        QStringLiteral("Open"),
                        {QStringLiteral("ns/Deployment/w%1").arg(i, 2, 10, QLatin1Char('0'))});
        const PostureSummary top = PostureSummary::fromRows(many);
        QCOMPARE(top.topWorkloads().size(), PostureSummary::TopWorkloads);
        QCOMPARE(top.topWorkloads()[0].workload, QStringLiteral("ns/Deployment/w13"));
        QCOMPARE(top.topWorkloads()[1].workload, QStringLiteral("ns/Deployment/w00"));
    }

    void demoSystem()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws, demo(QStringLiteral("snapshot-1")));
        runControls(*ws, 1);
        importSnapshot(*ws, demo(QStringLiteral("snapshot-2")));
        runControls(*ws, 2);
        auto scan = ScanImporter(*ws).importFile(demo(QStringLiteral("scans/trivy/ingest-api-2.2.0.json")));
        QVERIFY2(scan.ok(), qPrintable(scan.error().toString()));
        QCOMPARE(scan->snapshotId, qint64(2));

        auto summary = PostureSummary::compute(*ws, 2);
        QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
        const PostureSummary& s = summary.value();
        QCOMPARE(s.snapshotId(), qint64(2));

        // Independently, from the findings table: the controls run on snapshot 2 and the scan.
        const qint64 run1 = importOf(*ws, "SELECT id FROM scan_imports WHERE snapshot_id = 1");
        const qint64 run2 = importOf(
            *ws, "SELECT id FROM scan_imports WHERE snapshot_id = 2 AND format = 'tollgate-controls'");
        QVERIFY(run1 > 0 && run2 > run1);
        const PostureSummary::CatCounts controls2 = openOfImport(*ws, run2);
        const PostureSummary::CatCounts scan2 = openOfImport(*ws, scan->importId);
        PostureSummary::CatCounts expected{};
        for (int i = 0; i < 3; ++i)
            expected[i] = controls2[i] + scan2[i];
        QCOMPARE(s.openByCat(), expected);
        QVERIFY(s.openTotal() > 0);
        {
            QCOMPARE(qint64(s.findingCount()),
                     SqlProbe(*ws).count("SELECT COUNT(*) FROM findings WHERE scan_import_id IN (?, ?)",
                                         {run2, scan->importId}));
        }

        // Families: the vulnerability family is exactly the scan's open findings; the control
        // families add up to the run's open findings, each as SQL counts it by identifiers.family.
        int controlOpen = 0;
        bool sawVulnerability = false;
        for (const PostureSummary::Family& f : s.families()) {
            if (f.control) {
                QCOMPARE(qint64(f.total()),
                         SqlProbe(*ws).count("SELECT COUNT(*) FROM findings WHERE scan_import_id = ? AND "
                                             "result = 'Open' AND json_extract(identifiers, '$.family') = ?",
                                             {run2, f.name}));
                controlOpen += f.total();
            } else {
                QCOMPARE(f.name, QStringLiteral("vulnerability"));
                QCOMPARE(f.open, scan2);
                sawVulnerability = true;
            }
        }
        QVERIFY(sawVulnerability);
        QCOMPARE(controlOpen, controls2[0] + controls2[1] + controls2[2]);

        // Compliance per control: every control of the catalog that ran, with its four counts.
        QMap<QString, QMap<QString, int>> perControl;
        {
            const auto rows = SqlProbe(*ws).rows("SELECT rule_id, result, COUNT(*) FROM findings WHERE "
                                                 "scan_import_id = ? GROUP BY rule_id, result",
                                                 {run2});
            for (const QVariantList& r : rows)
                perControl[r[0].toString()][r[1].toString()] = r[2].toInt();
        }
        QCOMPARE(s.controls().size(), perControl.size());
        for (const PostureSummary::ControlResult& c : s.controls()) {
            QVERIFY2(perControl.contains(c.id), qPrintable(c.id));
            const QMap<QString, int>& m = perControl[c.id];
            QCOMPARE(c.open, m.value(QStringLiteral("Open")));
            QCOMPARE(c.notAFinding, m.value(QStringLiteral("NotAFinding")));
            QCOMPARE(c.notApplicable, m.value(QStringLiteral("Not_Applicable")));
            QCOMPARE(c.notReviewed, m.value(QStringLiteral("Not_Reviewed")));
            QVERIFY(!c.family.isEmpty());
        }

        // The trend: both snapshots, each with its own run's open counts (the scan is snapshot 2's).
        QCOMPARE(s.trend().size(), 2);
        QCOMPARE(s.trend()[0].snapshotId, qint64(1));
        QCOMPARE(s.trend()[0].open, openOfImport(*ws, run1));
        QCOMPARE(s.trend()[1].snapshotId, qint64(2));
        QCOMPARE(s.trend()[1].open, s.openByCat());

        // Top workloads: the ranking holds and each count matches the store's workload filter.
        QVERIFY(!s.topWorkloads().isEmpty());
        QVERIFY(s.topWorkloads().size() <= PostureSummary::TopWorkloads);
        for (int i = 1; i < s.topWorkloads().size(); ++i) {
            const auto& p = s.topWorkloads()[i - 1].open;
            const auto& q = s.topWorkloads()[i].open;
            QVERIFY(p[0] > q[0] || (p[0] == q[0] && (p[1] > q[1] || (p[1] == q[1] && p[2] >= q[2]))));
        }
        for (const PostureSummary::WorkloadRank& w : s.topWorkloads()) {
            QCOMPARE(qint64(w.total()),
                     SqlProbe(*ws).count("SELECT COUNT(*) FROM findings f JOIN finding_joins j ON "
                                         "j.finding_id = f.id JOIN workloads w ON w.id = j.workload_id WHERE "
                                         "f.scan_import_id IN (?, ?) AND f.result = 'Open' AND "
                                         "f.lifecycle <> 'closed' AND "
                                         "w.namespace || '/' || w.kind || '/' || w.name = ?",
                                         {run2, scan->importId, w.workload}));
        }

        // No snapshot selected: no figures, the trend still.
        auto none = PostureSummary::compute(*ws, 0);
        QVERIFY(none.ok());
        QCOMPARE(none->openTotal(), 0);
        QCOMPARE(none->trend().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDashboard)
#include "tst_dashboard.moc"
