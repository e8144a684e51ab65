#include "ui/MainWindow.h"

#include "base/Clock.h"
#include "base/Identity.h"
#include "findings/ScanFormat.h"
#include "io/SourceReader.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/dialogs/ImportDialog.h"
#include "ui/dialogs/VerifyDialog.h"
#include "ui/pages/ChangesPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/FlowsPage.h"
#include "ui/pages/GraphPage.h"
#include "ui/pages/InventoryPage.h"
#include "ui/pages/ReportsPage.h"
#include "ui/widgets/Icons.h"
#include "viewmodels/GraphSession.h"
#include "viewmodels/SnapshotListModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {
constexpr int kMaxRecent = 8;

bool isWorkspaceFile(const QString& path)
{
    return path.endsWith(QLatin1String(".tollgate"), Qt::CaseInsensitive) ||
           Workspace::checkHeader(path).ok();
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::app());
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    // The left column: the pages, then the workspace's snapshots.
    auto* left = new QWidget(central);
    left->setObjectName(QStringLiteral("leftPanel"));
    left->setFixedWidth(210);
    left->setStyleSheet(QStringLiteral(
        "QWidget#leftPanel { background: #1f3a5f; }"
        "QListWidget#sideBar, QListView#snapshotList { background: #1f3a5f; color: #e8eef5; border: none; }"
        "QListWidget#sideBar::item { padding: 7px 8px; }"
        "QListWidget#sideBar::item:selected, QListView#snapshotList::item:selected { background: #2d5a8e; "
        "color: white; }"
        "QListView#snapshotList::item { padding: 4px 8px; }"
        "QLabel#snapshotsHeading { color: #9fb4cc; font-weight: bold; padding: 10px 10px 4px 10px; }"));
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 6, 0, 0);
    leftLayout->setSpacing(0);
    m_sideBar = new QListWidget(left);
    m_sideBar->setObjectName(QStringLiteral("sideBar"));
    m_sideBar->setIconSize(QSize(22, 22));
    m_sideBar->setFrameShape(QFrame::NoFrame);
    m_sideBar->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(m_sideBar);
    auto* heading = new QLabel(tr("SNAPSHOTS"), left);
    heading->setObjectName(QStringLiteral("snapshotsHeading"));
    leftLayout->addWidget(heading);
    m_snapshots = new SnapshotListModel(this);
    m_snapshotView = new QListView(left);
    m_snapshotView->setObjectName(QStringLiteral("snapshotList"));
    m_snapshotView->setModel(m_snapshots);
    m_snapshotView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_snapshotView->setFrameShape(QFrame::NoFrame);
    leftLayout->addWidget(m_snapshotView, 1);
    layout->addWidget(left);
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pages"));
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    auto* inventory = new InventoryPage(m_stack);
    addPage(inventory);
    auto* findings = new FindingsPage(m_stack);
    addPage(findings);
    connect(findings, &FindingsPage::importRequested, this, [this] { showImportDialog(); });
    connect(inventory, &InventoryPage::findingsRequested, this, [this, findings](const QString& workload) {
        setPage(QStringLiteral("findings"));
        findings->showWorkload(workload);
    });
    auto* dashboard = new DashboardPage(m_stack);
    addPage(dashboard);
    connect(dashboard, &DashboardPage::findingsRequested, this,
            [this, findings](const FindingsPage::Focus& focus) {
                setPage(QStringLiteral("findings"));
                findings->applyFilter(focus);
            });
    connect(dashboard, &DashboardPage::snapshotRequested, this, &MainWindow::selectSnapshot);
    m_graphSession = new GraphSession(this);
    auto* graph = new GraphPage(m_graphSession, m_stack);
    addPage(graph);
    auto* flows = new FlowsPage(m_graphSession, m_stack);
    addPage(flows);
    connect(flows, &FlowsPage::showOnGraph, this, [this] { setPage(QStringLiteral("graph")); });
    addPage(new ChangesPage(m_stack));
    m_reports = new ReportsPage(m_stack);
    connect(m_reports, &ReportsPage::verifyRequested, this,
            [this](const QString& path) { showVerifyDialog(path); });
    addPage(m_reports);
    connect(m_reports, &ReportsPage::reportExported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Report written: %1").arg(path), 8000);
    });
    connect(m_sideBar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_sideBar->setFixedHeight(m_sideBar->sizeHintForRow(0) * m_sideBar->count() + 8);

    connect(m_snapshotView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& i) {
                const qint64 id = i.isValid() ? i.data(SnapshotListModel::SnapshotIdRole).toLongLong() : 0;
                if (id != m_snapshotId) {
                    m_snapshotId = id;
                    updateContext();
                }
            });

    m_statusWorkspace = new QLabel(this);
    m_statusWorkspace->setObjectName(QStringLiteral("statusWorkspace"));
    statusBar()->addPermanentWidget(m_statusWorkspace);

    buildActions();
    m_sideBar->setCurrentRow(0);
    resize(1400, 880);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString lastPage = settings.value(QStringLiteral("window/page")).toString();
    if (!lastPage.isEmpty())
        setPage(lastPage);
    rebuildRecentMenu();
    updateContext();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page* page)
{
    m_pages << page;
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(page->icon(), page->title(), m_sideBar);
    item->setData(Qt::UserRole, page->pageId());
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(page->title()).arg(m_pages.size()));
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* newWs =
        file->addAction(Icons::get("new"), tr("&New workspace..."), this, &MainWindow::newWorkspaceDialog);
    newWs->setShortcut(QKeySequence::New);
    newWs->setObjectName(QStringLiteral("actionNew"));
    auto* open =
        file->addAction(Icons::get("open"), tr("&Open workspace..."), this, &MainWindow::openWorkspaceDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpen"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    auto* import = file->addAction(Icons::get("import"), tr("&Import snapshot or scans..."), this,
                                   [this] { showImportDialog(); });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setObjectName(QStringLiteral("actionImport"));
    auto* copy =
        file->addAction(tr("&Export a copy of the workspace..."), this, &MainWindow::exportCopyDialog);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    auto* exportReport = file->addAction(Icons::get("reports"), tr("E&xport report..."), this,
                                         [this] { showExportReportDialog(); });
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportReport->setObjectName(QStringLiteral("actionExportReport"));
    file->addSeparator();
    // Works without a workspace: a report and its signature are all it needs.
    auto* verify = file->addAction(tr("&Verify a signed report..."), this, [this] { showVerifyDialog(); });
    verify->setObjectName(QStringLiteral("actionVerify"));
    file->addSeparator();
    auto* close = file->addAction(tr("&Close workspace"), this, &MainWindow::closeWorkspace);
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    m_workspaceActions = {import, copy, exportReport, close};

    tools->addAction(newWs);
    tools->addAction(open);
    tools->addAction(import);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_pages.size(); ++i) {
        Page* p = m_pages[i];
        auto* a = view->addAction(p->icon(), p->title(), this, [this, i] { m_sideBar->setCurrentRow(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    auto* filter = view->addAction(tr("&Find in page"), this, [this] {
        if (auto* f = currentPage()->findChild<QLineEdit*>(QString(), Qt::FindDirectChildrenOnly))
            f->setFocus();
        else if (auto* any = currentPage()->findChild<QLineEdit*>())
            any->setFocus(Qt::ShortcutFocusReason);
    });
    filter->setShortcut(QKeySequence::Find);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(Icons::app(), tr("&About Tollgate"), this, [this] {
        Dialogs::information(
            this, tr("About Tollgate"),
            tr("Tollgate %1\nOffline review workbench for the ISSO of Kubernetes and Istio systems "
               "under an ATO.\nTollgate never opens a network connection.")
                .arg(QStringLiteral(TOLLGATE_VERSION)));
    });
}

Page* MainWindow::currentPage() const
{
    return m_pages.value(m_stack->currentIndex());
}

Page* MainWindow::page(const QString& id) const
{
    for (Page* p : m_pages)
        if (p->pageId() == id)
            return p;
    return nullptr;
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (Page* p : m_pages)
        ids << p->pageId();
    return ids;
}

bool MainWindow::setPage(const QString& id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i]->pageId() == id.toLower()) {
            m_sideBar->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

bool MainWindow::createWorkspace(const QString& path)
{
    auto ws = Workspace::create(path, Clock::system(), Identity::fromEnvironment());
    if (!ws) {
        Dialogs::error(this, tr("Cannot create workspace"), ws.error().toString());
        return false;
    }
    ws.value().reset();
    return openWorkspace(path);
}

bool MainWindow::openWorkspace(const QString& path)
{
    auto ws =
        Workspace::open(path, Workspace::OpenMode::ReadWrite, Clock::system(), Identity::fromEnvironment());
    if (!ws) {
        Dialogs::error(this, tr("Cannot open workspace"), ws.error().toString());
        return false;
    }
    m_ws = std::move(ws).value();
    m_snapshotId = 0;
    addRecent(QFileInfo(path).absoluteFilePath());
    refreshSnapshots();
    updateTitle();
    if (m_ws->isReadOnly())
        statusBar()->showMessage(tr("Opened read-only (the file or its folder cannot be written)."), 8000);
    return true;
}

void MainWindow::closeWorkspace()
{
    m_ws.reset();
    m_snapshotId = 0;
    m_snapshots->setSnapshots({});
    updateContext();
    updateTitle();
}

void MainWindow::refreshSnapshots(qint64 select)
{
    if (!m_ws) {
        m_snapshots->setSnapshots({});
        return;
    }
    auto list = SnapshotStore(*m_ws).list();
    m_snapshots->setSnapshots(list ? list.value() : QList<SnapshotInfo>());
    if (!select && !m_snapshots->snapshots().isEmpty())
        select = m_snapshots->snapshots().last().id;
    const int row = m_snapshots->rowOf(select);
    if (row >= 0)
        m_snapshotView->setCurrentIndex(m_snapshots->index(row));
    m_snapshotId = row >= 0 ? select : 0;
    updateContext();
}

void MainWindow::selectSnapshot(qint64 id)
{
    const int row = m_snapshots->rowOf(id);
    if (row >= 0)
        m_snapshotView->setCurrentIndex(m_snapshots->index(row));
}

void MainWindow::updateContext()
{
    for (Page* p : std::as_const(m_pages))
        p->setContext(m_ws.get(), m_snapshotId);
    for (QAction* a : std::as_const(m_workspaceActions))
        a->setEnabled(m_ws != nullptr);
    if (m_ws) {
        QString text = QFileInfo(m_ws->path()).fileName();
        if (m_snapshotId)
            text += tr("  |  snapshot %1").arg(m_snapshotId);
        if (m_ws->isReadOnly())
            text += tr("  |  read-only");
        m_statusWorkspace->setText(text);
    } else {
        m_statusWorkspace->setText(tr("No workspace"));
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_ws ? tr("%1 - Tollgate").arg(QFileInfo(m_ws->path()).fileName()) : tr("Tollgate"));
}

VerifyDialog* MainWindow::showVerifyDialog(const QString& report)
{
    auto* dlg = new VerifyDialog(this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    if (!report.isEmpty())
        dlg->setReportPath(report);
    dlg->show();
    return dlg;
}

ExportReportDialog* MainWindow::showExportReportDialog()
{
    setPage(QStringLiteral("reports"));
    return m_reports->showExportDialog();
}

ImportDialog* MainWindow::showImportDialog(const QStringList& paths)
{
    if (!m_ws) {
        Dialogs::error(this, tr("No workspace"), tr("Create (Ctrl+N) or open (Ctrl+O) a workspace first."));
        return nullptr;
    }
    if (m_ws->isReadOnly()) {
        Dialogs::error(this, tr("Read-only workspace"),
                       tr("This workspace is open read-only. Copy it to writable storage to import."));
        return nullptr;
    }
    auto* dlg = new ImportDialog(m_ws->path(), m_ws->identity(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->addPaths(paths);
    connect(dlg, &ImportDialog::imported, this, [this](qint64 id) {
        refreshSnapshots(id);
        statusBar()->showMessage(tr("Import finished (snapshot %1 selected).").arg(id), 8000);
    });
    dlg->open();
    return dlg;
}

void MainWindow::newWorkspaceDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New workspace"), QString(),
                                                tr("Tollgate workspace (*.tollgate)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".tollgate")))
        path += QStringLiteral(".tollgate");
    createWorkspace(path);
}

void MainWindow::openWorkspaceDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QString(),
                                                      tr("Tollgate workspace (*.tollgate);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::exportCopyDialog()
{
    if (!m_ws)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export a copy"), QString(),
                                                      tr("Tollgate workspace (*.tollgate)"));
    if (path.isEmpty())
        return;
    if (auto s = m_ws->exportCopy(path); !s)
        Dialogs::error(this, tr("Export failed"), s.error().toString());
    else
        statusBar()->showMessage(tr("Copy written to %1").arg(path), 8000);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& p : recent)
        m_recentMenu->addAction(QFileInfo(p).fileName() + QStringLiteral("  (") + p + QLatin1Char(')'), this,
                                [this, p] { openWorkspace(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (Page* p = currentPage())
        settings.setValue(QStringLiteral("window/page"), p->pageId());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (!url.toLocalFile().isEmpty())
            paths << url.toLocalFile();
    openDropped(paths);
    event->acceptProposedAction();
}

ImportDialog* MainWindow::openDropped(const QStringList& paths)
{
    QStringList manifests;
    for (const QString& path : paths) {
        const QFileInfo fi(path);
        if (fi.isFile() && isWorkspaceFile(path)) {
            openWorkspace(path);
            continue;
        }
        // Scan reports (any name: the content decides) and manifests both go to the import dialog.
        if (fi.isDir() || SourceReader::isManifestName(path) || SourceReader::isArchiveName(path) ||
            (fi.isFile() && ScanFormatDetector::detect(path).ok()))
            manifests << path;
    }
    return manifests.isEmpty() ? nullptr : showImportDialog(manifests);
}

} // namespace tollgate::ui
