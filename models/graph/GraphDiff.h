#pragma once

#include "graph/Graph.h"

#include <QSet>

namespace tollgate {

// Which flows of a graph are new since an earlier graph (the approved baseline), which changed their
// ports, and which are gone, compared by (source, destination) peer names. The Graph page and the
// exported diagram highlight them; removed flows whose two ends still exist are drawn as ghosts.
struct GraphDiff
{
    struct Removed
    {
        QString src; // peer names in the earlier graph
        QString dst;
        QString conn;
        int srcNode = -1; // node indices in the current graph, -1 when that end is gone too
        int dstNode = -1;
    };

    QSet<int> added;   // edge indices in the current graph
    QSet<int> changed; // edge indices in the current graph whose connection differs
    QList<Removed> removed;

    bool isEmpty() const { return added.isEmpty() && changed.isEmpty() && removed.isEmpty(); }
    [[nodiscard]] static GraphDiff compare(const Graph& before, const Graph& current);
    // Both graphs in one, so that a single layout keeps every node in its place: the current graph's
    // nodes and flows, plus what only the earlier one has, each marked in `change` (nodes: added,
    // removed; flows: added, changed, removed; a removed flow keeps its old ports). `changedOnly`
    // keeps just the marked flows and nodes and the ends of those flows.
    [[nodiscard]] static Graph merge(const Graph& before, const Graph& current, bool changedOnly = false);
};

} // namespace tollgate
