#pragma once

#include "base/Result.h"
#include "graph/Graph.h"

#include <QJsonObject>
#include <QRectF>

namespace tollgate {

// Positions for the diagram, from Graphviz (libgvc) in two levels: each namespace alone (dot when small
// and sparse, sfdp otherwise; an allow-all namespace's n² edges collapsed to a star first), then the
// namespace meta-graph with the entry points and external blocks (dot, or sfdp when dense). Entry
// points sit on the left of the system boundary line, external blocks on its right. Graphviz gives
// positions only: edges, badges and labels are drawn by Tollgate. Graphviz is not thread-safe: every gv
// call holds one process-wide mutex. Deterministic: same graph, same positions (sorted input, fixed seed).
class GraphLayout
{
public:
    static constexpr const char* Version = "3";

    struct Positions
    {
        QList<QRectF> nodes;    // per node index, in points, y down
        QList<QRectF> clusters; // per cluster index
        QRectF boundary;        // the system boundary line
        QRectF bounds;          // everything
        QJsonObject toJson() const;
        static Positions fromJson(const QJsonObject& o);
        bool isValidFor(const Graph& g) const
        {
            return nodes.size() == g.nodes.size() && clusters.size() == g.clusters.size();
        }
    };

    // Node size in points: wide enough for the full name at the painter's label font (9 pt sans).
    static QSizeF nodeSize(const GraphNode& node);
    // The cache key: a hash of everything the layout depends on (nodes, sizes, clusters, edges, version).
    static QByteArray key(const Graph& graph);
    [[nodiscard]] static Result<Positions> compute(const Graph& graph);
};

} // namespace tollgate
