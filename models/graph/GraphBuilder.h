#pragma once

#include "graph/Graph.h"
#include "network/ConnectivityResult.h"

#include <QHash>

namespace tollgate {

// What the graph shows (GraphBuilder::build).
struct GraphFilter
{
    QStringList namespaces;       // only workloads of these namespaces (and the entries/blocks they talk to)
    QStringList hiddenNamespaces; // never these namespaces (the Graph page hides system namespaces)
    bool exposedOnly = false;     // only workloads an entry point or an external block reaches, and those
    bool hideExternal = false;    // leave external IP blocks (and the flows to and from them) out
    int minCat = 0;               // 1..3: only workloads with an open finding at this CAT or worse
    QString protocol;             // TCP, UDP or SCTP: only flows that allow it
    int port = 0;                 // only flows that allow this port (with `protocol`, or any protocol)
    QString mtls;                 // only flows in this mTLS state (strict, permissive, plaintext, ...)
    QString focus;                // a workload (name, ns/name or peer name) and its neighbours
    int depth = 1;                // 1 or 2
    bool blastRadius = false;     // with `focus`: everything the focus reaches, transitively, along flows
    QStringList inherited;        // namespaces drawn as inherited (default: defaultInherited())
    bool inheritedSet = false;
};

// The worst open finding of one workload.
struct GraphBadge
{
    int worstCat = 0;
    int open = 0;
};

// Builds the service graph from the stored flows of a snapshot (FlowFormatter expands class flows to
// workload pairs, entries included), with filters and a focus. Pure: no store access.
class GraphBuilder
{
public:
    using Filter = GraphFilter;

    // Worst open finding per workload: key "ns/name" (the peer name without its [Kind]).
    using Badge = GraphBadge;
    using Badges = QHash<QString, Badge>;

    static QStringList defaultInherited();
    // "ns/name[Kind]" -> ns, name, kind. False for entries and external blocks.
    static bool splitPeer(const QString& peer, QString& ns, QString& name, QString& kind);

    [[nodiscard]] static Graph build(const ConnectivityResult& result, const Badges& badges = {},
                                     const Filter& filter = {});
};

} // namespace tollgate
