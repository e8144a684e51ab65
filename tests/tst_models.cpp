// Every item model of the core (models/viewmodels), GUI-less: each wrapped in
// QAbstractItemModelTester (which fails the test on any broken model invariant, during resets and
// filter changes too) and its contents, every role the views read, compared with a golden dump
// (tests/data/models/; TOLLGATE_UPDATE_GOLDEN=1 rewrites them).
#include "TestSupport.h"
#include "graph/FlowMatrix.h"
#include "graph/GraphBuilder.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "store/FindingStore.h"
#include "store/FlowStore.h"
#include "store/SnapshotStore.h"
#include "viewmodels/FindingFilterModel.h"
#include "viewmodels/FlowMatrixModel.h"
#include "viewmodels/FlowTableModel.h"
#include "viewmodels/Roles.h"
#include "viewmodels/RowTableModel.h"
#include "viewmodels/SnapshotListModel.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QJsonDocument>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QString show(const QVariant& v)
{
    if (!v.isValid())
        return QStringLiteral("-");
    if (v.typeId() == QMetaType::QJsonObject)
        return QString::fromUtf8(QJsonDocument(v.toJsonObject()).toJson(QJsonDocument::Compact));
    return v.toString().replace(QLatin1Char('\n'), QLatin1String("\\n"));
}

// The header, then every cell: the display text and each given role, one line per cell.
QString dump(const QAbstractItemModel& m, const QList<QPair<int, QString>>& roles)
{
    QStringList out;
    out << QStringLiteral("rows=%1 columns=%2").arg(m.rowCount()).arg(m.columnCount());
    QStringList header;
    for (int c = 0; c < m.columnCount(); ++c)
        header << show(m.headerData(c, Qt::Horizontal));
    out << QStringLiteral("header: ") + header.join(QLatin1String(" | "));
    for (int r = 0; r < m.rowCount(); ++r)
        for (int c = 0; c < m.columnCount(); ++c) {
            const QModelIndex i = m.index(r, c);
            QString line = QStringLiteral("[%1,%2] %3").arg(r).arg(c).arg(show(i.data()));
            for (const auto& [role, name] : roles)
                line += QStringLiteral(" %1=%2").arg(name, show(i.data(role)));
            out << line;
        }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

// Absolute paths of this checkout stand as <source> in goldens.
QString portable(QString s)
{
    return s.replace(sourceDir(), QStringLiteral("<source>"));
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

    TempWorkspace m_tmp;
    std::unique_ptr<Workspace> m_ws;

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_tmp.create();
        for (const char* s : {"snapshot-1", "snapshot-2"})
            QVERIFY(SnapshotImporter(*m_ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)})
                        .ok());
        QStringList scans;
        QDirIterator it(sourceDir() + QStringLiteral("/resources/demo/scans"), {QStringLiteral("*.json")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            scans << it.next();
        scans.sort();
        QVERIFY(scans.size() > 3);
        ScanImporter importer(*m_ws);
        for (const auto& r : importer.importFiles(scans))
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    }

    void snapshotListModel()
    {
        SnapshotListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto all = SnapshotStore(*m_ws).list();
        QVERIFY(all);
        model.setSnapshots(all.value());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(2), 1);
        QCOMPARE(model.rowOf(99), -1);
        // Imported "now" differs per run: the tooltip's time is left out of the golden by the role list.
        const QString actual = dump(model, {{SnapshotListModel::SnapshotIdRole, QStringLiteral("id")}});
        QCOMPARE(actual, golden(QStringLiteral("models/snapshots.txt"), actual));
        model.setSnapshots({});
        QCOMPARE(model.rowCount(), 0);
    }

    void rowTableModelOverAListing()
    {
        RowTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto rows = SnapshotStore(*m_ws).listing(2, SnapshotStore::Listing::Workloads);
        QVERIFY(rows);
        QVERIFY(!rows->isEmpty());
        model.setColumns({{QStringLiteral("namespace"), QStringLiteral("Namespace")},
                          {QStringLiteral("kind"), QStringLiteral("Kind")},
                          {QStringLiteral("name"), QStringLiteral("Name")},
                          {QStringLiteral("replicas"), QStringLiteral("Replicas")},
                          {QStringLiteral("images"), QStringLiteral("Images")}});
        model.setRows(rows.value());
        QCOMPARE(model.rowCount(), int(rows->size()));
        QCOMPARE(model.row(0), rows->first());
        const QString actual = portable(dump(model, {{SortRole, QStringLiteral("sort")}}));
        QCOMPARE(actual, golden(QStringLiteral("models/workloads.txt"), actual));
    }

    void findingFilterModelNarrowsWithoutTheStore()
    {
        RowTableModel rows;
        auto findings = FindingStore(*m_ws).findings({});
        QVERIFY(findings);
        QVERIFY(findings->size() > 10);
        rows.setColumns({{QStringLiteral("severity"), QStringLiteral("CAT")},
                         {QStringLiteral("review_status"), QStringLiteral("Status")},
                         {QStringLiteral("source"), QStringLiteral("Source")},
                         {QStringLiteral("rule"), QStringLiteral("Rule")},
                         {QStringLiteral("subject"), QStringLiteral("Subject")}});
        rows.setRows(findings.value());
        FindingFilterModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&rows);
        QCOMPARE(proxy.rowCount(), rows.rowCount());

        QStringList out;
        auto state = [&](const QString& what) {
            QStringList rules;
            for (int r = 0; r < proxy.rowCount(); ++r)
                rules << proxy.index(r, 3).data().toString();
            out << QStringLiteral("%1: %2 rows: %3")
                       .arg(what)
                       .arg(proxy.rowCount())
                       .arg(rules.join(QLatin1Char(' ')));
        };
        proxy.setCat(1);
        state(QStringLiteral("CAT I"));
        for (int r = 0; r < proxy.rowCount(); ++r)
            QCOMPARE(proxy.index(r, 0).data(SeverityRole).toInt(), 1);
        proxy.setCat(0);
        proxy.setSource(QStringLiteral("grype"));
        state(QStringLiteral("grype"));
        for (int r = 0; r < proxy.rowCount(); ++r)
            QCOMPARE(proxy.index(r, 2).data().toString(), QStringLiteral("grype"));
        proxy.setSource({});
        proxy.setStatus(QStringLiteral("closed"));
        state(QStringLiteral("closed"));
        proxy.setStatus({});
        proxy.setText(QStringLiteral("openssl"));
        state(QStringLiteral("text openssl"));
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), rows.rowCount());
        const QString actual = out.join(QLatin1Char('\n')) + QLatin1Char('\n');
        QCOMPARE(actual, golden(QStringLiteral("models/finding-filters.txt"), actual));
    }

    void flowTableAndMatrixModels()
    {
        auto flows = FlowStore(*m_ws).flows(2);
        QVERIFY(flows);
        const Graph graph = GraphBuilder::build(flows.value());
        FlowTableModel table;
        QAbstractItemModelTester tableTester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setGraph(&graph);
        QVERIFY(table.rowCount() > 10);
        QCOMPARE(table.columnCount(), int(FlowTableModel::ColumnCount));
        const QString tableDump = portable(dump(table, {{FlowTableModel::EdgeRole, QStringLiteral("edge")}}));
        QCOMPARE(tableDump, golden(QStringLiteral("models/flow-table.txt"), tableDump));
        // The CSV is what the table shows.
        QCOMPARE(table.csvAll().count(QLatin1Char('\n')), table.rowCount() + 1);

        FlowMatrixModel matrix;
        QAbstractItemModelTester matrixTester(&matrix,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        matrix.setMatrix(FlowMatrix::fromGraph(graph));
        QCOMPARE(matrix.rowCount(), matrix.columnCount());
        int busiest = 0;
        for (int r = 0; r < matrix.rowCount(); ++r)
            for (int c = 0; c < matrix.columnCount(); ++c)
                busiest = qMax(busiest, matrix.index(r, c).data(FlowMatrixModel::ShadeRole).toInt());
        QCOMPARE(busiest, 200); // the busiest cell is the darkest
        const QString matrixDump = dump(matrix, {{FlowMatrixModel::ShadeRole, QStringLiteral("shade")},
                                                 {Qt::ToolTipRole, QStringLiteral("tip")}});
        QCOMPARE(matrixDump, golden(QStringLiteral("models/flow-matrix.txt"), matrixDump));
        table.setGraph(nullptr);
        QCOMPARE(table.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
