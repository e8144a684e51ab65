#pragma once

#include "base/Result.h"
#include "graph/GraphLayout.h"

#include <optional>

namespace tollgate {

class Workspace;

// Layouts cached in the workspace (cache_runs, engine "layout", keyed by snapshot and GraphLayout::key),
// so reopening a diagram is instant. A read-only workspace computes and does not store.
class GraphLayoutStore
{
public:
    explicit GraphLayoutStore(Workspace& ws) : m_ws(ws) {}

    static constexpr const char* Engine = "layout";

    [[nodiscard]] Result<std::optional<GraphLayout::Positions>> load(qint64 snapshotId,
                                                                     const QByteArray& key) const;
    [[nodiscard]] Status save(qint64 snapshotId, const QByteArray& key,
                              const GraphLayout::Positions& positions);
    // The cached layout when there is one for this graph, else computed (and stored when writable).
    // `cached`, when given, tells which it was.
    [[nodiscard]] Result<GraphLayout::Positions> positions(qint64 snapshotId, const Graph& graph,
                                                           bool* cached = nullptr);

private:
    Workspace& m_ws;
};

} // namespace tollgate
