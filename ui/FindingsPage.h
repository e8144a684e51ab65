#pragma once

#include "Page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTextBrowser;
class QToolButton;
class QTreeWidget;

namespace tollgate {
class FindingFilterModel;
class RowTableModel;
} // namespace tollgate

namespace tollgate::ui {

// Every finding of the workspace's newest scans (or all imports, with history): filters by source,
// CAT, status, namespace, workload and identifier; the selected finding's evidence, identifiers,
// source file, SHA-256 and position, the workloads it joins and its history across imports.
class FindingsPage : public Page
{
    Q_OBJECT
public:
    explicit FindingsPage(QWidget* parent = nullptr);
    QString pageId() const override { return QStringLiteral("findings"); }
    QString title() const override { return tr("Findings"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;

    // What a click on the Dashboard asks for; empty fields let everything through.
    struct Focus
    {
        int cat = 0;        // 1..3
        QString status;     // Open, NotAFinding, ...
        QString source;     // tollgate, trivy, ...
        QString identifier; // a control id, CVE, rule...
        QString family;     // a dashboard family (PostureSummary::familyOf)
        QString workload;   // namespace/Kind/name
    };
    // Clears every filter, then sets these.
    void applyFilter(const Focus& focus);
    // Shows the findings of one workload (namespace/Kind/name), as the Inventory page asks.
    void showWorkload(const QString& workloadKey);
    void reload();

    RowTableModel* model() const { return m_model; }
    FindingFilterModel* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QTreeWidget* groups() const { return m_groups; }
    QString detailsText() const;

Q_SIGNALS:
    void importRequested();

private:
    void showDetails();
    void updateCounts();
    void fillCombo(QComboBox* box, const QString& key, const QString& all);
    void fillGroups();

    Workspace* m_ws = nullptr;
    qint64 m_snapshotId = 0;
    QComboBox* m_source;
    QComboBox* m_cat;
    QComboBox* m_status;
    QComboBox* m_ns;
    QLineEdit* m_workload;
    QLineEdit* m_identifier;
    QLineEdit* m_text;
    QCheckBox* m_history;
    QToolButton* m_family;
    QLabel* m_counts;
    QLabel* m_empty;
    QTableView* m_table;
    RowTableModel* m_model;
    FindingFilterModel* m_proxy;
    QTextBrowser* m_details;
    QTreeWidget* m_groups;
};

} // namespace tollgate::ui
