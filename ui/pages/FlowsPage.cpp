#include "ui/pages/FlowsPage.h"

#include "graph/FlowMatrix.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/widgets/Icons.h"
#include "ui/widgets/ShadeDelegate.h"
#include "viewmodels/FlowMatrixModel.h"
#include "viewmodels/FlowTableModel.h"
#include "viewmodels/GraphSession.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tollgate::ui {

FlowsPage::FlowsPage(GraphSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_model(new FlowTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_matrixModel(new FlowMatrixModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    auto* bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter flows: workload, port, mTLS state, policy..."));
    m_filter->setClearButtonEnabled(true);
    auto* graph = new QPushButton(Icons::get("graph"), tr("Show on &graph"), this);
    graph->setToolTip(tr("Open the Graph page with the selected flow"));
    auto* exportButton = new QPushButton(Icons::get("export"), tr("Export &CSV..."), this);
    bar->addWidget(m_filter, 1);
    bar->addWidget(graph);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_tabs = new QTabWidget(this);
    m_table = new QTableView(m_tabs);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FlowTableModel::Source, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(FlowTableModel::Why, QHeaderView::Stretch);
    m_table->setColumnWidth(FlowTableModel::Source, 260);
    m_table->setColumnWidth(FlowTableModel::Destination, 260);
    m_table->setColumnWidth(FlowTableModel::Ports, 140);
    m_table->setColumnWidth(FlowTableModel::Mtls, 170);
    m_table->setAccessibleName(tr("Flows"));
    m_matrix = new QTableView(m_tabs);
    m_matrix->setModel(m_matrixModel);
    m_matrix->setItemDelegate(new ShadeDelegate(m_matrix));
    m_matrix->horizontalHeader()->setDefaultSectionSize(70);
    m_matrix->setAccessibleName(tr("Namespace matrix"));
    m_tabs->addTab(m_table, tr("Flow &table"));
    m_tabs->addTab(m_matrix, tr("Namespace &matrix"));
    layout->addWidget(m_tabs, 1);
    m_status = new QLabel(this);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, this, &FlowsPage::setTextFilter);
    connect(exportButton, &QPushButton::clicked, this, &FlowsPage::exportDialog);
    connect(graph, &QPushButton::clicked, this, &FlowsPage::showOnGraph);
    connect(m_table, &QTableView::doubleClicked, this, &FlowsPage::showOnGraph);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncing || !current.isValid())
                    return;
                m_syncing = true;
                m_session->selectEdge(m_proxy->mapToSource(current).row());
                m_syncing = false;
            });
    connect(m_session, &GraphSession::graphChanged, this, &FlowsPage::reload);
    connect(m_session, &GraphSession::selectionChanged, this, &FlowsPage::syncFromSession);
    reload();
}

QIcon FlowsPage::icon() const
{
    return Icons::get("flows");
}

void FlowsPage::setContext(Workspace* ws, qint64 snapshotId)
{
    // The Graph page loads the session; this page only needs it loaded when it is shown first.
    m_ws = ws;
    m_snapshot = snapshotId;
    m_pending = true;
    if (isVisible())
        showEvent(nullptr);
}

void FlowsPage::showEvent(QShowEvent* event)
{
    if (event)
        Page::showEvent(event);
    if (m_pending)
        m_session->setContext(m_ws, m_snapshot);
    m_pending = false;
}

void FlowsPage::reload()
{
    m_model->setGraph(&m_session->graph());
    const FlowMatrix matrix = FlowMatrix::fromGraph(m_session->graph());
    m_matrixModel->setMatrix(matrix);
    m_status->setText(
        tr("%1 flows shown of %2 in the graph, %3 stored: the Graph page's filters apply (system "
           "namespaces are hidden until shown there); %4 rows in the matrix")
            .arg(m_proxy->rowCount())
            .arg(m_model->rowCount())
            .arg(m_session->graph().storedEdges)
            .arg(matrix.labels().size()));
    syncFromSession();
}

void FlowsPage::setTextFilter(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
    m_status->setText(tr("%1 flows shown of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void FlowsPage::syncFromSession()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const int edge = m_session->selectedEdge();
    const QModelIndex src = edge >= 0 ? m_model->index(edge, 0) : QModelIndex();
    const QModelIndex at = m_proxy->mapFromSource(src);
    if (at.isValid()) {
        m_table->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
        m_table->scrollTo(at);
    } else {
        m_table->selectionModel()->clearSelection();
    }
    m_syncing = false;
}

QString FlowsPage::tableCsv() const
{
    QList<int> rows;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows << m_proxy->mapToSource(m_proxy->index(r, 0)).row();
    return m_model->csv(rows);
}

QString FlowsPage::matrixCsv() const
{
    return m_matrixModel->matrix().csv();
}

bool FlowsPage::exportCsv(const QString& path, bool matrix, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write((matrix ? matrixCsv() : tableCsv()).toUtf8()) < 0 || !f.flush()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

void FlowsPage::exportDialog()
{
    const bool matrix = m_tabs->currentWidget() == m_matrix;
    const QString path = QFileDialog::getSaveFileName(
        this, matrix ? tr("Export the namespace matrix") : tr("Export the flows shown"),
        matrix ? QStringLiteral("flow-matrix.csv") : QStringLiteral("flows.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, matrix, &error))
        Dialogs::error(this, tr("Export failed"), error);
    else
        m_status->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace tollgate::ui
