#pragma once

#include "ui/pages/Page.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabBar;
class QTableView;
class QTreeWidget;

namespace tollgate {
class RowTableModel;
}

namespace tollgate::ui {

// What is inside the boundary: workloads, images, services, exposures, namespaces, and the
// snapshot's files, skipped documents and kinds, in sortable, filterable tables; the selected
// object's fields, its stored YAML (secret values were never stored) and its source file:line.
class InventoryPage : public Page
{
    Q_OBJECT
public:
    explicit InventoryPage(QWidget* parent = nullptr);
    QString pageId() const override { return QStringLiteral("inventory"); }
    QString title() const override { return tr("Inventory"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;

    // The listing shown: "workloads", "images", ...
    void setListing(const QString& id);
    QString listing() const;
    RowTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    // namespace/Kind/name of the selected workload, empty when the row is not a workload.
    QString selectedWorkload() const;

Q_SIGNALS:
    // The user asked for the findings of a workload (button, context menu or Ctrl+Shift+F).
    void findingsRequested(const QString& workloadKey);

private:
    void reload();
    void showDetails();

    Workspace* m_ws = nullptr;
    qint64 m_snapshotId = 0;
    QTabBar* m_kinds;
    QLineEdit* m_filter;
    QLabel* m_count;
    QPushButton* m_findings;
    QLabel* m_empty;
    QTableView* m_table;
    RowTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeWidget* m_fields;
    QPlainTextEdit* m_yaml;
    QLabel* m_source;
};

} // namespace tollgate::ui
