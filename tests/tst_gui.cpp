#include "TestSupport.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "posture/PostureSummary.h"
#include "reports/signing/CmsSignature.h"
#include "reports/signing/KeyGenerator.h"
#include "reports/signing/SigningIdentity.h"
#include "store/ChangeStore.h"
#include "store/ReportStore.h"
#include "store/SnapshotStore.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/ChangeDecisionDialog.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/dialogs/ExportReportDialog.h"
#include "ui/dialogs/ImportDialog.h"
#include "ui/dialogs/ReviewDialog.h"
#include "ui/dialogs/RiskDialog.h"
#include "ui/dialogs/VerifyDialog.h"
#include "ui/jobs/ImportJob.h"
#include "ui/pages/ChangesPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/FlowsPage.h"
#include "ui/pages/GraphPage.h"
#include "ui/pages/InventoryPage.h"
#include "ui/pages/ReportsPage.h"
#include "ui/widgets/GraphView.h"
#include "ui/widgets/Icons.h"
#include "ui/widgets/SeverityDelegate.h"
#include "viewmodels/GraphSession.h"
#include "viewmodels/Roles.h"
#include "viewmodels/RowTableModel.h"
#include "viewmodels/SnapshotListModel.h"

#include <QAbstractBarSeries>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

using namespace tollgate;
using namespace tollgate::test;
using tollgate::ui::Dialogs;

class TestGui : public QObject
{
    Q_OBJECT
    struct Message
    {
        Dialogs::Kind kind;
        QString title;
        QString text;
    };
    QList<Message> m_messages;
    QTemporaryDir m_config;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        ui::Icons::initResources();
        Dialogs::setTestHook([this](Dialogs::Kind k, const QString& t, const QString& x) {
            m_messages.append({k, t, x});
        });
    }

    void init() { m_messages.clear(); }

    void modelsPassTheTester()
    {
        RowTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns(
            {{QStringLiteral("name"), QStringLiteral("Name")}, {QStringLiteral("n"), QStringLiteral("N")}});
        QList<QJsonObject> rows;
        for (int i = 0; i < 50; ++i)
            rows << QJsonObject{{QStringLiteral("name"), QStringLiteral("w%1").arg(i)},
                                {QStringLiteral("n"), i}};
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.data(model.index(3, 1)).toString(), QStringLiteral("3"));
        QCOMPARE(model.data(model.index(3, 1), SortRole).toDouble(), 3.0);
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);

        SnapshotListModel snaps;
        QAbstractItemModelTester tester2(&snaps, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SnapshotInfo a;
        a.id = 4;
        a.label = QStringLiteral("baseline");
        snaps.setSnapshots({a});
        QCOMPARE(snaps.rowOf(4), 0);
        QVERIFY(snaps.data(snaps.index(0)).toString().contains(QLatin1String("baseline")));

        ui::InventoryPage page;
        QAbstractItemModelTester tester3(page.proxy(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        TempWorkspace t;
        auto ws = t.create();
        QVERIFY(SnapshotImporter(*ws, {}).run({testData(QStringLiteral("inventory"))}));
        page.setContext(ws.get(), 1);
        for (const char* l :
             {"workloads", "images", "services", "exposures", "namespaces", "files", "skipped", "kinds"}) {
            page.setListing(QString::fromLatin1(l));
            QCOMPARE(page.listing(), QString::fromLatin1(l));
        }
    }

    void importDialogAndInventoryFilter()
    {
        TempWorkspace t;
        ui::MainWindow w;
        w.show();
        QVERIFY(w.createWorkspace(t.path()));
        auto* inventory = w.findChild<ui::InventoryPage*>(QStringLiteral("inventoryPage"));
        QVERIFY(inventory);
        // Empty workspace: the page says how to fill it.
        QVERIFY(
            w.findChild<QLabel*>(QStringLiteral("inventoryEmpty"))->text().contains(QLatin1String("Import")));

        ui::ImportDialog* dlg = w.showImportDialog({testData(QStringLiteral("inventory"))});
        QVERIFY(dlg);
        dlg->findChild<QLineEdit*>(QStringLiteral("importLabel"))->setText(QStringLiteral("gui-import"));
        QSignalSpy imported(dlg, &ui::ImportDialog::imported);
        QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("importStart")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
        QCOMPARE(imported.first().first().toLongLong(), qint64(1));
        QVERIFY(m_messages.isEmpty());

        auto* list = w.findChild<QListView*>(QStringLiteral("snapshotList"));
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(w.currentSnapshot(), qint64(1));

        auto* table = w.findChild<QTableView*>(QStringLiteral("inventoryTable"));
        QCOMPARE(table->model()->rowCount(), 3);
        auto* filter = w.findChild<QLineEdit*>(QStringLiteral("inventoryFilter"));
        QTest::keyClicks(filter, QStringLiteral("ingressgateway"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(w.findChild<QLabel*>(QStringLiteral("inventoryCount"))->text(), QStringLiteral("1 of 3"));
        filter->clear();
        QCOMPARE(table->model()->rowCount(), 3);

        // Exposures tab, then the details panel shows the stored object and its source line.
        w.findChild<QTabBar*>(QStringLiteral("inventoryKinds"))->setCurrentIndex(3);
        QCOMPARE(table->model()->rowCount(), 7);
        QTest::keyClicks(filter, QStringLiteral("LoadBalancer"));
        QCOMPARE(table->model()->rowCount(), 1);
        table->setCurrentIndex(table->model()->index(0, 0));
        const QString source = w.findChild<QLabel*>(QStringLiteral("inventorySource"))->text();
        QVERIFY2(source.contains(QLatin1String("app.yaml:")), qPrintable(source));
        QVERIFY(w.findChild<QPlainTextEdit*>(QStringLiteral("inventoryYaml"))
                    ->toPlainText()
                    .contains(QLatin1String("type: LoadBalancer")));
    }

    void importErrorsNameFileAndLine()
    {
        TempWorkspace t;
        writeFile(t.file(QStringLiteral("bad/broken.yaml")),
                  "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n  bad: [\n");
        ui::MainWindow w;
        QVERIFY(w.createWorkspace(t.path()));
        ui::ImportDialog* dlg = w.showImportDialog({t.file(QStringLiteral("bad"))});
        QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("importStart")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_messages.size(), 1, 20000);
        QCOMPARE(m_messages[0].kind, Dialogs::Kind::Error);
        QVERIFY2(m_messages[0].text.contains(QLatin1String("broken.yaml:")), qPrintable(m_messages[0].text));
        QVERIFY(m_messages[0].text.contains(QLatin1String("unchanged")));
        QCOMPARE(SnapshotStore(*w.workspace()).list()->size(), 0);
        dlg->close();
    }

    void cancelledJobWritesNothing()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
        }
        ui::ImportJob job(t.path(), {testData(QStringLiteral("inventory"))}, {}, testIdentity());
        QSignalSpy done(&job, &ui::ImportJob::finished);
        job.cancel();
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(done.first().at(2).toString().contains(QLatin1String("cancelled")));
        auto ws = t.open(Workspace::OpenMode::ReadOnly);
        QCOMPARE(SnapshotStore(*ws).list()->size(), 0);
    }

    void droppedFilesOpenWorkspacesAndImportManifests()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(ws);
        }
        ui::MainWindow w;
        w.show();
        // The paths a drop carries go through openDropped (the event plumbing itself is Qt's).
        auto drop = [&](const QString& path) { w.openDropped({path}); };
        // A workspace file opens.
        drop(t.path());
        QVERIFY2(w.workspace(),
                 qPrintable(m_messages.isEmpty() ? QStringLiteral("no message") : m_messages.first().text));
        QCOMPARE(w.workspace()->path(), t.path());
        // A manifest folder opens the import dialog with it.
        drop(testData(QStringLiteral("inventory")));
        auto* dlg = w.findChild<ui::ImportDialog*>(QStringLiteral("importDialog"));
        QVERIFY(dlg);
        QCOMPARE(dlg->paths(), QStringList{testData(QStringLiteral("inventory"))});
        dlg->close();
        QVERIFY(m_messages.isEmpty());
    }

    // Scans dropped on the window import through the dialog (content decides, not the name); the
    // Findings page filters them, shows details and history, and the Inventory page leads to a
    // workload's findings.
    void findingsPageFromDropToDetails()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            auto r =
                SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")});
            QVERIFY(r.ok());
        }
        const QString scans = sourceDir() + QStringLiteral("/resources/demo/scans/");
        const QString renamed = t.file(QStringLiteral("report.dat"));
        QVERIFY(QFile::copy(scans + QStringLiteral("grype/operator-ui-4.1.0.grype.json"), renamed));
        ui::MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(t.path()));
        ui::ImportDialog* dlg =
            w.openDropped({scans + QStringLiteral("trivy/track-service-3.3.0.2026-11-02.json"),
                           scans + QStringLiteral("trivy/track-service-3.3.0.2026-11-20.json"), renamed});
        QVERIFY(dlg);
        QCOMPARE(dlg->paths().size(), 3);
        QSignalSpy imported(dlg, &ui::ImportDialog::imported);
        dlg->startImport();
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
        QVERIFY2(m_messages.isEmpty(),
                 qPrintable(m_messages.isEmpty() ? QString() : m_messages.first().text));

        QVERIFY(w.setPage(QStringLiteral("findings")));
        auto* page = w.findChild<ui::FindingsPage*>(QStringLiteral("findingsPage"));
        QVERIFY(page);
        auto* table = page->table();
        QCOMPARE(table->model()->rowCount(),
                 7 + 3); // newest track-service scan (closed row included) + grype
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("findingsCounts"))
                    ->text()
                    .contains(QLatin1String("10 of 10")));
        auto* status = w.findChild<QComboBox*>(QStringLiteral("findingsStatus"));
        status->setCurrentIndex(status->findData(QStringLiteral("closed")));
        QCOMPARE(table->model()->rowCount(), 1);
        table->setCurrentIndex(table->model()->index(0, 0));
        const QString details = page->detailsText();
        QVERIFY2(details.contains(QLatin1String("CVE-2023-38545")), qPrintable(details));
        QVERIFY(details.contains(QLatin1String("History across imports")));
        QVERIFY(details.contains(QLatin1String("track-service-3.3.0.2026-11-20.json")));
        status->setCurrentIndex(0);
        auto* cat = w.findChild<QComboBox*>(QStringLiteral("findingsCat"));
        cat->setCurrentIndex(cat->findData(3));
        QCOMPARE(table->model()->rowCount(), 1); // openssl CVE-2024-0727 on operator-ui
        cat->setCurrentIndex(0);
        auto* source = w.findChild<QComboBox*>(QStringLiteral("findingsSource"));
        source->setCurrentIndex(source->findData(QStringLiteral("grype")));
        QCOMPARE(table->model()->rowCount(), 3);
        source->setCurrentIndex(0);
        QTest::keyClicks(w.findChild<QLineEdit*>(QStringLiteral("findingsIdentifier")),
                         QStringLiteral("CVE-2023-5678"));
        QCOMPARE(table->model()->rowCount(), 2);
        w.findChild<QLineEdit*>(QStringLiteral("findingsIdentifier"))->clear();

        // From the Inventory page: a workload's findings.
        QVERIFY(w.setPage(QStringLiteral("inventory")));
        auto* inventory = w.findChild<ui::InventoryPage*>(QStringLiteral("inventoryPage"));
        auto* filter = w.findChild<QLineEdit*>(QStringLiteral("inventoryFilter"));
        QTest::keyClicks(filter, QStringLiteral("operator-ui"));
        auto* invTable = w.findChild<QTableView*>(QStringLiteral("inventoryTable"));
        QVERIFY(invTable->model()->rowCount() >= 1);
        invTable->setCurrentIndex(invTable->model()->index(0, 0));
        QCOMPARE(inventory->selectedWorkload(), QStringLiteral("frontend/Deployment/operator-ui"));
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("inventoryFindings")), Qt::LeftButton);
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QCOMPARE(table->model()->rowCount(), 3);
    }

    // Review on the Findings page: the dialogs need a justification, bulk review records one decision
    // per finding, the table shows the effective status and flags, the details the decision history.
    void findingsReviewAndRiskAcceptance()
    {
        TempWorkspace t;
        auto ws = t.create();
        QVERIFY(
            SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")}).ok());
        QVERIFY(
            ScanImporter(*ws)
                .importFile(sourceDir() +
                            QStringLiteral("/resources/demo/scans/trivy/track-service-3.3.0.2026-11-02.json"))
                .ok());
        ui::FindingsPage page;
        page.setContext(ws.get(), 0);
        page.show();
        QTableView* table = page.table();
        QCOMPARE(table->model()->rowCount(), 5);

        {
            ui::ReviewDialog dialog(2, QStringLiteral("Pat"));
            QVERIFY(!dialog.okButton()->isEnabled());
            dialog.statusBox()->setCurrentIndex(dialog.statusBox()->findData(QStringLiteral("NotAFinding")));
            QVERIFY(!dialog.okButton()->isEnabled()); // no reason yet
            QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("patched"));
            QVERIFY(dialog.okButton()->isEnabled());
            ui::RiskDialog risk(1, QStringLiteral("Pat"), QDate(2026, 1, 15));
            QVERIFY(!risk.okButton()->isEnabled());
            QTest::keyClicks(risk.byEdit(), QStringLiteral("AO"));
            QTest::keyClicks(risk.referenceEdit(), QStringLiteral("POAM-1"));
            QVERIFY(!risk.okButton()->isEnabled());
            QTest::keyClicks(risk.reasonEdit(), QStringLiteral("accepted"));
            QVERIFY(risk.okButton()->isEnabled());
        }

        // Bulk: the first two rows, through the button and the modal dialog.
        table->selectionModel()->select(
            QItemSelection(table->model()->index(0, 0), table->model()->index(1, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(page.selectedRows().size(), 2);
        QVERIFY(page.reviewButton()->isEnabled());
        const QString first = page.selectedRows().first().value(QLatin1String("identity")).toString();
        bool filled = false;
        QTimer::singleShot(0, this, [&filled] {
            auto* d = qobject_cast<ui::ReviewDialog*>(QApplication::activeModalWidget());
            if (!d)
                return;
            d->statusBox()->setCurrentIndex(d->statusBox()->findData(QStringLiteral("Not_Applicable")));
            QTest::keyClicks(d->reasonEdit(), QStringLiteral("tailored out"));
            filled = true;
            d->okButton()->click();
        });
        QTest::mouseClick(page.reviewButton(), Qt::LeftButton);
        QVERIFY(filled);
        QVERIFY2(m_messages.isEmpty(),
                 qPrintable(m_messages.isEmpty() ? QString() : m_messages.first().text));
        int na = 0;
        for (const QJsonObject& o : page.model()->rows())
            na +=
                o.value(QLatin1String("review_status")).toString() == QLatin1String("Not_Applicable") ? 1 : 0;
        QCOMPARE(na, 2);
        QCOMPARE(
            table->currentIndex().data(RowRole).toJsonObject().value(QLatin1String("identity")).toString(),
            first);
        QString details = page.detailsText();
        QVERIFY2(details.contains(QLatin1String("Decision history")), qPrintable(details));
        QVERIFY(details.contains(QLatin1String("status Not_Applicable (was Open)")));
        QVERIFY(details.contains(QLatin1String("tailored out")));
        QVERIFY(details.contains(QLatin1String("Test Reviewer")));
        auto* status = page.findChild<QComboBox*>(QStringLiteral("findingsStatus"));
        status->setCurrentIndex(status->findData(QStringLiteral("Not_Applicable")));
        QCOMPARE(table->model()->rowCount(), 2);
        status->setCurrentIndex(status->findData(QStringLiteral("Open")));
        QCOMPARE(table->model()->rowCount(), 3);

        // A risk acceptance on an Open finding: still Open, flagged with its expiry.
        table->selectRow(0);
        QCOMPARE(page.selectedRows().size(), 1);
        const QString open = page.selectedRows().first().value(QLatin1String("identity")).toString();
        QTimer::singleShot(0, this, [] {
            auto* d = qobject_cast<ui::RiskDialog*>(QApplication::activeModalWidget());
            if (!d)
                return;
            QTest::keyClicks(d->byEdit(), QStringLiteral("Dana AO"));
            QTest::keyClicks(d->referenceEdit(), QStringLiteral("POAM-0042"));
            d->expiresEdit()->setDate(QDate(2026, 3, 31));
            QTest::keyClicks(d->reasonEdit(), QStringLiteral("vendor fix pending"));
            d->okButton()->click();
        });
        QTest::mouseClick(page.riskButton(), Qt::LeftButton);
        QVERIFY(m_messages.isEmpty());
        status->setCurrentIndex(0);
        bool flagged = false;
        for (const QJsonObject& o : page.model()->rows())
            if (o.value(QLatin1String("identity")).toString() == open) {
                QCOMPARE(o.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
                QCOMPARE(o.value(QLatin1String("review_flags")).toString(),
                         QStringLiteral("risk accepted until 2026-03-31"));
                flagged = true;
            }
        QVERIFY(flagged);

        // Refused on a finding that is not Open: said, nothing written.
        QList<QJsonObject> notOpen;
        for (const QJsonObject& o : page.model()->rows())
            if (o.value(QLatin1String("review_status")).toString() == QLatin1String("Not_Applicable"))
                notOpen << o;
        QVERIFY(!page.applyRiskAcceptance(
            notOpen, {QStringLiteral("AO"), QStringLiteral("R"), QDate(2026, 2, 1), QStringLiteral("x")},
            QStringLiteral("Pat")));
        QCOMPARE(m_messages.size(), 1);
        QVERIFY(m_messages.first().text.contains(QLatin1String("not Open")));

        // Expired acceptances and changed evidence are flagged visibly.
        QJsonObject row;
        row.insert(QStringLiteral("rereview"), true);
        row.insert(QStringLiteral("risk"),
                   QJsonObject{{QStringLiteral("expires"), QStringLiteral("2026-01-01")},
                               {QStringLiteral("expired"), true}});
        QCOMPARE(ui::FindingsPage::flagsOf(row),
                 QStringLiteral("re-review: evidence changed; EXPIRED acceptance (2026-01-01)"));
    }

    // The Dashboard draws PostureSummary's figures; a click on a CAT bar, a family bar, a control's
    // count or a workload opens the Findings page filtered to exactly what the figure counts.
    void dashboardFiguresFilterFindings()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(
                SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")}));
            auto catalog = ControlCatalog::builtIn();
            QVERIFY(catalog.ok());
            ControlRunner runner(*ws, catalog.value(), Tailoring{});
            QVERIFY(runner.run(1).ok());
            const QString scans = sourceDir() + QStringLiteral("/resources/demo/scans/");
            QVERIFY(ScanImporter(*ws).importFile(scans + QStringLiteral("trivy/ingest-api-2.2.0.json")).ok());
            QVERIFY(ScanImporter(*ws)
                        .importFile(scans + QStringLiteral("grype/operator-ui-4.1.0.grype.json"))
                        .ok());
        }
        ui::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openWorkspace(t.path()));
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        QCoreApplication::processEvents();
        auto* page = w.findChild<ui::DashboardPage*>(QStringLiteral("dashboardPage"));
        QVERIFY(page);
        auto expected = PostureSummary::compute(*w.workspace(), 1);
        QVERIFY(expected.ok());
        const PostureSummary& s = page->summary();
        QCOMPARE(s.openByCat(), expected->openByCat());
        QVERIFY(s.openTotal() > 0);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("dashboardHeadline"))
                    ->text()
                    .contains(QString::number(s.openTotal())));

        // The CAT chart: one set per CAT, coloured as the Findings page colours it.
        auto sets = [](QChartView* view) {
            auto* series = qobject_cast<QAbstractBarSeries*>(view->chart()->series().value(0));
            return series ? series->barSets() : QList<QBarSet*>{};
        };
        const QList<QBarSet*> cats = sets(page->catView());
        QCOMPARE(cats.size(), 3);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(qRound(cats[c]->at(0)), s.openByCat()[c]);
            QCOMPARE(cats[c]->color(), ui::SeverityDelegate::colorFor(c + 1));
        }
        // Families and trend.
        const QList<QBarSet*> families = sets(page->familyView());
        QCOMPARE(families.size(), 3);
        QCOMPARE(families[0]->count(), int(s.families().size()));
        QCOMPARE(sets(page->trendView()).value(0)->count(), 1);
        QCOMPARE(page->controlTable()->model()->rowCount(), int(s.controls().size()));
        QCOMPARE(page->workloadTable()->model()->rowCount(), int(s.topWorkloads().size()));

        auto* findings = w.findChild<ui::FindingsPage*>(QStringLiteral("findingsPage"));
        QTableView* table = findings->table();
        // A click on the largest CAT bar.
        int cat = 1;
        for (int c = 2; c <= 3; ++c)
            if (s.openByCat()[c - 1] > s.openByCat()[cat - 1])
                cat = c;
        Q_EMIT cats[cat - 1]->clicked(0);
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QCOMPARE(table->model()->rowCount(), s.openByCat()[cat - 1]);
        QCOMPARE(w.findChild<QComboBox*>(QStringLiteral("findingsCat"))->currentData().toInt(), cat);
        QCOMPARE(w.findChild<QComboBox*>(QStringLiteral("findingsStatus"))->currentData().toString(),
                 QStringLiteral("Open"));

        // A family bar (the chart lists the largest family at the top, so last).
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        const PostureSummary::Family& top = s.families().first();
        int familyCat = 1;
        while (top.open[familyCat - 1] == 0)
            ++familyCat;
        Q_EMIT families[familyCat - 1]->clicked(static_cast<int>(s.families().size()) - 1);
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QCOMPARE(table->model()->rowCount(), top.open[familyCat - 1]);
        auto* chip = w.findChild<QToolButton*>(QStringLiteral("findingsFamily"));
        QVERIFY(chip->isVisible());
        QVERIFY(chip->text().contains(top.name));
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(!chip->isVisible());

        // A control row: its Open count, then any other cell for every result of the control.
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        QCoreApplication::processEvents();
        QTableView* controls = page->controlTable();
        const PostureSummary::ControlResult& failing = s.controls().first();
        QVERIFY(failing.open > 0);
        QCOMPARE(controls->model()->index(0, 0).data().toString(), failing.id);
        QTest::mouseClick(controls->viewport(), Qt::LeftButton, {},
                          controls->visualRect(controls->model()->index(0, 3)).center());
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QCOMPARE(table->model()->rowCount(), failing.open);
        QVERIFY(!chip->isVisible());
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        QTest::mouseClick(controls->viewport(), Qt::LeftButton, {},
                          controls->visualRect(controls->model()->index(0, 0)).center());
        QCOMPARE(table->model()->rowCount(), failing.total());

        // The top workload.
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        QTableView* workloads = page->workloadTable();
        QTest::mouseClick(workloads->viewport(), Qt::LeftButton, {},
                          workloads->visualRect(workloads->model()->index(0, 4)).center());
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QCOMPARE(w.findChild<QLineEdit*>(QStringLiteral("findingsWorkload"))->text(),
                 s.topWorkloads().first().workload);
        QCOMPARE(table->model()->rowCount(), s.topWorkloads().first().total());
    }

    void changesPageDecidesAndApprovesTheBaseline()
    {
        TempWorkspace t;
        auto ws = t.create();
        for (const char* s : {"snapshot-1", "snapshot-2"})
            QVERIFY(SnapshotImporter(*ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)})
                        .ok());
        ui::ChangesPage page;
        page.resize(1400, 800);
        page.setContext(ws.get(), 0);
        page.show();
        QCOMPARE(page.changes().size(), 4);
        QCOMPARE(page.baseSnapshot(), qint64(1));
        QCOMPARE(page.newSnapshot(), qint64(2));
        QCOMPARE(page.progressLabel()->text(), QStringLiteral("0 of 4 changes decided"));
        QVERIFY(!page.baselineButton()->isEnabled());
        // Grouped by component: every change sits under its component.
        int children = 0;
        for (int g = 0; g < page.tree()->topLevelItemCount(); ++g) {
            QTreeWidgetItem* group = page.tree()->topLevelItem(g);
            for (int i = 0; i < group->childCount(); ++i)
                QVERIFY(!group->child(i)->data(0, Qt::UserRole + 1).toString().isEmpty());
            children += group->childCount();
        }
        QCOMPARE(children, 4);
        // The image bump side by side, with its findings roll-up.
        const QString bump = page.changes().at(1).value(QLatin1String("id")).toString();
        QVERIFY(page.selectChange(bump));
        QTableWidget* fields = page.fieldTable();
        QCOMPARE(fields->item(0, 0)->text(), QStringLiteral("images"));
        QVERIFY(fields->item(0, 1)->text().contains(QLatin1String("track-service:3.2.0")));
        QVERIFY(fields->item(0, 2)->text().contains(QLatin1String("track-service:3.3.0")));
        QVERIFY(page.detailsText().contains(QLatin1String("Findings roll-up")));
        // The new component shows the template evidence.
        QVERIFY(page.selectChange(page.changes().at(0).value(QLatin1String("id")).toString()));
        QVERIFY2(page.detailsText().contains(QLatin1String("conforms to template web-service")),
                 qPrintable(page.detailsText()));

        // Decide every change through the buttons and the rationale dialog.
        const QStringList verdicts = {QStringLiteral("approved"), QStringLiteral("approved"),
                                      QStringLiteral("refer-ao"), QStringLiteral("approved")};
        for (int i = 0; i < 4; ++i) {
            QVERIFY(page.selectChange(page.changes().at(i).value(QLatin1String("id")).toString()));
            bool filled = false;
            QTimer::singleShot(0, this, [&filled, i] {
                auto* d = qobject_cast<ui::ChangeDecisionDialog*>(QApplication::activeModalWidget());
                if (!d)
                    return;
                d->reviewerEdit()->setText(QStringLiteral("ISSO Lee"));
                if (d->okButton()->isEnabled())
                    return; // OK must wait for the rationale
                QTest::keyClicks(d->rationaleEdit(), QStringLiteral("SIA %1").arg(i));
                filled = d->okButton()->isEnabled();
                d->okButton()->click();
            });
            QTest::mouseClick(page.decisionButton(verdicts.at(i)), Qt::LeftButton);
            QVERIFY(filled);
            QVERIFY2(m_messages.isEmpty(),
                     qPrintable(m_messages.isEmpty() ? QString() : m_messages.first().text));
            QCOMPARE(page.progressLabel()->text(), QStringLiteral("%1 of 4 changes decided").arg(i + 1));
        }
        QCOMPARE(page.changes().at(2).value(QLatin1String("decision")).toString(),
                 QStringLiteral("refer-ao"));
        QVERIFY(!page.baselineButton()->isEnabled()); // the AO has not answered
        // The AO approves the referred change.
        QVERIFY(page.selectChange(page.changes().at(2).value(QLatin1String("id")).toString()));
        QVERIFY(page.applyDecision(page.currentChange(), QStringLiteral("approved"),
                                   QStringLiteral("AO accepts the flow"), QStringLiteral("AO Kim")));
        QVERIFY(page.detailsText().contains(QLatin1String("AO accepts the flow")));
        QVERIFY(page.baselineButton()->isEnabled());
        bool asked = false;
        QTimer::singleShot(0, this, [&asked] {
            auto* d = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!d)
                return;
            d->setTextValue(QStringLiteral("ISSO Lee"));
            asked = true;
            d->accept();
        });
        QSignalSpy approved(&page, &ui::ChangesPage::baselineApproved);
        QTest::mouseClick(page.baselineButton(), Qt::LeftButton);
        QVERIFY(asked);
        QCOMPARE(approved.size(), 1);
        auto b = ChangeStore(*ws).baseline();
        QVERIFY(b.ok());
        QCOMPARE(b->value(QLatin1String("snapshot")).toInteger(), qint64(2));
        QCOMPARE(b->value(QLatin1String("approved_by")).toString(), QStringLiteral("ISSO Lee"));
        // Against the new baseline nothing is left to review.
        QCOMPARE(page.changes().size(), 0);
        QVERIFY(!page.baselineButton()->isEnabled());
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("changesHeading"))
                    ->text()
                    .contains(QLatin1String("approved baseline")));
    }

    // The Graph page on the demo: click a node and a flow by their ids, filters and focus change the
    // visible set as they should, and the Flows page's table and the graph select together.
    void graphPageClicksFiltersFocusAndFlowsSync()
    {
        TempWorkspace t;
        auto ws = t.create();
        for (const char* s : {"snapshot-1", "snapshot-2"})
            QVERIFY(SnapshotImporter(*ws, {}).run(
                {sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)}));
        GraphSession session;
        ui::GraphPage page(&session);
        ui::FlowsPage flows(&session);
        page.resize(1400, 900);
        page.setContext(ws.get(), 2);
        flows.setContext(ws.get(), 2);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 30000);
        QTRY_VERIFY(page.view()->canvas());
        const Graph& g = session.graph();
        QVERIFY(g.nodes.size() >= 30);
        for (const GraphNode& n : g.nodes) // system namespaces hidden by default (their entry points stay)
            QVERIFY(n.type != GraphNode::Type::Workload || !GraphSession::systemNamespaces().contains(n.ns));

        const auto idOf = [&session](const char* name) {
            for (const GraphNode& n : session.graph().nodes)
                if (n.type == GraphNode::Type::Workload && n.name == QLatin1String(name))
                    return n.id;
            return QString();
        };
        const QString trackService = idOf("track-service");
        QVERIFY(trackService.endsWith(QLatin1String("/track-service[Deployment]")));

        // Click a node by its id.
        const int node = g.indexOf(trackService);
        QVERIFY(node >= 0);
        page.view()->centerOnNode(node);
        QTest::mouseClick(page.view(), Qt::LeftButton, {}, page.view()->nodePoint(node).toPoint());
        QCOMPARE(session.selectedNode(), node);
        QVERIFY2(page.detailsText().contains(QLatin1String("track-service")), qPrintable(page.detailsText()));
        QVERIFY(page.detailsText().contains(QLatin1String("Flows in:")));
        QVERIFY(page.detailsText().contains(QLatin1String("Flows out:")));

        // Click a flow by its ends: the middle of a flow that only it passes through.
        const auto* canvas = page.view()->canvas();
        int edge = -1;
        for (int i = 0; i < g.edges.size() && edge < 0; ++i) {
            const QPointF mid = canvas->edgePath(i).pointAtPercent(0.5);
            if (canvas->nodeAt(mid) < 0 && canvas->edgesAt(mid, 6) == QList<int>{i} &&
                g.nodes[g.edges[i].src].type == GraphNode::Type::Workload)
                edge = i;
        }
        QVERIFY(edge >= 0);
        page.view()->setScale(1.0);
        page.view()->centerOn(canvas->edgePath(edge).pointAtPercent(0.5));
        QTest::mouseClick(page.view(), Qt::LeftButton, {}, page.view()->edgePoint(edge).toPoint());
        QCOMPARE(session.selectedEdge(), edge);
        const GraphEdge& e = g.edges[edge];
        QVERIFY(page.detailsText().contains(QLatin1String("Allowed by")));
        QVERIFY(page.detailsText().contains(e.conn));
        QVERIFY(page.detailsText().contains(QLatin1String("L7 conditions")));
        QVERIFY(page.detailsText().contains(g.nodes[e.src].name));

        // Selection syncs: the edge is the table's current row, and a row click selects on the graph.
        flows.show();
        QModelIndex cur = flows.table()->currentIndex();
        QVERIFY(cur.isValid());
        QCOMPARE(flows.proxy()->mapToSource(cur).row(), edge);
        const int other = edge == 0 ? 1 : 0;
        const QModelIndex row = flows.proxy()->mapFromSource(flows.proxy()->sourceModel()->index(other, 0));
        QTest::mouseClick(flows.table()->viewport(), Qt::LeftButton, {},
                          flows.table()->visualRect(row).center());
        QCOMPARE(session.selectedEdge(), other);
        QCOMPARE(flows.proxy()->rowCount(), int(g.edges.size()));
        flows.setTextFilter(QStringLiteral("geo-service"));
        QVERIFY(flows.proxy()->rowCount() > 0 && flows.proxy()->rowCount() < int(g.edges.size()));
        QVERIFY(flows.tableCsv().contains(QLatin1String("geo-service")));
        QCOMPARE(flows.tableCsv().count(QLatin1Char('\n')), flows.proxy()->rowCount() + 1);
        flows.setTextFilter(QString());

        // Filters: reachable from outside keeps only workloads an entry or external block reaches.
        const int before = int(g.nodes.size());
        const auto boxes = page.findChildren<QCheckBox*>();
        QCheckBox* exposed = nullptr;
        for (QCheckBox* b : boxes)
            if (b->text().contains(QLatin1String("outside")))
                exposed = b;
        QVERIFY(exposed);
        exposed->setChecked(true);
        QVERIFY(session.graph().nodes.size() < before);
        for (int i = 0; i < session.graph().nodes.size(); ++i) {
            const Graph& h = session.graph();
            if (h.nodes[i].type != GraphNode::Type::Workload)
                continue;
            bool reached = false;
            for (const GraphEdge& x : h.edges)
                reached |= x.dst == i && h.nodes[x.src].type != GraphNode::Type::Workload;
            QVERIFY2(reached, qPrintable(h.nodes[i].id));
        }
        exposed->setChecked(false);
        QCOMPARE(int(session.graph().nodes.size()), before);

        // Focus at depth 1: the workload and its neighbours only; the blast radius follows direction.
        page.focusOn(trackService, 1, false);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 30000);
        {
            const Graph& f = session.graph();
            const int c = f.indexOf(trackService);
            QVERIFY(c >= 0);
            QVERIFY(f.nodes.size() < before);
            for (int i = 0; i < f.nodes.size(); ++i) {
                bool adjacent = i == c;
                for (const GraphEdge& x : f.edges)
                    adjacent |= (x.src == c && x.dst == i) || (x.dst == c && x.src == i);
                QVERIFY2(adjacent, qPrintable(f.nodes[i].id));
            }
            QCOMPARE(session.selectedNode(), c);
        }
        page.focusOn(trackService, 1, true);
        QVERIFY(page.statusText().contains(QLatin1String("blast radius")));
        page.clearFocus();
        QCOMPARE(int(session.graph().nodes.size()), before);

        // Find centres and selects the match.
        QVERIFY(page.findNext(QStringLiteral("geo-serv")));
        QVERIFY(session.graph().nodes[session.selectedNode()].name.contains(QLatin1String("geo-service")));
        QVERIFY(!page.findNext(QStringLiteral("no-such-workload")));

        // Compare with the earlier snapshot: one graph with both, rules-engine -> geo-service is new,
        // "changed only" keeps just the marked flows.
        session.setCompare(true);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 30000);
        QCOMPARE(session.compareBase(), qint64(1));
        QVERIFY(!session.diff().added.isEmpty());
        QVERIFY(session.selectEdgeByIds(idOf("rules-engine"), idOf("geo-service")));
        QCOMPARE(session.graph().edges[session.selectedEdge()].change, QStringLiteral("added"));
        QVERIFY(page.detailsText().contains(QLatin1String("Added since snapshot 1")));
        QVERIFY(page.statusText().contains(QLatin1String("flows added")));
        int marked = 0;
        for (const GraphEdge& x : session.graph().edges)
            marked += !x.change.isEmpty();
        QCOMPARE(marked, int(session.diff().added.size() + session.diff().changed.size() +
                             session.diff().removed.size()));
        session.setChangedOnly(true);
        QCOMPARE(int(session.graph().edges.size()), marked);
        session.setChangedOnly(false);
        session.setCompare(false);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 30000);
        QCOMPARE(int(session.graph().nodes.size()), before);

        // Collapse everything: workloads are no longer hit, the namespace is.
        session.collapseAll(true);
        const auto* collapsed = page.view()->canvas();
        QVERIFY(collapsed);
        QCOMPARE(collapsed->collapsed().size(), int(session.graph().clusters.size()));
        const int again = session.graph().indexOf(trackService);
        QCOMPARE(collapsed->nodeAt(collapsed->nodeRect(again).center()), -1);
        QCOMPARE(collapsed->clusterAt(collapsed->nodeRect(again).center()), collapsed->clusterOf(again));
        session.collapseAll(false);

        // Export the view, with the title block and the marking banner.
        const QString svg = t.file(QStringLiteral("view.svg"));
        QString error;
        QVERIFY2(page.exportView(svg, &error), qPrintable(error));
        const QByteArray text = readFile(svg);
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Network-flow diagram"));
        QVERIFY(text.contains("UNCLASSIFIED"));
    }

    void exportDialogWritesASignedPdfAndCancelLeavesNothing()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            for (const char* snap : {"snapshot-1", "snapshot-2"})
                QVERIFY(SnapshotImporter(*ws, {}).run(
                    {sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(snap)}));
        }
        auto keys = KeyGenerator::generate(QStringLiteral("CN=GUI ISSO"));
        QVERIFY(keys.ok());
        QVERIFY(KeyGenerator::write(t.file(QStringLiteral("keys")), keys.value()).ok());
        ui::MainWindow w;
        QVERIFY(w.openWorkspace(t.path()));
        QCOMPARE(w.currentSnapshot(), qint64(2));
        auto* page = qobject_cast<ui::ReportsPage*>(w.page(QStringLiteral("reports")));
        QVERIFY(page);
        QVERIFY(page->exportButton()->isEnabled());
        QCOMPARE(page->table()->rowCount(), 0);
        // Ctrl+E's action opens the dialog on the Reports page.
        ui::ExportReportDialog* dlg = w.showExportReportDialog();
        QVERIFY(dlg);
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("reports"));
        dlg->setOpenWhenDone(false);
        dlg->setKind(QStringLiteral("changes"));
        dlg->setBaseSnapshot(1);
        dlg->setRecommendation(QStringLiteral("Approve with a POA&M."));
        dlg->setResidualRisk(QStringLiteral("Low"));
        dlg->setMarking(QStringLiteral("CUI//GUI-TEST"));
        dlg->setSectionIncluded(QStringLiteral("mesh"), false);
        dlg->setSigning(ui::ExportReportDialog::Signing::Pem, t.file(QStringLiteral("keys/signer.pem")),
                        t.file(QStringLiteral("keys/signer.key")));
        const QString out = t.file(QStringLiteral("gui-review.pdf"));
        dlg->setOutputPath(out);
        QCOMPARE(dlg->findChild<QComboBox*>(QStringLiteral("exportFormat"))->currentText().left(3),
                 QStringLiteral("PDF"));
        const ReviewReport::Options o = dlg->reportOptions();
        QCOMPARE(o.kind, QStringLiteral("changes"));
        QCOMPARE(o.baseId, qint64(1));
        QCOMPARE(o.omit, QStringList{QStringLiteral("mesh")});
        QSignalSpy done(dlg, &ui::ExportReportDialog::exported);
        QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("exportStart")), Qt::LeftButton);
        QVERIFY(dlg->isExporting());
        QVERIFY(!dlg->findChild<QPushButton*>(QStringLiteral("exportStart"))->isEnabled());
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().at(0).toString(), out);
        QVERIFY(m_messages.isEmpty());
        const QByteArray pdf = readFile(out);
        QVERIFY(pdf.startsWith("%PDF"));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {out, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(words.contains(QLatin1String("Change review")), qPrintable(words.left(500)));
        QVERIFY(words.contains(QLatin1String("CUI//GUI-TEST")));
        QVERIFY(words.contains(QLatin1String("Approve with a POA&M.")));
        const CmsSignature::Verification v =
            CmsSignature::verify(pdf, readFile(out + QStringLiteral(".p7s")), keys->caPem);
        QVERIFY2(v.valid, qPrintable(v.problem));
        QCOMPARE(v.subject, QStringLiteral("/CN=GUI ISSO"));
        // The page lists it, signed.
        QTRY_COMPARE(page->table()->rowCount(), 1);
        QCOMPARE(page->table()->item(0, 4)->text(), QStringLiteral("/CN=GUI ISSO"));
        QCOMPARE(page->table()->item(0, 3)->text(), QStringLiteral("gui-review.pdf"));

        // Cancel while exporting: the dialog closes and leaves no file, whole or partial.
        dlg = page->showExportDialog();
        QVERIFY(dlg);
        dlg->setOpenWhenDone(false);
        const QString cancelled = t.file(QStringLiteral("cancelled.pdf"));
        dlg->setOutputPath(cancelled);
        dlg->setSigning(ui::ExportReportDialog::Signing::Pem, t.file(QStringLiteral("keys/signer.pem")),
                        t.file(QStringLiteral("keys/signer.key")));
        QSignalSpy failed(dlg, &ui::ExportReportDialog::failed);
        QSignalSpy closed(dlg, &QDialog::finished);
        dlg->startExport();
        QVERIFY(dlg->isExporting());
        QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("exportCancel")), Qt::LeftButton);
        QVERIFY(failed.wait(120000));
        QVERIFY2(failed.first().at(0).toString().contains(QLatin1String("Cancelled")),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(closed.size(), 1);
        QVERIFY(!QFile::exists(cancelled));
        QVERIFY(!QFile::exists(cancelled + QStringLiteral(".p7s")));
        const QStringList left =
            QDir(t.dir()).entryList({QStringLiteral("cancelled*")}, QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(','))));
        QCOMPARE(page->table()->rowCount(), 1);

        // A PKCS#12 bundle asks for its password; a wrong one is refused before anything runs.
        const QString p12 = t.file(QStringLiteral("signer.p12"));
        QProcess exportP12;
        exportP12.start(QStringLiteral("openssl"),
                        {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                         t.file(QStringLiteral("keys/signer.key")), QStringLiteral("-in"),
                         t.file(QStringLiteral("keys/signer.pem")), QStringLiteral("-out"), p12,
                         QStringLiteral("-passout"), QStringLiteral("pass:s3cret")});
        QVERIFY(exportP12.waitForFinished(30000));
        QCOMPARE(exportP12.exitCode(), 0);
        dlg = page->showExportDialog();
        dlg->setOpenWhenDone(false);
        dlg->setFormat(ReportWriter::Format::Html);
        QVERIFY(dlg->outputPath().endsWith(QLatin1String(".html")));
        dlg->setSigning(ui::ExportReportDialog::Signing::Pkcs12, p12);
        QStringList asked;
        QByteArray answer = "wrong";
        dlg->setPasswordPrompt([&](const QString& bundle) -> std::optional<QByteArray> {
            asked << bundle;
            return answer;
        });
        dlg->startExport();
        QVERIFY(!dlg->isExporting());
        QCOMPARE(asked.size(), 1);
        QCOMPARE(m_messages.size(), 1);
        QVERIFY2(m_messages[0].text.contains(QLatin1String("wrong password")),
                 qPrintable(m_messages[0].text));
        answer = "s3cret";
        QSignalSpy htmlDone(dlg, &ui::ExportReportDialog::exported);
        dlg->startExport();
        QVERIFY(htmlDone.wait(120000));
        QVERIFY(htmlDone.first().at(0).toString().endsWith(QLatin1String(".html")));
        QVERIFY(QFile::exists(htmlDone.first().at(1).toString()));
        QVERIFY(CmsSignature::verify(readFile(htmlDone.first().at(0).toString()),
                                     readFile(htmlDone.first().at(1).toString()), keys->caPem)
                    .valid);
        QTRY_COMPARE(page->table()->rowCount(), 2);
    }

    void pagesSayWhatWillAppear()
    {
        ui::MainWindow w;
        QCOMPARE(w.pageIds(),
                 (QStringList{QStringLiteral("inventory"), QStringLiteral("findings"),
                              QStringLiteral("dashboard"), QStringLiteral("graph"), QStringLiteral("flows"),
                              QStringLiteral("changes"), QStringLiteral("reports")}));
        QVERIFY(w.setPage(QStringLiteral("dashboard")));
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("dashboard"));
        QVERIFY(w.setPage(QStringLiteral("findings")));
        QCOMPARE(w.currentPage()->pageId(), QStringLiteral("findings"));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("findingsEmpty"))
                    ->text()
                    .contains(QLatin1String("No workspace")));
        QVERIFY(!w.setPage(QStringLiteral("nonsense")));
        // A non-workspace file is refused with a message, nothing opened.
        TempWorkspace t;
        writeFile(t.file(QStringLiteral("x.tollgate")), "not a database");
        QVERIFY(!w.openWorkspace(t.file(QStringLiteral("x.tollgate"))));
        QCOMPARE(m_messages.size(), 1);
        QVERIFY(m_messages[0].text.contains(QLatin1String("not a Tollgate workspace")));
        QVERIFY(!w.workspace());
    }

    // File > Verify a signed report, without a workspace: a good signature is green and names the
    // signer and the CA trust; one changed byte, or a signer the CA did not issue, is red.
    void verifyDialogShowsTheResultInPlainWords()
    {
        ui::MainWindow w;
        QVERIFY(!w.workspace());
        auto* action = w.findChild<QAction*>(QStringLiteral("actionVerify"));
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        action->trigger();
        auto* dlg = w.findChild<ui::VerifyDialog*>(QStringLiteral("verifyDialog"));
        QVERIFY(dlg);
        QVERIFY(!dlg->findChild<QPushButton*>(QStringLiteral("verifyRun"))->isEnabled());

        auto keys = KeyGenerator::generate(QStringLiteral("CN=ISSO Test"));
        QVERIFY2(keys.ok(), qPrintable(keys.error().toString()));
        auto identity = SigningIdentity::fromPem(keys->signerPem, keys->signerKeyPem);
        QVERIFY2(identity.ok(), qPrintable(identity.error().toString()));
        const QByteArray report = "<html><body>Recommendation: approve.</body></html>\n";
        auto sig = CmsSignature::sign(report, identity.value());
        QVERIFY2(sig.ok(), qPrintable(sig.error().toString()));
        TempWorkspace t;
        const QString reportPath = t.file(QStringLiteral("review.html"));
        writeFile(reportPath, report);
        writeFile(reportPath + QStringLiteral(".p7s"), sig.value());
        writeFile(t.file(QStringLiteral("ca.pem")), keys->caPem);

        dlg->setReportPath(reportPath);
        dlg->setCaPath(t.file(QStringLiteral("ca.pem")));
        QVERIFY(dlg->findChild<QPushButton*>(QStringLiteral("verifyRun"))->isEnabled());
        QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("verifyRun")), Qt::LeftButton);
        QVERIFY2(dlg->resultText().startsWith(QLatin1String("VALID")), qPrintable(dlg->resultText()));
        QCOMPARE(dlg->resultColor(), ui::VerifyDialog::validColor());
        auto label = [dlg](const char* name) { return dlg->findChild<QLabel*>(QLatin1String(name))->text(); };
        QVERIFY2(label("verifySigner").contains(QLatin1String("CN=ISSO Test")),
                 qPrintable(label("verifySigner")));
        QVERIFY(label("verifyTime").contains(QLatin1String("UTC")));
        QCOMPARE(label("verifyDigest").size(), 64);
        QCOMPARE(label("verifyTrust"), QStringLiteral("trusted by the given CA"));
        QVERIFY(label("verifyRevocation").contains(QLatin1String("not checked")));
        QVERIFY(dlg->resultText().contains(QLatin1String("Revocation was not checked")));
        QVERIFY(dlg->findChild<QLabel*>(QStringLiteral("verifyResult"))
                    ->styleSheet()
                    .contains(QLatin1String("#2e7d32")));

        // No CA: still valid, and it says the chain was not checked.
        dlg->setCaPath(QString());
        QVERIFY(dlg->verify());
        QVERIFY(label("verifyTrust").contains(QLatin1String("chain not checked")));
        QVERIFY(dlg->resultText().contains(QLatin1String("NOT checked")));

        // One changed byte in the report: red, in plain words.
        QByteArray tampered = report;
        tampered[20] = 'X';
        writeFile(reportPath, tampered);
        dlg->setCaPath(t.file(QStringLiteral("ca.pem")));
        QVERIFY(!dlg->verify());
        QVERIFY2(dlg->resultText().startsWith(QLatin1String("NOT VALID")), qPrintable(dlg->resultText()));
        QVERIFY(dlg->resultText().contains(QLatin1String("changed after signing")));
        QVERIFY(label("verifyTrust").startsWith(QLatin1String("not checked")));
        QCOMPARE(dlg->resultColor(), ui::VerifyDialog::invalidColor());
        QVERIFY(dlg->findChild<QLabel*>(QStringLiteral("verifyResult"))
                    ->styleSheet()
                    .contains(QLatin1String("#c62828")));

        // Another CA: the signer is not trusted.
        writeFile(reportPath, report);
        auto other = KeyGenerator::generate(QStringLiteral("CN=Someone Else"));
        QVERIFY(other.ok());
        writeFile(t.file(QStringLiteral("other-ca.pem")), other->caPem);
        dlg->setCaPath(t.file(QStringLiteral("other-ca.pem")));
        QVERIFY(!dlg->verify());
        QVERIFY(label("verifyTrust").startsWith(QLatin1String("NOT trusted")));
        QCOMPARE(dlg->resultColor(), ui::VerifyDialog::invalidColor());

        // A missing signature file: red, naming the file.
        dlg->setCaPath(QString());
        dlg->setSignaturePath(t.file(QStringLiteral("missing.p7s")));
        QVERIFY(!dlg->verify());
        QVERIFY(dlg->resultText().contains(QLatin1String("missing.p7s")));
        QCOMPARE(dlg->resultColor(), ui::VerifyDialog::invalidColor());
        QVERIFY(m_messages.isEmpty());
    }

    void screenshotOfTheReportsPage()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(
                SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-1")}));
        }
        const QString png = t.file(QStringLiteral("reports.png"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TOLLGATE_GUI_BINARY),
                {t.path(), QStringLiteral("--page"), QStringLiteral("reports"),
                 QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QImage(png).width() >= 1200);
    }

    void screenshotOfTheRealBinary()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(
                SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-1")}));
        }
        const QString png = t.file(QStringLiteral("inv.png"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TOLLGATE_GUI_BINARY),
                {t.path(), QStringLiteral("--page"), QStringLiteral("inventory"),
                 QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QImage img(png);
        QVERIFY(img.width() >= 1200);
        QVERIFY(img.height() >= 700);
        // The Graph and Flows pages render the demo: the diagram is drawn, not a "laying out" notice.
        for (const QString& pageId : {QStringLiteral("graph"), QStringLiteral("flows")}) {
            const QString shot = t.file(pageId + QStringLiteral(".png"));
            p.start(QStringLiteral(TOLLGATE_GUI_BINARY),
                    {t.path(), QStringLiteral("--page"), pageId, QStringLiteral("--screenshot"), shot});
            QVERIFY(p.waitForFinished(90000));
            QCOMPARE(p.exitCode(), 0);
            const QImage page(shot);
            QVERIFY(page.width() >= 1200);
            QSet<QRgb> colours;
            for (int y = 0; y < page.height(); y += 3)
                for (int x = 0; x < page.width(); x += 3)
                    colours.insert(page.pixel(x, y));
            QVERIFY2(colours.size() > 60,
                     qPrintable(QStringLiteral("%1: %2 colours").arg(pageId).arg(colours.size())));
        }
        // Unknown page: usage error.
        p.start(QStringLiteral(TOLLGATE_GUI_BINARY),
                {t.path(), QStringLiteral("--page"), QStringLiteral("bogus"), QStringLiteral("--screenshot"),
                 png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        // No display and no --screenshot: says so and points to the CLI.
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TOLLGATE_GUI_BINARY), {t.path()});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("tollgate-cli"));
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
