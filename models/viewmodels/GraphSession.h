#pragma once

#include "graph/GraphBuilder.h"
#include "graph/GraphDiff.h"
#include "graph/GraphLayout.h"
#include "network/ConnectivityResult.h"
#include "viewmodels/GraphLayoutThread.h"

#include <QObject>
#include <QSet>
#include <optional>

namespace tollgate {

class Workspace;

// What the Graph and Flows pages share: the snapshot's flows and finding badges, the filter, the graph
// built from them, its layout (from the workspace cache, else from the layout thread), the namespaces
// drawn collapsed, the comparison with the baseline, and the selection. Selecting an edge on one page
// selects it on the other. Not a widget: the GUI test drives it directly.
class GraphSession : public QObject
{
    Q_OBJECT
public:
    // Above this many workloads in view the graph opens with every namespace collapsed.
    static constexpr int CollapseAbove = 1000;
    // Above this many external IP blocks they start hidden (thousands of /24 blocks stack into a
    // column that dwarfs the cluster); the Graph page's check box shows them.
    static constexpr int ExternalBlocksShownUpTo = 200;

    explicit GraphSession(QObject* parent = nullptr);

    // Loads the snapshot's flows and badges and rebuilds (0 or no workspace: empty); nothing to do when
    // that snapshot is loaded and not marked stale.
    void setContext(Workspace* ws, qint64 snapshotId);
    // The workspace changed underneath (an import, a review): the next setContext reloads.
    void markStale() { m_stale = true; }
    Workspace* workspace() const { return m_ws; }
    qint64 snapshotId() const { return m_snapshot; }
    QString error() const { return m_error; }

    const GraphFilter& filter() const { return m_filter; }
    void setFilter(const GraphFilter& filter);
    // System namespaces hidden (the default) or shown.
    static QStringList systemNamespaces();

    const Graph& graph() const { return m_graph; }
    // The layout of graph(), once known.
    const std::optional<GraphLayout::Positions>& positions() const { return m_positions; }
    bool layoutPending() const { return !m_positions.has_value(); }
    // Every namespace of the snapshot's workloads (for the filter's list).
    QStringList namespaces() const { return m_namespaces; }
    int externalBlocks() const { return m_externalBlocks; } // in the snapshot, before filters

    QSet<QString> collapsed() const { return m_collapsed; }
    QSet<int> collapsedClusters() const; // as cluster indices of graph()
    void setCollapsed(const QString& ns, bool collapsed);
    void collapseAll(bool collapsed);

    // Compare with the baseline (ChangeStore), else the previous snapshot: the graph becomes the union of
    // both (GraphDiff::merge), so nodes keep their places and removed flows show; `changedOnly` keeps
    // just what changed.
    void setCompare(bool on);
    void setChangedOnly(bool on);
    bool changedOnly() const { return m_changedOnly; }
    bool compare() const { return m_compare; }
    qint64 compareBase() const { return m_base; }
    const GraphDiff& diff() const { return m_diff; } // counts (indices refer to the snapshot's own graph)

    int selectedNode() const { return m_selNode; }
    int selectedEdge() const { return m_selEdge; }
    void selectNode(int node);
    void selectEdge(int edge);
    // By peer name ("ns/name[Kind]"); false when it is not in the graph.
    bool selectNodeById(const QString& id);
    bool selectEdgeByIds(const QString& src, const QString& dst);
    void clearSelection();
    // The first node whose name or id contains `text` (case-insensitive), after `after`; -1 if none.
    int find(const QString& text, int after = -1) const;

Q_SIGNALS:
    void graphChanged();     // a new graph (its layout may still be pending)
    void layoutChanged();    // positions() is there for graph()
    void collapseChanged();  // collapsed namespaces
    void diffChanged();      // after graphChanged: the comparison's counts
    void selectionChanged(); // node or edge

private:
    void rebuild();
    void requestLayout();
    void updateDiff();
    int keepIndex(const QString& id) const;

    Workspace* m_ws = nullptr;
    qint64 m_snapshot = 0;
    bool m_stale = true;
    QString m_error;
    ConnectivityResult m_flows;
    GraphBuilder::Badges m_badges;
    GraphFilter m_filter;
    Graph m_graph;
    std::optional<GraphLayout::Positions> m_positions;
    QStringList m_namespaces;
    int m_externalBlocks = 0;
    QSet<QString> m_collapsed;
    bool m_collapseDecided = false;
    bool m_compare = false;
    bool m_changedOnly = false;
    qint64 m_base = 0;
    std::optional<ConnectivityResult> m_baseFlows;
    GraphDiff m_diff;
    int m_selNode = -1;
    int m_selEdge = -1;
    quint64 m_generation = 0;
    GraphLayoutThread m_layoutThread;
};

} // namespace tollgate
