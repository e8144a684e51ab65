#pragma once

#include "ui/pages/Page.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;
class QTreeWidget;

namespace tollgate::ui {

// The change review (DESIGN 7): what changed from the approved baseline (else the first snapshot) to
// the snapshot being looked at (else the latest), grouped by component; each change's fields old and
// new side by side, its findings roll-up, the service templates' evidence and its decision history;
// Approve, Reject, Needs info and Refer to AO with a required rationale; progress; and "Approve as
// baseline" once every change is approved. Uses the same core calls as `tollgate-cli changes`,
// `decide` and `baseline`.
class ChangesPage : public Page
{
    Q_OBJECT
public:
    explicit ChangesPage(QWidget* parent = nullptr);
    QString pageId() const override { return QStringLiteral("changes"); }
    QString title() const override { return tr("Changes"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;
    void reload();

    QTreeWidget* tree() const { return m_tree; }
    QTableWidget* fieldTable() const { return m_fields; }
    QLabel* progressLabel() const { return m_progressLabel; }
    QPushButton* decisionButton(const QString& verdict) const { return m_buttons.value(verdict); }
    QPushButton* baselineButton() const { return m_baseline; }
    const QList<QJsonObject>& changes() const { return m_changes; }
    qint64 baseSnapshot() const { return m_base; }
    qint64 newSnapshot() const { return m_next; }
    QJsonObject currentChange() const;
    bool selectChange(const QString& id);
    QString detailsText() const;

    // Opens the rationale dialog for the current change and records what it says.
    void decideCurrent(const QString& verdict);
    // Records a decision (the same core call as `decide`); errors are shown.
    bool applyDecision(const QJsonObject& change, const QString& verdict, const QString& rationale,
                       const QString& reviewer);
    // Asks for the approver's name, then records the new snapshot as the baseline.
    void approveBaseline();
    bool applyBaseline(const QString& approver);

    static QString verdictLabel(const QString& verdict);

Q_SIGNALS:
    void baselineApproved(qint64 snapshotId);

private:
    void showDetails();
    void updateActions();

    Workspace* m_ws = nullptr;
    qint64 m_snapshotId = 0;
    qint64 m_base = 0;
    qint64 m_next = 0;
    bool m_hasBaseline = false;
    QList<QJsonObject> m_changes;
    QLabel* m_heading;
    QLabel* m_progressLabel;
    QProgressBar* m_progress;
    QTreeWidget* m_tree;
    QLabel* m_changeTitle;
    QTableWidget* m_fields;
    QLabel* m_findings;
    QTextBrowser* m_evidence;
    QMap<QString, QPushButton*> m_buttons;
    QPushButton* m_baseline;
};

} // namespace tollgate::ui
