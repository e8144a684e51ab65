#pragma once

#include "base/Result.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectivityResult.h"
#include "network/NetworkPolicyModel.h"

#include <QHash>

namespace tollgate {

// Computes every connection that NetworkPolicies allow between workloads, and between workloads and
// address blocks outside the cluster, with Kubernetes' semantics: a pod is isolated for a direction
// when a policy of its namespace selects it for that direction; a connection needs both the source's
// egress and the destination's ingress. Work is per equivalence class, not per pod pair.
class ConnectivityEngine
{
public:
    static constexpr const char* Version = "np-8";

    // Fatal inputs (an invalid policy, duplicate names) fail with file, line and what; recoverable
    // ones become warnings in the result.
    [[nodiscard]] static Result<ConnectivityResult> compute(const QList<ManifestDocument>& objects);

    struct Explanation
    {
        bool found = false;
        QString src;
        QString dst;
        ConnectionSet allowed;    // what the network policies allow
        QString authz;            // the mesh's AuthorizationPolicy verdict, empty without a mesh
        ConnectionSet meshAllows; // what the mesh still allows of it
        QStringList lines;
    };
    // Why SRC may or may not reach DST (peer names, "ns/name", or an IPv4 address).
    [[nodiscard]] static Result<Explanation> explain(const QList<ManifestDocument>& objects,
                                                     const QString& src, const QString& dst);
};

} // namespace tollgate
