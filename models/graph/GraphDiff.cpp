#include "graph/GraphDiff.h"

#include <QHash>
#include <QMap>
#include <algorithm>

namespace tollgate {

GraphDiff GraphDiff::compare(const Graph& before, const Graph& current)
{
    const auto key = [](const Graph& g, const GraphEdge& e) -> QString {
        return g.nodes[e.src].id + QLatin1Char('\x01') + g.nodes[e.dst].id;
    };
    QMap<QString, const GraphEdge*> old; // sorted: removed flows come out in a stable order
    for (const GraphEdge& e : before.edges)
        old.insert(key(before, e), &e);
    QHash<QString, int> nodeIndex;
    for (int i = 0; i < current.nodes.size(); ++i)
        nodeIndex.insert(current.nodes[i].id, i);

    GraphDiff d;
    QSet<QString> seen;
    for (int i = 0; i < current.edges.size(); ++i) {
        const GraphEdge& e = current.edges[i];
        const QString k = key(current, e);
        seen.insert(k);
        const GraphEdge* was = old.value(k);
        if (!was)
            d.added.insert(i);
        else if (was->conn != e.conn)
            d.changed.insert(i);
    }
    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        if (seen.contains(it.key()))
            continue;
        const GraphEdge& e = *it.value();
        Removed r;
        r.src = before.nodes[e.src].id;
        r.dst = before.nodes[e.dst].id;
        r.conn = e.conn;
        r.srcNode = nodeIndex.value(r.src, -1);
        r.dstNode = nodeIndex.value(r.dst, -1);
        d.removed << r;
    }
    return d;
}

Graph GraphDiff::merge(const Graph& before, const Graph& current, bool changedOnly)
{
    // Nodes: the current ones, then those only the earlier graph has; marked.
    QHash<QString, GraphNode> nodes;
    QSet<QString> old;
    for (const GraphNode& n : before.nodes) {
        GraphNode copy = n;
        copy.change = QStringLiteral("removed");
        nodes.insert(n.id, copy);
        old.insert(n.id);
    }
    for (const GraphNode& n : current.nodes) {
        GraphNode copy = n;
        copy.change = old.contains(n.id) ? QString() : QStringLiteral("added");
        nodes.insert(n.id, copy);
    }
    // Flows by (source, destination).
    struct Flow
    {
        GraphEdge edge;
        QString src, dst;
    };
    QMap<std::pair<QString, QString>, Flow> flows;
    for (const GraphEdge& e : before.edges) {
        Flow f{e, before.nodes[e.src].id, before.nodes[e.dst].id};
        f.edge.change = QStringLiteral("removed");
        flows.insert({f.src, f.dst}, f);
    }
    for (const GraphEdge& e : current.edges) {
        Flow f{e, current.nodes[e.src].id, current.nodes[e.dst].id};
        const auto it = flows.constFind({f.src, f.dst});
        f.edge.change = it == flows.cend()        ? QStringLiteral("added")
                        : it->edge.conn != e.conn ? QStringLiteral("changed")
                                                  : QString();
        flows.insert({f.src, f.dst}, f);
    }
    QSet<QString> keep;
    if (changedOnly) {
        for (const Flow& f : std::as_const(flows))
            if (!f.edge.change.isEmpty())
                keep << f.src << f.dst;
        for (const GraphNode& n : std::as_const(nodes))
            if (!n.change.isEmpty())
                keep << n.id;
    }
    // The node order GraphBuilder uses: workloads by namespace and id, then entries, then blocks.
    QList<GraphNode> ordered;
    for (const GraphNode& n : std::as_const(nodes))
        if (!changedOnly || keep.contains(n.id))
            ordered << n;
    std::sort(ordered.begin(), ordered.end(), [](const GraphNode& a, const GraphNode& b) {
        if (a.type != b.type)
            return int(a.type) < int(b.type);
        if (a.type == GraphNode::Type::Workload && a.ns != b.ns)
            return a.ns < b.ns;
        return a.id < b.id;
    });
    Graph g;
    g.storedEdges = current.storedEdges;
    QHash<QString, int> index;
    for (const GraphNode& n : std::as_const(ordered)) {
        index.insert(n.id, static_cast<int>(g.nodes.size()));
        g.nodes << n;
    }
    for (const Flow& f : std::as_const(flows)) { // QMap: sorted by source, then destination
        if (changedOnly && f.edge.change.isEmpty())
            continue;
        GraphEdge e = f.edge;
        e.src = index.value(f.src, -1);
        e.dst = index.value(f.dst, -1);
        if (e.src >= 0 && e.dst >= 0)
            g.edges << e;
    }
    g.groupClusters();
    return g;
}

} // namespace tollgate
