#pragma once

#include "ui/pages/Page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QToolButton;

namespace tollgate {
class GraphSession;
}

namespace tollgate::ui {

class GraphView;

// The service graph: the diagram (GraphView) with its filters (namespace, system namespaces, exposure,
// finding severity, protocol/port, mTLS state), find by name, focus on a workload at depth 1 or 2, the
// blast radius of a workload, collapse/expand of namespaces, the comparison with the baseline, a details
// panel for the selected node, flow or namespace, and export of the current view as SVG or PNG.
class GraphPage : public Page
{
    Q_OBJECT
public:
    GraphPage(GraphSession* session, QWidget* parent = nullptr);

    QString pageId() const override { return QStringLiteral("graph"); }
    QString title() const override { return tr("Graph"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;
    bool isBusy() const override;

    GraphView* view() const { return m_view; }
    QString detailsText() const;
    QString statusText() const;
    // Focus on a workload (peer name or name): depth 1 or 2, or its blast radius.
    void focusOn(const QString& workload, int depth, bool blastRadius);
    void clearFocus();
    // Runs "find": selects and centres the next match; false when nothing matches.
    bool findNext(const QString& text);
    // Writes the current view (filters, collapsed namespaces, selection) with title block and banner.
    [[nodiscard]] bool exportView(const QString& path, QString* error = nullptr);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void load();
    void applyFilter();
    void updateDetails();
    void updateStatus();
    void fillNamespaces();
    void exportDialog();
    QString nodeDetails(int node) const;
    QString edgeDetails(int edge) const;
    QString clusterDetails(int cluster) const;

    GraphSession* m_session;
    Workspace* m_ws = nullptr;
    qint64 m_snapshot = 0;
    bool m_loaded = false;
    GraphView* m_view;
    QTextBrowser* m_details;
    QLabel* m_status;
    QComboBox* m_namespace;
    QCheckBox* m_system;
    QCheckBox* m_external;
    QCheckBox* m_exposed;
    QComboBox* m_severity;
    QComboBox* m_protocol;
    QSpinBox* m_port;
    QComboBox* m_mtls;
    QLineEdit* m_find;
    QComboBox* m_depth;
    QPushButton* m_focus;
    QPushButton* m_blast;
    QPushButton* m_clearFocus;
    QPushButton* m_compare;
    QCheckBox* m_changedOnly;
    QString m_focusTarget;
    bool m_blastRadius = false;
    int m_lastMatch = -1;
    QString m_lastFind;
};

} // namespace tollgate::ui
