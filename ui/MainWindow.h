#pragma once

#include <QMainWindow>
#include <memory>

class QListView;
class QListWidget;
class QMenu;
class QStackedWidget;
class QLabel;

namespace tollgate {
class GraphSession;
class SnapshotListModel;
class Workspace;
} // namespace tollgate

namespace tollgate::ui {

class ExportReportDialog;
class ImportDialog;
class VerifyDialog;
class Page;
class ReportsPage;

// The desktop shell: workspace and snapshot handling, the side bar of pages, import, drag and drop,
// recent files and a layout that persists.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace (errors in a dialog); true on success.
    bool openWorkspace(const QString& path);
    bool createWorkspace(const QString& path);
    void closeWorkspace();
    Workspace* workspace() const { return m_ws.get(); }

    // Shows the page with this id ("inventory", "findings", ...); false for an unknown id.
    bool setPage(const QString& id);
    Page* currentPage() const;
    Page* page(const QString& id) const;
    QStringList pageIds() const;

    qint64 currentSnapshot() const { return m_snapshotId; }
    void selectSnapshot(qint64 id);
    // Opens the import dialog (non-modal), prefilled with paths.
    ImportDialog* showImportDialog(const QStringList& paths = {});
    // Opens the Verify dialog (non-modal; no workspace needed), prefilled with a report path.
    VerifyDialog* showVerifyDialog(const QString& report = {});
    // What a drop does: a workspace file opens; manifest folders, files and archives go to the import
    // dialog. Returns the import dialog when one opened.
    ImportDialog* openDropped(const QStringList& paths);
    // Shows the Reports page and opens the Export report dialog for the current snapshot (Ctrl+E).
    ExportReportDialog* showExportReportDialog();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void addPage(Page* page);
    void refreshSnapshots(qint64 select = 0);
    void updateContext();
    void updateTitle();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void newWorkspaceDialog();
    void openWorkspaceDialog();
    void exportCopyDialog();

    std::unique_ptr<Workspace> m_ws;
    qint64 m_snapshotId = 0;
    QListWidget* m_sideBar;
    QStackedWidget* m_stack;
    QListView* m_snapshotView;
    SnapshotListModel* m_snapshots;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_statusWorkspace;
    QList<Page*> m_pages;
    GraphSession* m_graphSession = nullptr;
    QList<QAction*> m_workspaceActions;
    ReportsPage* m_reports = nullptr;
};

} // namespace tollgate::ui
