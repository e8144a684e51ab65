#pragma once

#include "graph/Graph.h"

namespace tollgate {

// The graph as Graphviz DOT: every workload (cluster per namespace), entry point and external block,
// every flow with its attributes (ports, mtls, why). Sorted, so the same graph gives the same text.
class GraphDot
{
public:
    struct Title
    {
        QString system;
        QString cluster;
        QString snapshot;
        QString date;
        QString marking;
    };
    static QString dot(const Graph& graph, const Title& title = {});
};

} // namespace tollgate
