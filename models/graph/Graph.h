#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tollgate {

// The service graph of a snapshot: workloads, entry points and external blocks as nodes, allowed flows
// as edges, namespaces as clusters. Built from the stored flows by GraphBuilder; sorted, so that the
// same flows always give the same graph (node and edge order is part of the layout's input).
struct GraphNode
{
    enum class Type
    {
        Workload,
        Entry,   // a way in from outside: LoadBalancer, NodePort, externalIPs, host port, gateway, Ingress
        External // an external IP block
    };
    QString id;   // the peer name: "ns/name[Kind]", "{LoadBalancer ns/name}", "0.0.0.0-255.255.255.255"
    QString name; // the full workload name (never elided), or the id for entries and external blocks
    QString ns;   // empty for external blocks
    QString kind; // Deployment, StatefulSet, ..., LoadBalancer, NodePort, External, ...
    Type type = Type::Workload;
    int worstCat = 0; // worst open finding: 1 (CAT I) .. 3, 0 when none
    int openFindings = 0;
    bool inherited = false; // a platform part the program inherits (istio-system, monitoring, ...)
    QString change;         // in a comparison (GraphDiff::merge): "added", "removed", or empty
};

struct GraphEdge
{
    int src = 0; // node indices
    int dst = 0;
    QString conn; // "TCP 8080", "All Connections", ...
    QString mtls; // strict, permissive, plaintext, fails, not-in-mesh
    QStringList why;
    QJsonObject mtlsPorts;
    QStringList mtlsWhy;
    QJsonObject authz;
    QString change; // in a comparison (GraphDiff::merge): "added", "changed" (ports), "removed", or empty
};

struct GraphCluster
{
    QString ns;
    QList<int> nodes; // workload nodes of the namespace, sorted by id
    bool inherited = false;
};

struct Graph
{
    QList<GraphNode> nodes;       // workloads (by namespace, then id), then entries, then external blocks
    QList<GraphEdge> edges;       // sorted by source id, then destination id
    QList<GraphCluster> clusters; // sorted by namespace
    int storedEdges = 0; // workload-pair flows before filters (for "every flow drawn unless filtered")

    // Clusters from the workload nodes: one per namespace, sorted, members by node index.
    void groupClusters()
    {
        QMap<QString, GraphCluster> byNs;
        for (int i = 0; i < nodes.size(); ++i) {
            const GraphNode& n = nodes[i];
            if (n.type != GraphNode::Type::Workload)
                continue;
            GraphCluster& c = byNs[n.ns];
            c.ns = n.ns;
            c.inherited = n.inherited;
            c.nodes << i;
        }
        clusters = byNs.values();
    }

    int indexOf(const QString& id) const
    {
        for (int i = 0; i < nodes.size(); ++i)
            if (nodes[i].id == id)
                return i;
        return -1;
    }
};

} // namespace tollgate
