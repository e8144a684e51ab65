#pragma once

#include "posture/PostureSummary.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/Page.h"

class QLabel;
class QTableView;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace tollgate {
class RowTableModel;
} // namespace tollgate

namespace tollgate::ui {

// The posture of the selected snapshot at a glance: open findings by CAT and by control family,
// the open CAT I/II/III trend across snapshots, compliance per control and the workloads with the
// most open findings. Every figure is a way into the Findings page, filtered to what it counts.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);
    QString pageId() const override { return QStringLiteral("dashboard"); }
    QString title() const override { return tr("Dashboard"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;
    void reload();

    const PostureSummary& summary() const { return m_summary; }
    QChartView* catView() const { return m_catView; }
    QChartView* familyView() const { return m_familyView; }
    QChartView* trendView() const { return m_trendView; }
    QTableView* controlTable() const { return m_controls; }
    QTableView* workloadTable() const { return m_workloads; }

    // What a click on a figure does, callable without a mouse.
    void showCat(int cat);
    void showFamily(const QString& family, int cat);
    void showControl(const QString& controlId, const QString& status);
    void showWorkload(const QString& workload);

Q_SIGNALS:
    void findingsRequested(const tollgate::ui::FindingsPage::Focus& focus);
    void snapshotRequested(qint64 snapshotId);

private:
    void fillCats();
    void fillFamilies();
    void fillTrend();
    void fillTables();
    QChart* newChart(const QString& heading);

    Workspace* m_ws = nullptr;
    qint64 m_snapshotId = 0;
    PostureSummary m_summary;
    QLabel* m_headline;
    QLabel* m_empty;
    QWidget* m_body;
    QChartView* m_catView;
    QChartView* m_familyView;
    QChartView* m_trendView;
    QTableView* m_controls;
    QTableView* m_workloads;
    RowTableModel* m_controlModel;
    RowTableModel* m_workloadModel;
};

} // namespace tollgate::ui
