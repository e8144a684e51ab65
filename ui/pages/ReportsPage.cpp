#include "ui/pages/ReportsPage.h"

#include "store/ReportStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/dialogs/ExportReportDialog.h"
#include "ui/widgets/Icons.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace tollgate::ui {

ReportsPage::ReportsPage(QWidget* parent) : Page(parent)
{
    setObjectName(QStringLiteral("reportsPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("reportsHeading"));
    m_heading->setWordWrap(true);
    top->addWidget(m_heading, 1);
    m_export = new QPushButton(Icons::get("reports"), tr("&Export report..."), this);
    m_export->setObjectName(QStringLiteral("reportsExport"));
    m_export->setToolTip(tr("A signed snapshot or change review as PDF, HTML or JSON (Ctrl+E)"));
    top->addWidget(m_export);
    auto* verify = new QPushButton(tr("&Verify..."), this);
    verify->setObjectName(QStringLiteral("reportsVerify"));
    verify->setToolTip(tr("Check the selected report's signature (or pick any report)"));
    top->addWidget(verify);
    layout->addLayout(top);
    auto* explain = new QLabel(
        tr("Reports open with the ISSO's recommendation and residual risk, then the system's identity, the "
           "ports and protocols that cross the boundary, the flow diagram, the findings by control, the "
           "changes and their decisions, and the limitations. A signed report has a detached CMS signature "
           "beside it (REPORT.p7s): anyone checks it offline with <tt>tollgate-cli verify REPORT --ca "
           "CA.pem</tt>."),
        this);
    explain->setWordWrap(true);
    explain->setStyleSheet(QStringLiteral("color: #555;"));
    layout->addWidget(explain);
    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("reportsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Written"), tr("Kind"), tr("Snapshot"), tr("File"), tr("Signed by"), tr("SHA-256")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("reportsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: #777; padding: 20px;"));
    layout->addWidget(m_empty);
    connect(m_export, &QPushButton::clicked, this, [this] { showExportDialog(); });
    connect(verify, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        Q_EMIT verifyRequested(row >= 0 ? m_table->item(row, 3)->data(Qt::UserRole).toString() : QString());
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QString path = m_table->item(row, 3)->data(Qt::UserRole).toString();
        if (QFileInfo::exists(path))
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        else
            Dialogs::warning(this, tr("Report not found"), tr("%1 is no longer there.").arg(path));
    });
    reload();
}

QIcon ReportsPage::icon() const
{
    return Icons::get("reports");
}

void ReportsPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshotId = snapshotId;
    reload();
}

void ReportsPage::reload()
{
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    m_export->setEnabled(m_ws && m_snapshotId && !m_ws->isReadOnly());
    if (!m_ws) {
        m_heading->setText(tr("<h2>Reports</h2>No workspace is open."));
        m_empty->setText(tr("No workspace: open one (Ctrl+O) to export its review report."));
        m_empty->show();
        return;
    }
    m_heading->setText(m_snapshotId
                           ? tr("<h2>Reports</h2>Export the review of snapshot %1.").arg(m_snapshotId)
                           : tr("<h2>Reports</h2>Import a snapshot first."));
    auto list = ReportStore(*m_ws).list();
    if (!list) {
        m_empty->setText(list.error().toString());
        m_empty->show();
        return;
    }
    for (const ReportStore::Record& r : list.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* file = new QTableWidgetItem(QFileInfo(r.path).fileName());
        file->setData(Qt::UserRole, r.path);
        file->setToolTip(r.path);
        m_table->setItem(row, 0, new QTableWidgetItem(r.createdAt));
        m_table->setItem(row, 1,
                         new QTableWidgetItem(r.kind == QLatin1String("changes") ? tr("change review")
                                                                                 : tr("snapshot review")));
        m_table->setItem(row, 2, new QTableWidgetItem(QString::number(r.snapshotId)));
        m_table->setItem(row, 3, file);
        auto* signer = new QTableWidgetItem(r.signer.isEmpty() ? tr("(not signed)") : r.signer);
        if (r.signer.isEmpty())
            signer->setForeground(QColor(0x9e, 0x9e, 0x9e));
        m_table->setItem(row, 4, signer);
        m_table->setItem(row, 5, new QTableWidgetItem(r.sha256));
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::DescendingOrder); // newest first
    m_empty->setVisible(list->isEmpty());
    m_empty->setText(tr("No report written from this workspace yet: Export report... (Ctrl+E)."));
}

ExportReportDialog* ReportsPage::showExportDialog()
{
    if (!m_ws || !m_snapshotId) {
        Dialogs::error(this, tr("Nothing to report"),
                       tr("Open a workspace (Ctrl+O) and import a snapshot (Ctrl+I) first."));
        return nullptr;
    }
    if (m_ws->isReadOnly()) {
        Dialogs::error(this, tr("Read-only workspace"),
                       tr("Reports are recorded in the workspace's audit log; copy it to writable storage."));
        return nullptr;
    }
    auto snapshots = SnapshotStore(*m_ws).list();
    auto* dlg = new ExportReportDialog(m_ws->path(), m_ws->identity(), m_snapshotId,
                                       snapshots ? snapshots.value() : QList<SnapshotInfo>(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &ExportReportDialog::exported, this, [this](const QString& path) {
        reload();
        Q_EMIT reportExported(path);
    });
    dlg->open();
    return dlg;
}

} // namespace tollgate::ui
