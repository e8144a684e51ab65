#include "ui/pages/DashboardPage.h"

#include "findings/Severity.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/widgets/Icons.h"
#include "ui/widgets/SeverityDelegate.h"
#include "viewmodels/Roles.h"
#include "viewmodels/RowTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedBarSeries>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace tollgate::ui {

namespace {

// The compliance table's count columns and the status a click on each asks for.
const char* const kStatusColumns[] = {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"};
constexpr int kFirstStatusColumn = 3;

QBarSet* catSet(int cat)
{
    auto* set = new QBarSet(Severity::label(cat));
    set->setColor(SeverityDelegate::colorFor(cat));
    set->setBorderColor(SeverityDelegate::colorFor(cat).darker(115));
    set->setLabelColor(cat == 3 ? QColor(Qt::black) : QColor(Qt::white));
    return set;
}

// A count axis with whole numbers only.
QValueAxis* countAxis(int max)
{
    auto* axis = new QValueAxis;
    const int top = qMax(4, max);
    axis->setRange(0, top);
    axis->applyNiceNumbers();
    const int range = static_cast<int>(axis->max());
    // At most ~6 ticks, each a whole number.
    int step = 1;
    while (range / step > 6)
        step = step < 5 ? step + 1 : step * 2;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%d"));
    return axis;
}

QTableView* newTable(QWidget* parent, const char* name)
{
    auto* table = new QTableView(parent);
    table->setObjectName(QLatin1String(name));
    table->setItemDelegate(new SeverityDelegate(table));
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setCursor(Qt::PointingHandCursor);
    return table;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    return label;
}

} // namespace

DashboardPage::DashboardPage(QWidget* parent) : Page(parent)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("dashboardHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    layout->addWidget(m_headline);

    auto* holder = new QWidget(this);
    auto* stack = new QStackedLayout(holder);
    m_body = new QWidget(holder);
    m_empty = new QLabel(holder);
    m_empty->setObjectName(QStringLiteral("dashboardEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    stack->addWidget(m_body);
    stack->addWidget(m_empty);
    layout->addWidget(holder, 1);

    auto* grid = new QGridLayout(m_body);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    auto makeView = [this](const char* name) {
        auto* view = new QChartView(m_body);
        view->setObjectName(QLatin1String(name));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(260);
        view->setCursor(Qt::PointingHandCursor);
        return view;
    };
    m_catView = makeView("dashboardCats");
    m_catView->setToolTip(tr("Open findings by CAT; click a bar for those findings"));
    m_familyView = makeView("dashboardFamilies");
    m_familyView->setToolTip(tr("Open findings by NIST control family (Tollgate's controls) or by category "
                                "(imported findings); click a bar for those findings"));
    m_trendView = makeView("dashboardTrend");
    m_trendView->setToolTip(tr("Open findings of every snapshot with findings; click a bar to select "
                               "that snapshot"));
    grid->addWidget(m_catView, 0, 0);
    grid->addWidget(m_familyView, 0, 1);
    grid->addWidget(m_trendView, 0, 2);

    m_controlModel = new RowTableModel(this);
    m_controlModel->setColumns({{QStringLiteral("control"), tr("Control")},
                                {QStringLiteral("severity"), tr("CAT")},
                                {QStringLiteral("family"), tr("Family")},
                                {QStringLiteral("Open"), tr("Open")},
                                {QStringLiteral("NotAFinding"), tr("Pass")},
                                {QStringLiteral("Not_Applicable"), tr("N/A")},
                                {QStringLiteral("Not_Reviewed"), tr("NR")},
                                {QStringLiteral("title"), tr("Title")}});
    auto* controlProxy = new QSortFilterProxyModel(this);
    controlProxy->setSourceModel(m_controlModel);
    controlProxy->setSortRole(SortRole);
    m_controls = newTable(m_body, "dashboardControls");
    m_controls->setModel(controlProxy);
    m_controls->setToolTip(tr("Compliance per control: click a count for those results, any other cell "
                              "for every result of the control"));

    m_workloadModel = new RowTableModel(this);
    m_workloadModel->setColumns({{QStringLiteral("severity"), tr("Worst")},
                                 {QStringLiteral("cat1"), tr("I")},
                                 {QStringLiteral("cat2"), tr("II")},
                                 {QStringLiteral("cat3"), tr("III")},
                                 {QStringLiteral("workload"), tr("Workload")}});
    m_workloads = newTable(m_body, "dashboardWorkloads");
    m_workloads->setModel(m_workloadModel);
    m_workloads->setSortingEnabled(false);
    m_workloads->setTextElideMode(Qt::ElideMiddle);
    m_workloads->setToolTip(tr("The workloads with the most open findings, CAT I first; click one for "
                               "its open findings"));

    auto* controlBox = new QVBoxLayout;
    controlBox->addWidget(heading(tr("Compliance per control"), m_body));
    controlBox->addWidget(m_controls, 1);
    auto* workloadBox = new QVBoxLayout;
    workloadBox->addWidget(heading(tr("Top workloads by open findings"), m_body));
    workloadBox->addWidget(m_workloads, 1);
    grid->addLayout(controlBox, 1, 0, 1, 2);
    grid->addLayout(workloadBox, 1, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 4);
    grid->setColumnStretch(2, 4);
    grid->setRowStretch(0, 5);
    grid->setRowStretch(1, 4);

    connect(m_controls, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const QJsonObject row = index.data(RowRole).toJsonObject();
        const int statusIndex = index.column() - kFirstStatusColumn;
        const QString status = statusIndex >= 0 && statusIndex < 4
                                   ? QString(QLatin1String(kStatusColumns[statusIndex]))
                                   : QString();
        showControl(row.value(QLatin1String("control")).toString(), status);
    });
    connect(m_workloads, &QTableView::clicked, this, [this](const QModelIndex& index) {
        showWorkload(index.data(RowRole).toJsonObject().value(QLatin1String("workload")).toString());
    });
    reload();
}

QIcon DashboardPage::icon() const
{
    return Icons::get("dashboard");
}

void DashboardPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshotId = snapshotId;
    reload();
}

void DashboardPage::reload()
{
    m_summary = PostureSummary();
    QString emptyText;
    QString snapshotName;
    if (!m_ws) {
        emptyText = tr("No workspace is open.\n\nCreate one (Ctrl+N) or open one (Ctrl+O).");
    } else if (m_snapshotId == 0) {
        emptyText = tr("No snapshot yet.\n\nImport a snapshot (Ctrl+I), then check the controls on it "
                       "(tollgate-cli check WS) and import scan results.");
    } else if (auto s = PostureSummary::compute(*m_ws, m_snapshotId); !s) {
        emptyText = s.error().toString();
    } else {
        m_summary = std::move(s).value();
        if (auto info = SnapshotStore(*m_ws).get(m_snapshotId); info && !info->label.isEmpty())
            snapshotName = info->label;
        if (m_summary.findingCount() == 0)
            emptyText =
                tr("No findings for this snapshot yet.\n\nCheck the controls on it (tollgate-cli check WS "
                   "--snapshot %1) and import scan results (Ctrl+I): the dashboard fills from them.")
                    .arg(m_snapshotId);
    }
    m_empty->setText(emptyText);
    static_cast<QStackedLayout*>(m_body->parentWidget()->layout())
        ->setCurrentIndex(emptyText.isEmpty() ? 0 : 1);
    if (emptyText.isEmpty()) {
        const PostureSummary::CatCounts& open = m_summary.openByCat();
        int failing = 0;
        for (const PostureSummary::ControlResult& c : m_summary.controls())
            failing += c.open > 0 ? 1 : 0;
        auto badge = [](int cat, int n) -> QString {
            return QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3: %4&nbsp;</span>")
                .arg(SeverityDelegate::colorFor(cat).name(),
                     cat == 3 ? QStringLiteral("black") : QStringLiteral("white"), Severity::label(cat))
                .arg(n);
        };
        m_headline->setText(
            tr("<b>Snapshot %1</b>%2 &nbsp; <b>%3</b> open findings %4 %5 %6 &nbsp; | &nbsp; %7 of %8 "
               "controls failing &nbsp; | &nbsp; %9 results")
                .arg(m_snapshotId)
                .arg(snapshotName.isEmpty()
                         ? QString()
                         : QString(QStringLiteral(" (") + snapshotName.toHtmlEscaped() + QLatin1Char(')')))
                .arg(m_summary.openTotal())
                .arg(badge(1, open[0]), badge(2, open[1]), badge(3, open[2]))
                .arg(failing)
                .arg(m_summary.controls().size())
                .arg(m_summary.findingCount()));
    } else {
        m_headline->clear();
    }
    fillCats();
    fillFamilies();
    fillTrend();
    fillTables();
}

QChart* DashboardPage::newChart(const QString& text)
{
    auto* chart = new QChart;
    chart->setTitle(text);
    QFont titleFont = font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(font());
    return chart;
}

void DashboardPage::fillCats()
{
    QChart* chart = newChart(tr("Open findings by CAT"));
    // One set per CAT side by side: bars coloured by CAT, each with its count on top.
    auto* series = new QBarSeries;
    const PostureSummary::CatCounts& open = m_summary.openByCat();
    for (int cat = 1; cat <= 3; ++cat) {
        QBarSet* set = catSet(cat);
        *set << open[cat - 1];
        set->setLabelColor(palette().color(QPalette::WindowText));
        set->setLabelFont(font());
        series->append(set);
        connect(set, &QBarSet::clicked, this, [this, cat] { showCat(cat); });
    }
    series->setBarWidth(0.75);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->append(m_snapshotId ? tr("Snapshot %1").arg(m_snapshotId) : QString());
    axisX->setLabelsFont(font());
    axisX->setGridLineVisible(false);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    // Head room for the count above the tallest bar.
    const int max = qMax(open[0], qMax(open[1], open[2]));
    auto* axisY = countAxis(max + max / 8 + 1);
    axisY->setLabelsFont(font());
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    QChart* old = m_catView->chart();
    m_catView->setChart(chart);
    if (old)
        old->deleteLater();
}

void DashboardPage::fillFamilies()
{
    QChart* chart = newChart(tr("Open findings by control family"));
    auto* series = new QHorizontalStackedBarSeries;
    // Largest at the top: a horizontal bar axis runs bottom-up.
    QList<PostureSummary::Family> families = m_summary.families();
    std::reverse(families.begin(), families.end());
    QStringList categories;
    int max = 0;
    for (const PostureSummary::Family& f : std::as_const(families)) {
        categories << QStringLiteral("%1 (%2)").arg(f.name).arg(f.total());
        max = qMax(max, f.total());
    }
    for (int cat = 1; cat <= 3; ++cat) {
        QBarSet* set = catSet(cat);
        for (const PostureSummary::Family& f : std::as_const(families))
            *set << f.open[cat - 1];
        series->append(set);
        connect(set, &QBarSet::clicked, this, [this, families, cat](int index) {
            if (index >= 0 && index < families.size())
                showFamily(families[index].name, cat);
        });
    }
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto* axisY = new QBarCategoryAxis;
    axisY->append(categories);
    axisY->setLabelsFont(font());
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto* axisX = countAxis(max);
    axisX->setLabelsFont(font());
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    QChart* old = m_familyView->chart();
    m_familyView->setChart(chart);
    if (old)
        old->deleteLater();
}

void DashboardPage::fillTrend()
{
    QChart* chart = newChart(tr("Open findings across snapshots"));
    auto* series = new QStackedBarSeries;
    const QList<PostureSummary::TrendPoint> trend = m_summary.trend();
    QStringList categories;
    int max = 0;
    for (const PostureSummary::TrendPoint& p : trend) {
        categories << QStringLiteral("%1: %2").arg(p.label).arg(p.total());
        max = qMax(max, p.total());
    }
    for (int cat = 1; cat <= 3; ++cat) {
        QBarSet* set = catSet(cat);
        for (const PostureSummary::TrendPoint& p : trend)
            *set << p.open[cat - 1];
        series->append(set);
        connect(set, &QBarSet::clicked, this, [this, trend](int index) {
            // Queued: selecting a snapshot reloads this page, which replaces the chart sending this.
            if (index >= 0 && index < trend.size())
                QTimer::singleShot(0, this,
                                   [this, id = trend[index].snapshotId] { Q_EMIT snapshotRequested(id); });
        });
    }
    series->setBarWidth(0.6);
    chart->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsFont(font());
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto* axisY = countAxis(max);
    axisY->setLabelsFont(font());
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    QChart* old = m_trendView->chart();
    m_trendView->setChart(chart);
    if (old)
        old->deleteLater();
}

void DashboardPage::fillTables()
{
    m_controlModel->setRows(m_summary.controlRows());
    m_controls->sortByColumn(-1, Qt::AscendingOrder);
    m_controls->resizeColumnsToContents();
    m_workloadModel->setRows(m_summary.workloadRows());
    m_workloads->resizeColumnsToContents();
}

void DashboardPage::showCat(int cat)
{
    FindingsPage::Focus focus;
    focus.cat = cat;
    focus.status = QStringLiteral("Open");
    Q_EMIT findingsRequested(focus);
}

void DashboardPage::showFamily(const QString& family, int cat)
{
    FindingsPage::Focus focus;
    focus.family = family;
    focus.cat = cat;
    focus.status = QStringLiteral("Open");
    Q_EMIT findingsRequested(focus);
}

void DashboardPage::showControl(const QString& controlId, const QString& status)
{
    FindingsPage::Focus focus;
    focus.source = QStringLiteral("tollgate");
    focus.identifier = controlId;
    focus.status = status;
    Q_EMIT findingsRequested(focus);
}

void DashboardPage::showWorkload(const QString& workload)
{
    FindingsPage::Focus focus;
    focus.workload = workload;
    focus.status = QStringLiteral("Open");
    Q_EMIT findingsRequested(focus);
}

} // namespace tollgate::ui
