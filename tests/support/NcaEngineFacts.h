#pragma once

#include "NcaFacts.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectivityResult.h"

namespace tollgate::test {

// What Tollgate's engine computes for a config, as NCA facts: every allowed flow between workloads
// and address blocks (entry nodes such as `{ingress-controller}` are Tollgate's own and left out),
// with the TCP part cut to what the mesh still allows (AuthorizationPolicy, a Sidecar's black hole);
// non-TCP connections are what the network policies allow, since Istio does not restrict them. Each
// workload with a sidecar also reaches the external hosts the mesh lets it reach (ServiceEntry hosts
// cut by its Sidecar's egress hosts).
class NcaEngineFacts
{
public:
    static NcaFacts compute(const ConnectivityResult& result, const QList<ManifestDocument>& objects);
};

} // namespace tollgate::test
