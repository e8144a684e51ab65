#pragma once

#include "base/Result.h"
#include "network/ConnectivityResult.h"

#include <optional>

namespace tollgate {

class Workspace;

// The stored flows of a snapshot: a cache keyed by snapshot and engine version, per pair of
// equivalence classes. Reading never recomputes when a current cache exists; a new engine version
// recomputes. On a read-only workspace the result is computed and not stored.
class FlowStore
{
public:
    explicit FlowStore(Workspace& ws) : m_ws(ws) {}

    static constexpr const char* Engine = "connectivity";

    [[nodiscard]] Result<ConnectivityResult> flows(qint64 snapshotId);
    [[nodiscard]] Result<std::optional<ConnectivityResult>> load(qint64 snapshotId) const;
    [[nodiscard]] Status save(qint64 snapshotId, const ConnectivityResult& result);

private:
    Workspace& m_ws;
};

} // namespace tollgate
