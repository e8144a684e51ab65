#pragma once

#include "store/DecisionStore.h"
#include "ui/pages/Page.h"

#include <QJsonObject>
#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
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
// source file, SHA-256 and position, the workloads it joins and its history across imports. Review
// actions on the selected findings (one or many): a status or severity override, and a risk
// acceptance, each with a required justification; the table shows the effective (reviewed) status
// and its flags (re-review, risk accepted until, expired acceptance), the details the decision history.
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
    QPushButton* reviewButton() const { return m_reviewButton; }
    QPushButton* riskButton() const { return m_riskButton; }

    // The selected findings' rows.
    QList<QJsonObject> selectedRows() const;
    // Open the dialogs for the selection and record what they say.
    void reviewSelected();
    void acceptRiskSelected();
    // Record a decision on `rows` as `reviewer` (the same core calls as the CLI); errors are shown.
    bool applyReview(const QList<QJsonObject>& rows, const DecisionStore::Review& review,
                     const QString& reviewer);
    bool applyRiskAcceptance(const QList<QJsonObject>& rows, const DecisionStore::RiskAcceptance& acceptance,
                             const QString& reviewer);
    // The flags a row shows in the Review column: re-review, risk accepted until, expired, override.
    static QString flagsOf(const QJsonObject& row);

Q_SIGNALS:
    void importRequested();

private:
    void showDetails();
    void updateCounts();
    void fillCombo(QComboBox* box, const QString& key, const QString& all);
    void fillGroups();
    void updateActions();
    void reloadKeeping(const QString& identity);

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
    QPushButton* m_reviewButton;
    QPushButton* m_riskButton;
};

} // namespace tollgate::ui
