#pragma once

#include "base/Result.h"
#include "kube/LabelSelector.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectionSet.h"

#include <optional>

namespace tollgate {

// One NetworkPolicy compiled for evaluation, with Kubernetes' defaults applied and validated as the
// API server (and netpol-analyzer) validate it.
class NetworkPolicyModel
{
public:
    struct Port
    {
        ConnectionSet::Protocol protocol = ConnectionSet::TCP;
        bool allPorts = false; // no port given: every port of the protocol
        quint32 port = 0;
        quint32 endPort = 0;
        QString named; // a container port name, resolved against the destination
    };

    struct Peer
    {
        bool isIpBlock = false;
        std::optional<LabelSelector> podSelector;
        std::optional<LabelSelector> namespaceSelector;
        IntervalSet addresses; // cidr minus except (IPv4)
        QString text;          // for explanations
    };

    struct Rule
    {
        bool allPeers = true; // from/to absent or empty: everyone, inside and outside the cluster
        QList<Peer> peers;
        bool allPorts = true; // ports absent or empty
        QList<Port> ports;
        bool hasNamedPorts = false;
    };

    QString ns;
    QString name;
    QString file;
    int line = 0;
    LabelSelector podSelector;
    bool ingress = false; // policyTypes
    bool egress = false;
    QList<Rule> ingressRules;
    QList<Rule> egressRules;

    // "ns/name"
    QString id() const { return ns + QLatin1Char('/') + name; }

    // Compiles the object; the error names the policy and its file:line. IPv6 blocks are skipped with
    // a warning appended to `warnings`.
    [[nodiscard]] static Result<NetworkPolicyModel> compile(const ManifestDocument& doc,
                                                            QList<Error>& warnings);

    // The ports a rule allows towards a destination whose named ports are `namedPorts`
    // (name/protocol -> number); null for an address outside the cluster (named ports resolve to nothing).
    static ConnectionSet rulePorts(const Rule& rule, const QHash<QString, quint32>* namedPorts);
    static QString namedPortKey(const QString& name, ConnectionSet::Protocol p);

    // Parses "a.b.c.d/n" into an address range; false for anything else (IPv6 sets isIpv6).
    static bool parseCidr(const QString& cidr, IntervalSet::Range& out, bool* isIpv6 = nullptr);
    static QString ipText(quint32 ip);
};

} // namespace tollgate
