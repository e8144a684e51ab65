#pragma once

#include "ui/pages/Page.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace tollgate::ui {

class ExportReportDialog;

// Signed review reports: "Export report..." (the Export report dialog for the snapshot being looked
// at) and the reports written from this workspace, by the GUI or `tollgate-cli report`: when, kind,
// snapshot, file, signer and digest. Double-click opens one.
class ReportsPage : public Page
{
    Q_OBJECT
public:
    explicit ReportsPage(QWidget* parent = nullptr);
    QString pageId() const override { return QStringLiteral("reports"); }
    QString title() const override { return tr("Reports"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;
    void reload();

    // Opens the export dialog (non-modal) for the current snapshot; null (with a message) when there
    // is no workspace or snapshot.
    ExportReportDialog* showExportDialog();
    QTableWidget* table() const { return m_table; }
    QPushButton* exportButton() const { return m_export; }

Q_SIGNALS:
    void reportExported(const QString& path);
    void verifyRequested(const QString& path); // empty: no report selected

private:
    Workspace* m_ws = nullptr;
    qint64 m_snapshotId = 0;
    QLabel* m_heading;
    QPushButton* m_export;
    QTableWidget* m_table;
    QLabel* m_empty;
};

} // namespace tollgate::ui
