#pragma once

#include "ui/pages/Page.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace tollgate {
class FlowMatrixModel;
class FlowTableModel;
class GraphSession;
} // namespace tollgate

namespace tollgate::ui {

// Every flow the graph shows (the Graph page's filters apply here too) as a table (source,
// destination, protocol/ports, mTLS, the rules that allow it, change since the baseline) with a text
// filter, and a namespace-by-namespace matrix; both export to CSV. Selecting a row selects the flow on
// the Graph page, and the other way round.
class FlowsPage : public Page
{
    Q_OBJECT
public:
    FlowsPage(GraphSession* session, QWidget* parent = nullptr);

    QString pageId() const override { return QStringLiteral("flows"); }
    QString title() const override { return tr("Flows"); }
    QIcon icon() const override;
    void setContext(Workspace* ws, qint64 snapshotId) override;
    bool isBusy() const override { return m_pending; }

    QTableView* table() const { return m_table; }
    QTableView* matrix() const { return m_matrix; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    void setTextFilter(const QString& text);
    // The visible rows (table tab) or the matrix as CSV.
    QString tableCsv() const;
    QString matrixCsv() const;
    [[nodiscard]] bool exportCsv(const QString& path, bool matrix, QString* error = nullptr);

Q_SIGNALS:
    void showOnGraph();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reload();
    void syncFromSession();
    void exportDialog();

    GraphSession* m_session;
    Workspace* m_ws = nullptr;
    qint64 m_snapshot = 0;
    bool m_pending = false;
    FlowTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    FlowMatrixModel* m_matrixModel;
    QTabWidget* m_tabs;
    QTableView* m_table;
    QTableView* m_matrix;
    QLineEdit* m_filter;
    QLabel* m_status;
    bool m_syncing = false;
};

} // namespace tollgate::ui
