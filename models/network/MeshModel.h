#pragma once

#include "kube/Inventory.h"
#include "kube/LabelSelector.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectionSet.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>
#include <optional>

namespace tollgate {

// The Istio mesh as the snapshot configures it, for the mTLS state of every flow: sidecar injection,
// the server side (PeerAuthentication: workload selector over namespace over the mesh root namespace,
// portLevelMtls only on a policy with a selector, UNSET inherits, nothing at all means PERMISSIVE),
// and the client side (DestinationRule tls.mode and portLevelSettings, else auto mTLS).
class MeshModel
{
public:
    // Ordered weakest first: a flow's state is its weakest port's.
    enum class State
    {
        Fails,
        Plaintext,
        NotInMesh,
        Permissive,
        Strict
    };
    static QString stateName(State s);

    struct Verdict
    {
        State state = State::NotInMesh;
        QJsonObject ports; // port -> state, where ports differ from the default
        QStringList why;
    };

    static MeshModel build(const QList<ManifestDocument>& objects, const Inventory& inventory);

    bool hasMesh() const { return m_hasMesh; }
    const QString& rootNamespace() const { return m_rootNs; }
    // Whether a workload runs with a sidecar, and why.
    bool injected(const WorkloadInfo& w, QString* why = nullptr) const;

    // The mTLS state of a connection from a client to a server workload on the allowed ports.
    Verdict evaluate(bool clientInjected, const QString& clientNs, bool serverInjected,
                     const QString& serverNs, const QJsonObject& serverLabels,
                     const ConnectionSet& conn) const;

    // Istio AuthorizationPolicy at the server, in Istio's order: CUSTOM (reported as external), then
    // DENY, then ALLOW (when ALLOW policies select the workload a request must match one; an ALLOW
    // policy with no rules denies all). Principals and namespaces come from the client's mTLS identity,
    // so a client without mTLS carries none. Methods, paths and hosts are recorded as L7 conditions.
    struct Client
    {
        bool pod = false; // false: outside the cluster or an entry point
        bool injected = false;
        bool mtls = false; // the connection uses Istio mTLS (strict or permissive)
        QString ns;
        QString serviceAccount;
    };
    struct Authz
    {
        QString state; // "none" (no policy applies), "allow", "deny", "partial", "conditional", "custom"
        ConnectionSet allowed;
        QStringList why;
        QStringList l7;
    };
    Authz authorize(const Client& client, bool serverInjected, const QString& serverNs,
                    const QJsonObject& serverLabels, const ConnectionSet& conn) const;

    // Which external hosts a workload may reach: ServiceEntry hosts exported to its namespace, cut by its
    // Sidecar's egress hosts (a registry host the Sidecar hides is unreachable), and, when the outbound
    // policy is ALLOW_ANY, any host that is not in the registry.
    struct Egress
    {
        QString policy; // ALLOW_ANY, REGISTRY_ONLY, or "no sidecar"
        QStringList hosts;
        QStringList
            passthrough; // of hosts: registry hosts the proxy does not see, passed through (ALLOW_ANY)
        QString source;  // the Sidecar that applies, or the mesh config
    };
    Egress egress(const WorkloadInfo& w) const;
    // The outbound traffic policy of an injected workload's proxy: its Sidecar's, else the mesh's.
    // Under REGISTRY_ONLY the proxy sends TCP to an address outside the service registry to the black
    // hole; under ALLOW_ANY it passes it through. `source` names what decides it.
    QString outboundPolicy(const QString& ns, const QJsonObject& labels, QString* source = nullptr) const;

    // Whether an injected client's Sidecar lets it reach a service of the server workload. A Sidecar
    // with egress hosts limits the services its proxy knows: an unlisted one is sent to the black hole
    // under REGISTRY_ONLY, and passed through without mTLS under ALLOW_ANY.
    struct ServiceReach
    {
        bool limited = false; // a Sidecar with egress hosts applies
        bool listed = true;
        QString policy;
        QString source;
    };
    ServiceReach reachService(const QString& clientNs, const QJsonObject& clientLabels,
                              const QString& serverNs, const QJsonObject& serverLabels) const;

    // Istio Gateways and VirtualServices. An Envoy gateway (a pod that a Gateway's spec.selector selects,
    // in any namespace) originates traffic only along the routes of the VirtualServices bound to its
    // Gateways; a sidecar sends a host to where a VirtualService bound to `mesh` routes it.
    struct Route
    {
        QString gateway; // "ns/name" of the Gateway, or "mesh"
        QString host;    // the destination host as written
        quint32 port = 0;
        QString vsNs;
        QString vs; // "ns/name (file:line)"
    };
    // The Gateways ("ns/name") that select a workload, and the routes bound to them.
    struct GatewayRoutes
    {
        QStringList gateways;
        QList<Route> routes;
    };
    GatewayRoutes gatewayRoutes(const QJsonObject& labels) const;
    // The Service a route's destination host names ("name", "name.ns", "name.ns.svc.cluster.local"),
    // resolved in the VirtualService's namespace; null when it is not a Service of the snapshot.
    const ServiceInfo* serviceOfHost(const QString& host, const QString& vsNs) const;
    // Whether a destination host is a Kubernetes service name (short, or under .svc.cluster.local).
    static bool isClusterHost(const QString& host);

    // Per workload: injection, effective modes, policies in force, circuit breakers, egress limits, logging.
    QList<QJsonObject> report(const Inventory& inventory) const;

private:
    struct PeerAuth
    {
        QString ns;
        QString name;
        std::optional<LabelSelector> selector;
        QString mode; // STRICT, PERMISSIVE, DISABLE, UNSET
        QMap<quint32, QString> portModes;
        QString where;
    };
    struct DestRule
    {
        QString ns;
        QString name;
        QString host;
        QString tlsMode; // empty: not set
        QMap<quint32, QString> portModes;
        bool outlierDetection = false;
        bool connectionPool = false;
        QString where;
    };
    struct ServerMode
    {
        QString mode;
        QString source;
    };
    struct ClientMode
    {
        QString mode; // ISTIO_MUTUAL, DISABLE, SIMPLE, MUTUAL, or AUTO
        QString source;
    };

    ServerMode serverMode(const QString& ns, const QJsonObject& labels, quint32 port) const;
    struct SidecarInfo;
    const SidecarInfo* sidecarFor(const QString& ns, const QJsonObject& labels) const;
    static bool sidecarListsHost(const SidecarInfo& sc, const QString& clientNs, const QString& hostNs,
                                 const QString& host);
    ClientMode clientMode(const QString& clientNs, const QStringList& hosts, quint32 port) const;
    QStringList serviceHosts(const QString& ns, const QJsonObject& labels) const;
    State portState(bool clientInjected, const ClientMode& client, bool serverInjected,
                    const ServerMode& server, QString& reason) const;
    static bool hostMatches(const QString& pattern, const QString& host);

    bool m_hasMesh = false;
    QString m_rootNs = QStringLiteral("istio-system");
    bool m_meshAccessLog = false;
    bool m_autoMtls = true;
    QString m_outbound = QStringLiteral("ALLOW_ANY");
    QHash<QString, QJsonObject> m_nsLabels;
    QList<PeerAuth> m_peerAuth;
    struct AuthzPolicy
    {
        QString ns;
        QString name;
        QString action; // ALLOW, DENY, AUDIT, CUSTOM
        std::optional<LabelSelector> selector;
        QJsonArray rules;
        bool hasRules = false;
        QString where;
    };
    QList<AuthzPolicy> m_authz;
    // Indexes by namespace, so each flow looks only at its own namespaces' objects.
    QHash<QString, QList<int>> m_peerAuthByNs;
    QHash<QString, QList<int>> m_destRulesByNs;
    QHash<QString, QList<int>> m_authzByNs;
    QHash<QString, QList<int>> m_servicesByNs;
    QList<DestRule> m_destRules;
    QList<ServiceInfo> m_services;
    QMap<QString, QStringList> m_telemetryLogging; // namespace -> Telemetry objects with access logging
    QMap<QString, QStringList> m_requestAuthn;     // namespace -> RequestAuthentication objects
    struct ServiceEntryInfo
    {
        QString ns;
        QString name;
        QStringList hosts;
        bool external = true;
        QStringList exportTo;
    };
    struct SidecarInfo
    {
        QString ns;
        QString name;
        std::optional<LabelSelector> selector;
        QStringList egressHosts; // "ns/host"
        QString outbound;        // empty: the mesh's
        QString where;
    };
    QList<ServiceEntryInfo> m_serviceEntries;
    QList<SidecarInfo> m_sidecars;
    struct GatewayInfo
    {
        QString ns;
        QString name;
        LabelSelector selector;
    };
    struct VirtualServiceInfo
    {
        QString ns;
        QString name;
        QStringList hosts;
        QList<Route> routes;
    };
    QList<GatewayInfo> m_gateways;
    QList<VirtualServiceInfo> m_virtualServices;
    // Where a VirtualService bound to `mesh` and visible to the client sends a host: the other
    // destinations, or empty when the host is reached directly.
    QList<Route> meshRedirect(const QString& clientNs, const SidecarInfo* sc, const QString& host) const;
};

} // namespace tollgate
