#include "viewmodels/GraphSession.h"

#include "base/Logging.h"
#include "posture/GraphBadges.h"
#include "store/ChangeStore.h"
#include "store/FlowStore.h"
#include "store/GraphLayoutStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QSet>

namespace tollgate {

GraphSession::GraphSession(QObject* parent) : QObject(parent)
{
    m_filter.hiddenNamespaces = systemNamespaces();
}

QStringList GraphSession::systemNamespaces()
{
    return {QStringLiteral("kube-system"),       QStringLiteral("kube-public"),
            QStringLiteral("kube-node-lease"),   QStringLiteral("istio-system"),
            QStringLiteral("gatekeeper-system"), QStringLiteral("kyverno"),
            QStringLiteral("cert-manager"),      QStringLiteral("monitoring")};
}

void GraphSession::setContext(Workspace* ws, qint64 snapshotId)
{
    const bool sameSnapshot = ws == m_ws && snapshotId == m_snapshot;
    if (sameSnapshot && !m_stale)
        return;
    m_stale = false;
    m_ws = ws;
    m_snapshot = snapshotId;
    m_error.clear();
    m_flows = {};
    m_badges.clear();
    m_baseFlows.reset();
    m_base = 0;
    m_namespaces.clear();
    if (!sameSnapshot) {
        m_collapsed.clear();
        m_collapseDecided = false;
        m_selNode = m_selEdge = -1;
    }
    if (m_ws && m_snapshot > 0) {
        auto flows = FlowStore(*m_ws).flows(m_snapshot);
        if (!flows) {
            m_error = flows.error().toString();
        } else {
            m_flows = std::move(flows.value());
            auto badges = GraphBadges::forSnapshot(*m_ws, m_snapshot);
            if (badges)
                m_badges = badges.value();
            else
                m_error = badges.error().toString();
        }
        QSet<QString> ns;
        m_externalBlocks = 0;
        for (const FlowClass& c : std::as_const(m_flows.classes)) {
            if (!c.external && !c.entry && !c.ns.isEmpty())
                ns.insert(c.ns);
            if (c.external)
                m_externalBlocks += static_cast<int>(c.members.size());
        }
        if (!sameSnapshot)
            m_filter.hideExternal = m_externalBlocks > ExternalBlocksShownUpTo;
        m_namespaces = ns.values();
        m_namespaces.sort();
    }
    if (!m_error.isEmpty())
        qCWarning(lcGraph) << "graph of snapshot" << m_snapshot << ":" << m_error;
    rebuild();
}

void GraphSession::setFilter(const GraphFilter& filter)
{
    m_filter = filter;
    rebuild();
}

int GraphSession::keepIndex(const QString& id) const
{
    return id.isEmpty() ? -1 : m_graph.indexOf(id);
}

void GraphSession::rebuild()
{
    // Keep the selection across a rebuild when it is still in the graph.
    const QString selNode =
        m_selNode >= 0 && m_selNode < m_graph.nodes.size() ? m_graph.nodes[m_selNode].id : QString();
    QString selSrc, selDst;
    if (m_selEdge >= 0 && m_selEdge < m_graph.edges.size()) {
        selSrc = m_graph.nodes[m_graph.edges[m_selEdge].src].id;
        selDst = m_graph.nodes[m_graph.edges[m_selEdge].dst].id;
    }
    m_graph = m_snapshot > 0 ? GraphBuilder::build(m_flows, m_badges, m_filter) : Graph();
    updateDiff(); // in a comparison, the graph becomes the union of both snapshots
    m_positions.reset();
    if (!m_collapseDecided && !m_graph.nodes.isEmpty()) {
        int workloads = 0;
        for (const GraphNode& n : std::as_const(m_graph.nodes))
            workloads += n.type == GraphNode::Type::Workload;
        if (workloads > CollapseAbove)
            for (const GraphCluster& c : std::as_const(m_graph.clusters))
                m_collapsed.insert(c.ns);
        m_collapseDecided = true;
    }
    m_selNode = keepIndex(selNode);
    m_selEdge = -1;
    if (!selSrc.isEmpty()) {
        const int s = m_graph.indexOf(selSrc), d = m_graph.indexOf(selDst);
        for (int i = 0; i < m_graph.edges.size() && s >= 0 && d >= 0; ++i)
            if (m_graph.edges[i].src == s && m_graph.edges[i].dst == d)
                m_selEdge = i;
    }
    Q_EMIT graphChanged();
    Q_EMIT diffChanged();
    Q_EMIT selectionChanged();
    requestLayout();
}

void GraphSession::requestLayout()
{
    const quint64 generation = ++m_generation;
    if (m_graph.nodes.isEmpty()) {
        m_positions = GraphLayout::Positions();
        Q_EMIT layoutChanged();
        return;
    }
    if (m_ws) {
        auto stored = GraphLayoutStore(*m_ws).load(m_snapshot, GraphLayout::key(m_graph));
        if (stored && stored->has_value() && (*stored)->isValidFor(m_graph)) {
            m_positions = std::move(**stored);
            Q_EMIT layoutChanged();
            return;
        }
    }
    const QByteArray key = GraphLayout::key(m_graph);
    m_layoutThread.request(m_graph, this, [this, generation, key](Result<GraphLayout::Positions> positions) {
        if (generation != m_generation)
            return; // a newer graph was asked for meanwhile
        if (!positions) {
            m_error = positions.error().toString();
            qCWarning(lcGraph) << "layout failed:" << m_error;
            m_positions = GraphLayout::Positions();
            for (int i = 0; i < m_graph.nodes.size(); ++i) // a grid, so the page still shows something
                m_positions->nodes << QRectF((i % 20) * 200.0, (i / 20) * 80.0, 180, 50);
            for (int i = 0; i < m_graph.clusters.size(); ++i)
                m_positions->clusters << QRectF();
        } else {
            m_positions = positions.value();
            if (m_ws && !m_ws->isReadOnly())
                if (auto s = GraphLayoutStore(*m_ws).save(m_snapshot, key, *m_positions); !s)
                    qCWarning(lcGraph) << "layout not cached:" << s.error().toString();
        }
        Q_EMIT layoutChanged();
    });
}

QSet<int> GraphSession::collapsedClusters() const
{
    QSet<int> out;
    for (int c = 0; c < m_graph.clusters.size(); ++c)
        if (m_collapsed.contains(m_graph.clusters[c].ns))
            out.insert(c);
    return out;
}

void GraphSession::setCollapsed(const QString& ns, bool collapsed)
{
    if (collapsed == m_collapsed.contains(ns))
        return;
    if (collapsed)
        m_collapsed.insert(ns);
    else
        m_collapsed.remove(ns);
    m_collapseDecided = true;
    Q_EMIT collapseChanged();
}

void GraphSession::collapseAll(bool collapsed)
{
    m_collapsed.clear();
    if (collapsed)
        for (const GraphCluster& c : std::as_const(m_graph.clusters))
            m_collapsed.insert(c.ns);
    m_collapseDecided = true;
    Q_EMIT collapseChanged();
}

void GraphSession::setCompare(bool on)
{
    if (on == m_compare)
        return;
    m_compare = on;
    rebuild();
}

void GraphSession::setChangedOnly(bool on)
{
    if (on == m_changedOnly)
        return;
    m_changedOnly = on;
    if (m_compare)
        rebuild();
}

void GraphSession::updateDiff()
{
    m_diff = {};
    if (m_compare && m_ws && m_snapshot > 0) {
        if (!m_base) {
            auto baseline = ChangeStore(*m_ws).baseline();
            if (baseline)
                m_base = baseline->value(QLatin1String("snapshot")).toInteger();
            if (!m_base || m_base == m_snapshot) {
                // No baseline (or this is it): the snapshot before this one.
                m_base = 0;
                if (auto list = SnapshotStore(*m_ws).list())
                    for (const SnapshotInfo& s : list.value())
                        if (s.id < m_snapshot && s.id > m_base)
                            m_base = s.id;
            }
        }
        if (m_base && !m_baseFlows) {
            auto flows = FlowStore(*m_ws).flows(m_base);
            if (flows)
                m_baseFlows = std::move(flows.value());
            else
                m_error = flows.error().toString();
        }
        if (m_base && m_baseFlows) {
            const Graph before = GraphBuilder::build(*m_baseFlows, m_badges, m_filter);
            m_diff = GraphDiff::compare(before, m_graph);
            m_graph = GraphDiff::merge(before, m_graph, m_changedOnly);
        }
    }
}

void GraphSession::selectNode(int node)
{
    m_selNode = node >= 0 && node < m_graph.nodes.size() ? node : -1;
    m_selEdge = -1;
    Q_EMIT selectionChanged();
}

void GraphSession::selectEdge(int edge)
{
    m_selEdge = edge >= 0 && edge < m_graph.edges.size() ? edge : -1;
    m_selNode = -1;
    Q_EMIT selectionChanged();
}

bool GraphSession::selectNodeById(const QString& id)
{
    const int i = m_graph.indexOf(id);
    if (i < 0)
        return false;
    selectNode(i);
    return true;
}

bool GraphSession::selectEdgeByIds(const QString& src, const QString& dst)
{
    const int s = m_graph.indexOf(src), d = m_graph.indexOf(dst);
    for (int i = 0; i < m_graph.edges.size() && s >= 0 && d >= 0; ++i)
        if (m_graph.edges[i].src == s && m_graph.edges[i].dst == d) {
            selectEdge(i);
            return true;
        }
    return false;
}

void GraphSession::clearSelection()
{
    m_selNode = m_selEdge = -1;
    Q_EMIT selectionChanged();
}

int GraphSession::find(const QString& text, int after) const
{
    if (text.trimmed().isEmpty())
        return -1;
    const int n = static_cast<int>(m_graph.nodes.size());
    for (int k = 1; k <= n; ++k) {
        const int i = (after + k + n) % n;
        const GraphNode& node = m_graph.nodes[i];
        if (node.name.contains(text.trimmed(), Qt::CaseInsensitive) ||
            node.id.contains(text.trimmed(), Qt::CaseInsensitive))
            return i;
    }
    return -1;
}

} // namespace tollgate
