#include "graph/GraphBuilder.h"

#include "network/FlowFormatter.h"

#include <QMap>
#include <QSet>
#include <algorithm>

namespace tollgate {

namespace {
bool edgeMatches(const GraphEdge& e, const QHash<QString, ConnectionSet>& sets, const GraphBuilder::Filter& f)
{
    if (f.protocol.isEmpty() && f.port <= 0)
        return true;
    const ConnectionSet c = sets.value(e.conn);
    QList<ConnectionSet::Protocol> protos;
    if (!f.protocol.isEmpty()) {
        ConnectionSet::Protocol p = ConnectionSet::TCP;
        if (!ConnectionSet::parseProtocol(f.protocol, p))
            return false;
        protos << p;
    } else {
        protos << ConnectionSet::TCP << ConnectionSet::UDP << ConnectionSet::SCTP;
    }
    for (ConnectionSet::Protocol p : protos) {
        if (f.port > 0 ? c.allows(p, static_cast<quint32>(f.port)) : !c.portsOf(p).isEmpty())
            return true;
    }
    return false;
}
} // namespace

QStringList GraphBuilder::defaultInherited()
{
    return {QStringLiteral("istio-system"), QStringLiteral("kube-system"), QStringLiteral("monitoring"),
            QStringLiteral("istio-ingress"), QStringLiteral("istio-gateways")};
}

bool GraphBuilder::splitPeer(const QString& peer, QString& ns, QString& name, QString& kind)
{
    const qsizetype slash = peer.indexOf(QLatin1Char('/'));
    const qsizetype open = peer.lastIndexOf(QLatin1Char('['));
    if (peer.startsWith(QLatin1Char('{')) || slash <= 0 || open <= slash || !peer.endsWith(QLatin1Char(']')))
        return false;
    ns = peer.left(slash);
    name = peer.mid(slash + 1, open - slash - 1);
    kind = peer.mid(open + 1, peer.size() - open - 2);
    return true;
}

Graph GraphBuilder::build(const ConnectivityResult& result, const Badges& badges, const Filter& filter)
{
    const QStringList inherited = filter.inheritedSet ? filter.inherited : defaultInherited();
    // Every node of the result, workloads first (by namespace, then id), entries, external blocks.
    QMap<QString, GraphNode> workloads, entries, externals;
    for (const FlowClass& c : result.classes) {
        for (const QString& m : c.members) {
            GraphNode n;
            n.id = m;
            n.ns = c.ns;
            if (c.external) {
                n.type = GraphNode::Type::External;
                n.name = m.section(QLatin1Char('['), 0, 0);
                n.kind = QStringLiteral("External");
                n.ns.clear();
                externals.insert(m, n);
            } else if (c.entry || m.startsWith(QLatin1Char('{'))) {
                n.type = GraphNode::Type::Entry;
                n.name = m;
                n.kind = c.labels.value(QLatin1String("tollgate.io/entry")).toString();
                if (n.kind.isEmpty())
                    n.kind = m.mid(1, m.size() - 2).section(QLatin1Char(' '), 0, 0);
                entries.insert(m, n);
            } else {
                QString ns, name, kind;
                if (!splitPeer(m, ns, name, kind)) {
                    name = m;
                    ns = c.ns;
                }
                n.ns = ns;
                n.name = name;
                n.kind = kind;
                n.inherited = inherited.contains(ns);
                const Badge b = badges.value(ns + QLatin1Char('/') + name);
                n.worstCat = b.worstCat;
                n.openFindings = b.open;
                workloads.insert(ns + QLatin1Char('\x01') + m, n);
            }
        }
    }
    QList<GraphNode> all;
    for (const auto* map : {&workloads, &entries, &externals})
        for (const GraphNode& n : *map)
            all << n;
    QHash<QString, int> index;
    for (int i = 0; i < all.size(); ++i)
        index.insert(all[i].id, i);

    // Every stored flow between two nodes: one edge per (source, destination) pair.
    QList<GraphEdge> allEdges;
    QHash<QString, ConnectionSet> sets;
    for (const ClassFlow& f : result.flows)
        sets.insert(f.conn.toString(), f.conn);
    for (const FlowFormatter::Line& l : FlowFormatter::lines(result, {}, true)) {
        const int s = index.value(l.src, -1), d = index.value(l.dst, -1);
        if (s < 0 || d < 0)
            continue;
        allEdges.append({s, d, l.conn, l.mtls, l.why, l.mtlsPorts, l.mtlsWhy, l.authz});
    }

    // Node filters: namespace, severity, exposure.
    QVector<bool> keep(all.size(), true);
    for (int i = 0; i < all.size(); ++i) {
        const GraphNode& n = all[i];
        if (n.type != GraphNode::Type::Workload)
            continue;
        if (!filter.namespaces.isEmpty() && !filter.namespaces.contains(n.ns))
            keep[i] = false;
        if (filter.hiddenNamespaces.contains(n.ns))
            keep[i] = false;
        if (filter.minCat > 0 && (n.worstCat == 0 || n.worstCat > filter.minCat))
            keep[i] = false;
    }
    if (filter.exposedOnly) {
        QVector<bool> exposed(all.size(), false);
        for (const GraphEdge& e : allEdges)
            if (all[e.src].type != GraphNode::Type::Workload && all[e.dst].type == GraphNode::Type::Workload)
                exposed[e.dst] = true;
        for (int i = 0; i < all.size(); ++i)
            if (all[i].type == GraphNode::Type::Workload && !exposed[i])
                keep[i] = false;
    }
    QList<GraphEdge> edges;
    for (const GraphEdge& e : allEdges) {
        const bool sw = all[e.src].type == GraphNode::Type::Workload;
        const bool dw = all[e.dst].type == GraphNode::Type::Workload;
        if ((sw && !keep[e.src]) || (dw && !keep[e.dst]))
            continue;
        if (!sw && !dw)
            continue;
        if (filter.hideExternal &&
            (all[e.src].type == GraphNode::Type::External || all[e.dst].type == GraphNode::Type::External))
            continue;
        if (!edgeMatches(e, sets, filter))
            continue;
        if (!filter.mtls.isEmpty() && e.mtls != filter.mtls)
            continue;
        edges << e;
    }

    // Focus: the workload and its neighbours at depth 1 or 2 (either direction); or its blast radius:
    // everything it reaches along allowed flows, transitively (direction matters: who it can call).
    QVector<bool> inFocus(all.size(), filter.focus.isEmpty());
    if (!filter.focus.isEmpty()) {
        QSet<int> frontier;
        for (int i = 0; i < all.size(); ++i)
            if (keep[i] && FlowFormatter::matchesWorkload(all[i].id, filter.focus))
                frontier.insert(i);
        for (int i : std::as_const(frontier))
            inFocus[i] = true;
        const int levels = filter.blastRadius ? static_cast<int>(all.size()) : std::max(1, filter.depth);
        for (int level = 0; level < levels && !frontier.isEmpty(); ++level) {
            QSet<int> next;
            for (const GraphEdge& e : std::as_const(edges)) {
                if (frontier.contains(e.src) && !inFocus[e.dst])
                    next.insert(e.dst);
                if (!filter.blastRadius && frontier.contains(e.dst) && !inFocus[e.src])
                    next.insert(e.src);
            }
            for (int i : std::as_const(next))
                inFocus[i] = true;
            frontier = next;
        }
        QList<GraphEdge> focused;
        for (const GraphEdge& e : std::as_const(edges))
            if (inFocus[e.src] && inFocus[e.dst])
                focused << e;
        edges = focused;
    }

    // Nodes kept: workloads that pass the filters (and the focus); entries and blocks with an edge.
    QVector<bool> used(all.size(), false);
    for (const GraphEdge& e : std::as_const(edges))
        used[e.src] = used[e.dst] = true;
    Graph g;
    g.storedEdges = static_cast<int>(allEdges.size());
    QVector<int> remap(all.size(), -1);
    for (int i = 0; i < all.size(); ++i) {
        const bool w = all[i].type == GraphNode::Type::Workload;
        if (w ? (keep[i] && inFocus[i]) : used[i]) {
            remap[i] = static_cast<int>(g.nodes.size());
            g.nodes << all[i];
        }
    }
    for (GraphEdge e : std::as_const(edges)) {
        e.src = remap[e.src];
        e.dst = remap[e.dst];
        g.edges << e;
    }
    g.groupClusters();
    return g;
}

} // namespace tollgate
