#pragma once

#include <QString>

namespace tollgate::bench {

// Writes a synthetic cluster: namespaces with labels, Deployments and the Pods their ReplicaSets made
// (pod-template-hash, owner references), Services, and NetworkPolicies with pod/namespace selectors,
// matchExpressions, named and numbered ports and ipBlocks with except. One file per namespace, as
// multi-document YAML or as a JSON List. Deterministic for the same sizes.
class ClusterGenerator
{
public:
    struct Size
    {
        int namespaces = 500;
        int pods = 10000;
        int services = 2000;
        int policies = 3000;
        int adminPolicies = 0;       // AdminNetworkPolicies (and one BaselineAdminNetworkPolicy when > 0)
        int ingresses = 0;           // Ingress objects, one per namespace from the first
        int variant = 0;             // > 0: every 20th NetworkPolicy opens another port (a 5% change)
        bool intraNamespace = false; // a NetworkPolicy per namespace that allows traffic within it
        bool mesh =
            false; // every namespace injected, a PeerAuthentication and two AuthorizationPolicies each
    };
    enum class Format
    {
        Yaml,
        Json
    };

    // Returns the number of bytes written.
    static qint64 write(const QString& dir, const Size& size, Format format);
};

} // namespace tollgate::bench
