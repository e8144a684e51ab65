#include "network/MeshModel.h"

#include "kube/InventoryBuilder.h"
#include "kube/KubeKinds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace tollgate {

namespace {
QString modeOf(const QJsonObject& mtls)
{
    const QString m = mtls.value(QLatin1String("mode")).toString();
    return m.isEmpty() ? QStringLiteral("UNSET") : m;
}

// An Istio workload selector (`selector: {matchLabels: ...}`); none when absent or unreadable.
std::optional<LabelSelector> workloadSelector(const QJsonObject& spec)
{
    if (!spec.contains(QLatin1String("selector")))
        return std::nullopt;
    auto sel = LabelSelector::parse(spec.value(QLatin1String("selector")));
    return sel ? std::optional<LabelSelector>(sel.value()) : std::nullopt;
}

QString where(const ManifestDocument& d)
{
    return d.file + QLatin1Char(':') + QString::number(d.line);
}
} // namespace

QString MeshModel::stateName(State s)
{
    switch (s) {
    case State::Fails:
        return QStringLiteral("fails");
    case State::Plaintext:
        return QStringLiteral("plaintext");
    case State::NotInMesh:
        return QStringLiteral("not-in-mesh");
    case State::Permissive:
        return QStringLiteral("permissive");
    case State::Strict:
        return QStringLiteral("strict");
    }
    return {};
}

MeshModel MeshModel::build(const QList<ManifestDocument>& objects, const Inventory& inventory)
{
    MeshModel m;
    m.m_services = inventory.services;
    for (const NamespaceInfo& n : inventory.namespaces)
        m.m_nsLabels.insert(n.name, n.labels);
    for (const ManifestDocument& d : objects) {
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        const QString group = KubeKinds::groupOf(d.body.value(QLatin1String("apiVersion")).toString());
        const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
        const QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
        QString ns = meta.value(QLatin1String("namespace")).toString();
        if (ns.isEmpty())
            ns = QStringLiteral("default");
        const QString name = meta.value(QLatin1String("name")).toString();
        if (group.endsWith(QLatin1String("istio.io")))
            m.m_hasMesh = true;
        if (kind == QLatin1String("ConfigMap") && group.isEmpty() && name == QLatin1String("istio")) {
            // The mesh config: root namespace, access logging, outbound traffic policy, auto mTLS.
            try {
                const YAML::Node mesh = YAML::Load(d.body.value(QLatin1String("data"))
                                                       .toObject()
                                                       .value(QLatin1String("mesh"))
                                                       .toString()
                                                       .toStdString());
                if (mesh.IsMap()) {
                    if (mesh["rootNamespace"])
                        m.m_rootNs = QString::fromStdString(mesh["rootNamespace"].as<std::string>());
                    if (mesh["accessLogFile"])
                        m.m_meshAccessLog = !mesh["accessLogFile"].as<std::string>().empty();
                    if (mesh["enableAutoMtls"])
                        m.m_autoMtls = mesh["enableAutoMtls"].as<std::string>() != "false";
                    if (mesh["outboundTrafficPolicy"] && mesh["outboundTrafficPolicy"]["mode"])
                        m.m_outbound =
                            QString::fromStdString(mesh["outboundTrafficPolicy"]["mode"].as<std::string>());
                }
            } catch (const YAML::Exception&) {
                // An unreadable mesh config leaves Istio's defaults.
            }
        } else if (kind == QLatin1String("PeerAuthentication") &&
                   group == QLatin1String("security.istio.io")) {
            PeerAuth p;
            p.ns = ns;
            p.name = name;
            p.where = where(d);
            p.selector = workloadSelector(spec);
            p.mode = modeOf(spec.value(QLatin1String("mtls")).toObject());
            const QJsonObject ports = spec.value(QLatin1String("portLevelMtls")).toObject();
            for (auto it = ports.begin(); it != ports.end(); ++it)
                p.portModes.insert(it.key().toUInt(), modeOf(it.value().toObject()));
            m.m_peerAuth << p;
        } else if (kind == QLatin1String("AuthorizationPolicy") &&
                   group == QLatin1String("security.istio.io")) {
            AuthzPolicy a;
            a.ns = ns;
            a.name = name;
            a.where = where(d);
            a.action = spec.value(QLatin1String("action")).toString();
            if (a.action.isEmpty())
                a.action = QStringLiteral("ALLOW");
            a.selector = workloadSelector(spec);
            a.rules = spec.value(QLatin1String("rules")).toArray();
            a.hasRules = spec.contains(QLatin1String("rules"));
            m.m_authz << a;
        } else if (kind == QLatin1String("DestinationRule") &&
                   group == QLatin1String("networking.istio.io")) {
            DestRule r;
            r.ns = ns;
            r.name = name;
            r.where = where(d);
            r.host = spec.value(QLatin1String("host")).toString();
            const QJsonObject tp = spec.value(QLatin1String("trafficPolicy")).toObject();
            r.tlsMode = tp.value(QLatin1String("tls")).toObject().value(QLatin1String("mode")).toString();
            r.outlierDetection = tp.contains(QLatin1String("outlierDetection"));
            r.connectionPool = tp.contains(QLatin1String("connectionPool"));
            for (const QJsonValue& pv : tp.value(QLatin1String("portLevelSettings")).toArray()) {
                const QJsonObject po = pv.toObject();
                const QString mode =
                    po.value(QLatin1String("tls")).toObject().value(QLatin1String("mode")).toString();
                const quint32 port = static_cast<quint32>(
                    po.value(QLatin1String("port")).toObject().value(QLatin1String("number")).toInt());
                if (port && !mode.isEmpty())
                    r.portModes.insert(port, mode);
            }
            m.m_destRules << r;
        } else if (kind == QLatin1String("Telemetry") && group == QLatin1String("telemetry.istio.io")) {
            if (spec.contains(QLatin1String("accessLogging")))
                m.m_telemetryLogging[ns] << name;
        } else if (kind == QLatin1String("RequestAuthentication") &&
                   group == QLatin1String("security.istio.io")) {
            m.m_requestAuthn[ns] << name;
        } else if (kind == QLatin1String("Sidecar") && group == QLatin1String("networking.istio.io")) {
            SidecarInfo sc;
            sc.ns = ns;
            sc.name = name;
            sc.where = where(d);
            const QJsonObject ws = spec.value(QLatin1String("workloadSelector")).toObject();
            if (!ws.isEmpty())
                sc.selector = LabelSelector::parse(QJsonObject{{QStringLiteral("matchLabels"),
                                                                ws.value(QLatin1String("labels"))}})
                                  .value();
            for (const QJsonValue& ev : spec.value(QLatin1String("egress")).toArray())
                for (const QJsonValue& h : ev.toObject().value(QLatin1String("hosts")).toArray())
                    sc.egressHosts << h.toString();
            sc.outbound = spec.value(QLatin1String("outboundTrafficPolicy"))
                              .toObject()
                              .value(QLatin1String("mode"))
                              .toString();
            m.m_sidecars << sc;
        } else if (kind == QLatin1String("ServiceEntry") && group == QLatin1String("networking.istio.io")) {
            ServiceEntryInfo se;
            se.ns = ns;
            se.name = name;
            for (const QJsonValue& h : spec.value(QLatin1String("hosts")).toArray())
                se.hosts << h.toString();
            se.external = spec.value(QLatin1String("location")).toString() != QLatin1String("MESH_INTERNAL");
            for (const QJsonValue& e : spec.value(QLatin1String("exportTo")).toArray())
                se.exportTo << e.toString();
            m.m_serviceEntries << se;
        } else if (kind == QLatin1String("Gateway") && group == QLatin1String("networking.istio.io")) {
            const QJsonObject sel = spec.value(QLatin1String("selector")).toObject();
            if (sel.isEmpty())
                continue;
            auto parsed = LabelSelector::parse(QJsonObject{{QStringLiteral("matchLabels"), sel}});
            if (parsed)
                m.m_gateways << GatewayInfo{ns, name, parsed.value()};
        } else if (kind == QLatin1String("VirtualService") && group == QLatin1String("networking.istio.io")) {
            VirtualServiceInfo vs;
            vs.ns = ns;
            vs.name = name;
            for (const QJsonValue& h : spec.value(QLatin1String("hosts")).toArray())
                vs.hosts << h.toString();
            // A gateway name without a namespace is the VirtualService's namespace; no gateways: mesh.
            auto gatewayKey = [&](const QString& g) -> QString {
                if (g == QLatin1String("mesh") || g.contains(QLatin1Char('/')))
                    return g;
                return ns + QLatin1Char('/') + g;
            };
            QStringList top;
            for (const QJsonValue& g : spec.value(QLatin1String("gateways")).toArray())
                top << gatewayKey(g.toString());
            if (top.isEmpty())
                top << QStringLiteral("mesh");
            const QString vsWhere = QStringLiteral("%1/%2 (%3)").arg(ns, name, where(d));
            for (const char* section : {"http", "tcp", "tls"}) {
                for (const QJsonValue& rv : spec.value(QLatin1String(section)).toArray()) {
                    const QJsonObject rule = rv.toObject();
                    // Gateways in a match override the top-level ones; a match without them keeps those.
                    QStringList gws;
                    const QJsonArray matches = rule.value(QLatin1String("match")).toArray();
                    bool inherits = matches.isEmpty();
                    for (const QJsonValue& mv : matches) {
                        const QJsonArray mg = mv.toObject().value(QLatin1String("gateways")).toArray();
                        if (mg.isEmpty())
                            inherits = true;
                        for (const QJsonValue& g : mg)
                            gws << gatewayKey(g.toString());
                    }
                    if (inherits)
                        gws += top;
                    gws.removeDuplicates();
                    for (const QJsonValue& dv : rule.value(QLatin1String("route")).toArray()) {
                        const QJsonObject dest = dv.toObject().value(QLatin1String("destination")).toObject();
                        for (const QString& g : std::as_const(gws)) {
                            Route r;
                            r.gateway = g;
                            r.host = dest.value(QLatin1String("host")).toString();
                            r.port = static_cast<quint32>(dest.value(QLatin1String("port"))
                                                              .toObject()
                                                              .value(QLatin1String("number"))
                                                              .toInt());
                            r.vsNs = ns;
                            r.vs = vsWhere;
                            vs.routes << r;
                        }
                    }
                }
            }
            m.m_virtualServices << vs;
        }
    }
    for (const WorkloadInfo& w : inventory.workloads)
        if (w.topLevel && m.injected(w))
            m.m_hasMesh = true;
    for (int i = 0; i < m.m_peerAuth.size(); ++i)
        m.m_peerAuthByNs[m.m_peerAuth[i].ns] << i;
    for (int i = 0; i < m.m_destRules.size(); ++i)
        m.m_destRulesByNs[m.m_destRules[i].ns] << i;
    for (int i = 0; i < m.m_authz.size(); ++i)
        m.m_authzByNs[m.m_authz[i].ns] << i;
    for (int i = 0; i < m.m_services.size(); ++i)
        m.m_servicesByNs[m.m_services[i].ns] << i;
    return m;
}

bool MeshModel::injected(const WorkloadInfo& w, QString* why) const
{
    auto say = [&](const QString& s) {
        if (why)
            *why = s;
    };
    for (const ContainerInfo& c : w.containers) {
        if (c.name == QLatin1String("istio-proxy") && c.role == QLatin1String("container")) {
            say(QStringLiteral("the pod runs an istio-proxy container (a gateway, or already injected)"));
            return true;
        }
    }
    if (w.hostNetwork) {
        say(QStringLiteral("hostNetwork pods are never injected"));
        return false;
    }
    for (const QJsonObject* o : {&w.podLabels, &w.podAnnotations}) {
        const QString v = o->value(QLatin1String("sidecar.istio.io/inject")).toVariant().toString();
        if (v == QLatin1String("true")) {
            say(QStringLiteral("sidecar.istio.io/inject=true on the pod"));
            return true;
        }
        if (v == QLatin1String("false")) {
            say(QStringLiteral("sidecar.istio.io/inject=false on the pod"));
            return false;
        }
    }
    const QJsonObject ns = m_nsLabels.value(w.ns);
    const QString label = ns.value(QLatin1String("istio-injection")).toString();
    if (label == QLatin1String("enabled")) {
        say(QStringLiteral("namespace %1 has istio-injection=enabled").arg(w.ns));
        return true;
    }
    if (label == QLatin1String("disabled")) {
        say(QStringLiteral("namespace %1 has istio-injection=disabled").arg(w.ns));
        return false;
    }
    if (ns.contains(QLatin1String("istio.io/rev"))) {
        say(QStringLiteral("namespace %1 has istio.io/rev").arg(w.ns));
        return true;
    }
    say(QStringLiteral("no injection label on namespace %1 or the pod").arg(w.ns));
    return false;
}

MeshModel::ServerMode MeshModel::serverMode(const QString& ns, const QJsonObject& labels, quint32 port) const
{
    // Workload level (a selector in the workload's namespace; port-level only here), then namespace,
    // then the mesh root namespace; UNSET inherits; nothing at all means PERMISSIVE.
    const PeerAuth* workload = nullptr;
    const PeerAuth* nsWide = nullptr;
    const PeerAuth* root = nullptr;
    for (const QString& scope : {ns, m_rootNs}) {
        for (int i : m_peerAuthByNs.value(scope)) {
            const PeerAuth& p = m_peerAuth[i];
            if (p.ns == ns && p.selector && !p.selector->isEmpty() && p.selector->matches(labels) &&
                !workload)
                workload = &p;
            else if (p.ns == ns && (!p.selector || p.selector->isEmpty()) && !nsWide)
                nsWide = &p;
            if (p.ns == m_rootNs && (!p.selector || p.selector->isEmpty()) && !root)
                root = &p;
        }
        if (scope == m_rootNs)
            break;
    }
    if (workload) {
        const auto it = workload->portModes.constFind(port);
        if (it != workload->portModes.constEnd() && *it != QLatin1String("UNSET"))
            return {*it, QStringLiteral("PeerAuthentication %1/%2 port %3 (%4)")
                             .arg(workload->ns, workload->name)
                             .arg(port)
                             .arg(workload->where)};
        if (workload->mode != QLatin1String("UNSET"))
            return {workload->mode, QStringLiteral("PeerAuthentication %1/%2 (%3)")
                                        .arg(workload->ns, workload->name, workload->where)};
    }
    if (nsWide && nsWide->mode != QLatin1String("UNSET"))
        return {nsWide->mode,
                QStringLiteral("PeerAuthentication %1/%2 (%3)").arg(nsWide->ns, nsWide->name, nsWide->where)};
    if (root && root->mode != QLatin1String("UNSET"))
        return {
            root->mode,
            QStringLiteral("mesh-wide PeerAuthentication %1/%2 (%3)").arg(root->ns, root->name, root->where)};
    return {QStringLiteral("PERMISSIVE"),
            QStringLiteral("no PeerAuthentication applies (Istio's default is PERMISSIVE)")};
}

bool MeshModel::hostMatches(const QString& pattern, const QString& host)
{
    if (pattern == host)
        return true;
    if (pattern.startsWith(QLatin1String("*.")))
        return host.endsWith(pattern.mid(1));
    return pattern == QLatin1String("*");
}

QStringList MeshModel::serviceHosts(const QString& ns, const QJsonObject& labels) const
{
    QStringList hosts;
    for (int i : m_servicesByNs.value(ns)) {
        const ServiceInfo& s = m_services[i];
        if (InventoryBuilder::selectorMatches(s.selector, labels))
            hosts << s.name + QLatin1Char('.') + s.ns + QStringLiteral(".svc.cluster.local");
    }
    return hosts;
}

MeshModel::ClientMode MeshModel::clientMode(const QString& clientNs, const QStringList& hosts,
                                            quint32 port) const
{
    // DestinationRules of the client's namespace first, then the service's, then the root namespace.
    auto fqdn = [](const DestRule& r) -> QString {
        if (r.host.contains(QLatin1Char('.')) || r.host.startsWith(QLatin1Char('*')))
            return r.host.count(QLatin1Char('.')) == 1 && !r.host.startsWith(QLatin1Char('*'))
                       ? r.host + QStringLiteral(".svc.cluster.local")
                       : r.host;
        return r.host + QLatin1Char('.') + r.ns + QStringLiteral(".svc.cluster.local");
    };
    for (const QString& host : hosts) {
        const QString serviceNs = host.section(QLatin1Char('.'), 1, 1);
        for (const QString& ns : {clientNs, serviceNs, m_rootNs}) {
            for (int i : m_destRulesByNs.value(ns)) {
                const DestRule& r = m_destRules[i];
                if (!hostMatches(fqdn(r), host))
                    continue;
                const auto it = r.portModes.constFind(port);
                if (it != r.portModes.constEnd())
                    return {*it, QStringLiteral("DestinationRule %1/%2 port %3 (%4)")
                                     .arg(r.ns, r.name)
                                     .arg(port)
                                     .arg(r.where)};
                if (!r.tlsMode.isEmpty())
                    return {r.tlsMode,
                            QStringLiteral("DestinationRule %1/%2 (%3)").arg(r.ns, r.name, r.where)};
            }
        }
    }
    return {QStringLiteral("AUTO"), m_autoMtls
                                        ? QStringLiteral("no DestinationRule sets TLS: auto mTLS")
                                        : QStringLiteral("no DestinationRule sets TLS and auto mTLS is off")};
}

MeshModel::State MeshModel::portState(bool clientInjected, const ClientMode& client, bool serverInjected,
                                      const ServerMode& server, QString& reason) const
{
    const bool explicitMtls = clientInjected && client.mode == QLatin1String("ISTIO_MUTUAL");
    const bool sendsMtls =
        clientInjected &&
        (explicitMtls || (client.mode == QLatin1String("AUTO") && m_autoMtls && serverInjected));
    if (!serverInjected) {
        if (explicitMtls) {
            reason = QStringLiteral("the client requires mTLS (%1) but the server has no sidecar")
                         .arg(client.source);
            return State::Fails;
        }
        reason = QStringLiteral("the server has no sidecar");
        return State::NotInMesh;
    }
    if (sendsMtls) {
        if (server.mode == QLatin1String("DISABLE")) {
            reason = QStringLiteral("the client sends mTLS (%1) but the server disables it (%2)")
                         .arg(client.source, server.source);
            return State::Fails;
        }
        reason = QStringLiteral("mTLS (%1); server %2 (%3)").arg(client.source, server.mode, server.source);
        return server.mode == QLatin1String("STRICT") ? State::Strict : State::Permissive;
    }
    const QString clientWhy = clientInjected
                                  ? QStringLiteral("the client sends without mTLS (%1)").arg(client.source)
                                  : QStringLiteral("the client has no sidecar");
    if (server.mode == QLatin1String("STRICT")) {
        reason = QStringLiteral("%1 and the server is STRICT (%2): refused").arg(clientWhy, server.source);
        return State::Fails;
    }
    reason = QStringLiteral("%1; server %2 (%3)").arg(clientWhy, server.mode, server.source);
    return State::Plaintext;
}

MeshModel::Verdict MeshModel::evaluate(bool clientInjected, const QString& clientNs, bool serverInjected,
                                       const QString& serverNs, const QJsonObject& serverLabels,
                                       const ConnectionSet& conn) const
{
    Verdict v;
    const IntervalSet tcp = conn.portsOf(ConnectionSet::TCP);
    if (tcp.isEmpty()) {
        v.state = State::NotInMesh;
        v.why << QStringLiteral("mtls: only non-TCP traffic, which the mesh does not carry");
        return v;
    }
    const QStringList hosts = serviceHosts(serverNs, serverLabels);
    // Ports that a port-level setting singles out, and the default for all others.
    QList<quint32> special;
    for (int i : m_peerAuthByNs.value(serverNs)) {
        const PeerAuth& p = m_peerAuth[i];
        if (p.selector && !p.selector->isEmpty() && p.selector->matches(serverLabels))
            for (auto it = p.portModes.cbegin(); it != p.portModes.cend(); ++it)
                special << it.key();
    }
    for (const QString& ns : {clientNs, serverNs, m_rootNs})
        for (int i : m_destRulesByNs.value(ns))
            for (auto it = m_destRules[i].portModes.cbegin(); it != m_destRules[i].portModes.cend(); ++it)
                special << it.key();
    std::sort(special.begin(), special.end());
    special.erase(std::unique(special.begin(), special.end()), special.end());
    IntervalSet rest = tcp;
    State worst = State::Strict;
    bool any = false;
    for (quint32 port : std::as_const(special)) {
        if (!tcp.contains(port))
            continue;
        rest = rest.subtracted(IntervalSet::of(port, port));
        QString reason;
        const State s = portState(clientInjected, clientMode(clientNs, hosts, port), serverInjected,
                                  serverMode(serverNs, serverLabels, port), reason);
        v.ports.insert(QString::number(port), stateName(s));
        v.why << QStringLiteral("mtls: port %1 %2: %3").arg(port).arg(stateName(s), reason);
        worst = std::min(worst, s);
        any = true;
    }
    if (!rest.isEmpty()) {
        QString reason;
        const State s = portState(clientInjected, clientMode(clientNs, hosts, 0), serverInjected,
                                  serverMode(serverNs, serverLabels, 0), reason);
        if (any)
            v.ports.insert(QStringLiteral("other"), stateName(s));
        v.why << QStringLiteral("mtls: %1: %2").arg(stateName(s), reason);
        worst = std::min(worst, s);
    }
    v.state = worst;
    return v;
}

namespace {
bool wildcardMatch(const QString& pattern, const QString& value)
{
    if (pattern == QLatin1String("*"))
        return true;
    if (pattern.startsWith(QLatin1Char('*')))
        return value.endsWith(pattern.mid(1));
    if (pattern.endsWith(QLatin1Char('*')))
        return value.startsWith(pattern.chopped(1));
    return pattern == value;
}

bool anyMatch(const QJsonArray& patterns, const QString& value)
{
    for (const QJsonValue& p : patterns)
        if (wildcardMatch(p.toString(), value))
            return true;
    return false;
}

IntervalSet portsOf(const QJsonArray& ports)
{
    IntervalSet s;
    for (const QJsonValue& p : ports) {
        const quint32 n = p.toVariant().toString().toUInt();
        if (n)
            s.add(n, n);
    }
    return s;
}
} // namespace

MeshModel::Authz MeshModel::authorize(const Client& client, bool serverInjected, const QString& serverNs,
                                      const QJsonObject& serverLabels, const ConnectionSet& conn) const
{
    Authz a;
    a.allowed = conn;
    if (!serverInjected) {
        a.state = QStringLiteral("none");
        a.why << QStringLiteral("authz: the server has no sidecar; AuthorizationPolicies do not apply");
        return a;
    }
    QList<const AuthzPolicy*> applying;
    for (const QString& scope : {serverNs, m_rootNs}) {
        for (int i : m_authzByNs.value(scope)) {
            const AuthzPolicy& p = m_authz[i];
            if (!p.selector || p.selector->isEmpty() || p.selector->matches(serverLabels))
                applying << &p;
        }
        if (scope == m_rootNs)
            break;
    }
    if (applying.isEmpty()) {
        a.state = QStringLiteral("none");
        a.why << QStringLiteral("authz: no AuthorizationPolicy selects the server");
        return a;
    }
    if (std::all_of(applying.cbegin(), applying.cend(),
                    [](const AuthzPolicy* p) { return p->action == QLatin1String("AUDIT"); })) {
        a.state = QStringLiteral("none");
        a.why << QStringLiteral(
            "authz: only AUDIT policies select the server; they log requests, they do not decide");
        return a;
    }
    const QString principal =
        client.pod && client.injected && client.mtls
            ? QStringLiteral("cluster.local/ns/%1/sa/%2").arg(client.ns, client.serviceAccount)
            : QString();
    // Whether a rule matches the client (from/when at L4), and which ports its `to` covers.
    struct RuleMatch
    {
        bool matches = false;
        IntervalSet ports; // TCP ports it applies to
        QStringList l7;
    };
    auto evalRule = [&](const QJsonObject& rule) {
        RuleMatch rm;
        const QJsonArray from = rule.value(QLatin1String("from")).toArray();
        bool fromOk = from.isEmpty();
        for (const QJsonValue& fv : from) {
            const QJsonObject src = fv.toObject().value(QLatin1String("source")).toObject();
            bool ok = true;
            if (src.contains(QLatin1String("principals")))
                ok = ok && !principal.isEmpty() &&
                     anyMatch(src.value(QLatin1String("principals")).toArray(), principal);
            if (src.contains(QLatin1String("notPrincipals")))
                ok = ok && (principal.isEmpty() ||
                            !anyMatch(src.value(QLatin1String("notPrincipals")).toArray(), principal));
            if (src.contains(QLatin1String("namespaces")))
                ok = ok && !principal.isEmpty() &&
                     anyMatch(src.value(QLatin1String("namespaces")).toArray(), client.ns);
            if (src.contains(QLatin1String("notNamespaces")))
                ok = ok && (principal.isEmpty() ||
                            !anyMatch(src.value(QLatin1String("notNamespaces")).toArray(), client.ns));
            if (src.contains(QLatin1String("ipBlocks")) || src.contains(QLatin1String("remoteIpBlocks")))
                ok = ok && !client.pod; // pod addresses are not in a snapshot: only outside clients can match
            if (src.contains(QLatin1String("requestPrincipals")))
                rm.l7 << QStringLiteral("requestPrincipals %1")
                             .arg(QString::fromUtf8(
                                 QJsonDocument(src.value(QLatin1String("requestPrincipals")).toArray())
                                     .toJson(QJsonDocument::Compact)));
            fromOk = fromOk || ok;
        }
        const QJsonArray to = rule.value(QLatin1String("to")).toArray();
        IntervalSet ports;
        if (to.isEmpty())
            ports = IntervalSet::of(1, ConnectionSet::MaxPort);
        for (const QJsonValue& tv : to) {
            const QJsonObject op = tv.toObject().value(QLatin1String("operation")).toObject();
            IntervalSet p = op.contains(QLatin1String("ports"))
                                ? portsOf(op.value(QLatin1String("ports")).toArray())
                                : IntervalSet::of(1, ConnectionSet::MaxPort);
            if (op.contains(QLatin1String("notPorts")))
                p = p.subtracted(portsOf(op.value(QLatin1String("notPorts")).toArray()));
            ports = ports.united(p);
            for (const char* key : {"methods", "paths", "hosts", "notMethods", "notPaths", "notHosts"})
                if (op.contains(QLatin1String(key)))
                    rm.l7 << QStringLiteral("%1 %2").arg(
                        QLatin1String(key),
                        QString::fromUtf8(QJsonDocument(op.value(QLatin1String(key)).toArray())
                                              .toJson(QJsonDocument::Compact)));
        }
        if (rule.contains(QLatin1String("when")))
            rm.l7 << QStringLiteral("when conditions");
        rm.matches = fromOk;
        rm.ports = ports;
        return rm;
    };
    const IntervalSet tcp = conn.portsOf(ConnectionSet::TCP);
    IntervalSet denied;
    IntervalSet conditional;
    bool custom = false;
    // CUSTOM, then DENY.
    for (const AuthzPolicy* p : std::as_const(applying)) {
        if (p->action == QLatin1String("CUSTOM")) {
            custom = true;
            a.why << QStringLiteral("authz: CUSTOM %1/%2 delegates to an external authorizer (%3)")
                         .arg(p->ns, p->name, p->where);
        }
        if (p->action != QLatin1String("DENY"))
            continue;
        for (const QJsonValue& rv : p->rules) {
            const RuleMatch rm = evalRule(rv.toObject());
            if (!rm.matches)
                continue;
            const IntervalSet hit = rm.ports.intersected(tcp);
            if (hit.isEmpty())
                continue;
            if (rm.l7.isEmpty()) {
                denied = denied.united(hit);
                a.why << QStringLiteral("authz: DENY %1/%2 matches on TCP %3 (%4)")
                             .arg(p->ns, p->name, hit.toString(), p->where);
            } else {
                conditional = conditional.united(hit);
                a.l7 << QStringLiteral("denied when %1 (DENY %2/%3)")
                            .arg(rm.l7.join(QStringLiteral(", ")), p->ns, p->name);
            }
        }
    }
    // ALLOW: when any ALLOW policy applies, a request must match one.
    bool anyAllow = false;
    IntervalSet allowedPorts;
    for (const AuthzPolicy* p : std::as_const(applying)) {
        if (p->action != QLatin1String("ALLOW"))
            continue;
        anyAllow = true;
        if (!p->hasRules || p->rules.isEmpty()) {
            a.why << QStringLiteral("authz: ALLOW %1/%2 has no rules: it allows nothing (%3)")
                         .arg(p->ns, p->name, p->where);
            continue;
        }
        for (const QJsonValue& rv : p->rules) {
            const RuleMatch rm = evalRule(rv.toObject());
            if (!rm.matches)
                continue;
            const IntervalSet hit = rm.ports.intersected(tcp);
            if (hit.isEmpty())
                continue;
            allowedPorts = allowedPorts.united(hit);
            a.why << QStringLiteral("authz: ALLOW %1/%2 allows TCP %3 (%4)")
                         .arg(p->ns, p->name, hit.toString(), p->where);
            if (!rm.l7.isEmpty())
                a.l7 << QStringLiteral("allowed when %1 (ALLOW %2/%3)")
                            .arg(rm.l7.join(QStringLiteral(", ")), p->ns, p->name);
        }
    }
    IntervalSet result = tcp.subtracted(denied);
    if (anyAllow) {
        result = result.intersected(allowedPorts);
        if (!tcp.isEmpty() && allowedPorts.isEmpty()) {
            QStringList names;
            for (const AuthzPolicy* p : std::as_const(applying))
                if (p->action == QLatin1String("ALLOW"))
                    names << p->ns + QLatin1Char('/') + p->name;
            a.why << QStringLiteral(
                         "authz: ALLOW policies select the server (%1) and no rule matches this client")
                         .arg(names.join(QStringLiteral(", ")));
        }
        if (principal.isEmpty() && allowedPorts.isEmpty())
            a.why << QStringLiteral(
                "authz: the client has no mTLS identity, so principal and namespace rules cannot match");
    }
    // Non-TCP traffic passes the sidecar untouched.
    ConnectionSet out;
    for (int pr = 0; pr < ConnectionSet::ProtocolCount; ++pr) {
        const auto proto = static_cast<ConnectionSet::Protocol>(pr);
        if (proto == ConnectionSet::TCP) {
            for (const auto& r : result.ranges())
                out.unite(ConnectionSet::ports(proto, r.lo, r.hi));
        } else {
            for (const auto& r : conn.portsOf(proto).ranges())
                out.unite(ConnectionSet::ports(proto, r.lo, r.hi));
        }
    }
    a.allowed = out;
    if (custom)
        a.state = QStringLiteral("custom");
    else if (result.isEmpty() && !tcp.isEmpty())
        a.state = QStringLiteral("deny");
    else if (result != tcp)
        a.state = QStringLiteral("partial");
    else if (!a.l7.isEmpty() || !conditional.isEmpty())
        a.state = QStringLiteral("conditional");
    else
        a.state = QStringLiteral("allow");
    return a;
}

const MeshModel::SidecarInfo* MeshModel::sidecarFor(const QString& ns, const QJsonObject& labels) const
{
    // The Sidecar that applies: the workload's own, else its namespace's, else the mesh root's.
    for (const SidecarInfo& sc : m_sidecars)
        if (sc.ns == ns && sc.selector && sc.selector->matches(labels))
            return &sc;
    for (const SidecarInfo& sc : m_sidecars)
        if (sc.ns == ns && !sc.selector)
            return &sc;
    for (const SidecarInfo& sc : m_sidecars)
        if (sc.ns == m_rootNs && !sc.selector)
            return &sc;
    return nullptr;
}

bool MeshModel::sidecarListsHost(const SidecarInfo& sc, const QString& clientNs, const QString& hostNs,
                                 const QString& host)
{
    for (const QString& pattern : sc.egressHosts) {
        const QString nsPart = pattern.section(QLatin1Char('/'), 0, 0);
        const QString hostPart = pattern.section(QLatin1Char('/'), 1);
        const bool nsOk = nsPart == QLatin1String("*") ||
                          (nsPart == QLatin1String(".") && hostNs == clientNs) || nsPart == hostNs;
        if (nsOk && hostMatches(hostPart, host))
            return true;
    }
    return false;
}

MeshModel::ServiceReach MeshModel::reachService(const QString& clientNs, const QJsonObject& clientLabels,
                                                const QString& serverNs,
                                                const QJsonObject& serverLabels) const
{
    ServiceReach r;
    const SidecarInfo* sc = sidecarFor(clientNs, clientLabels);
    if (!sc || sc->egressHosts.isEmpty())
        return r;
    r.limited = true;
    r.policy = !sc->outbound.isEmpty() ? sc->outbound : m_outbound;
    r.source = QStringLiteral("Sidecar %1/%2 (%3)").arg(sc->ns, sc->name, sc->where);
    r.listed = false;
    for (const QString& host : serviceHosts(serverNs, serverLabels))
        if (sidecarListsHost(*sc, clientNs, serverNs, host))
            r.listed = true;
    return r;
}

QString MeshModel::outboundPolicy(const QString& ns, const QJsonObject& labels, QString* source) const
{
    const SidecarInfo* sc = sidecarFor(ns, labels);
    if (sc && !sc->outbound.isEmpty()) {
        if (source)
            *source = QStringLiteral("Sidecar %1/%2 (%3)").arg(sc->ns, sc->name, sc->where);
        return sc->outbound;
    }
    if (source)
        *source = QStringLiteral("mesh config outboundTrafficPolicy");
    return m_outbound;
}

MeshModel::Egress MeshModel::egress(const WorkloadInfo& w) const
{
    Egress e;
    if (!injected(w)) {
        e.policy = QStringLiteral("no sidecar");
        e.source = QStringLiteral("the mesh does not limit a workload without a sidecar");
        return e;
    }
    // An Envoy gateway has no passthrough: it reaches the external hosts its routes name, nothing else.
    const GatewayRoutes gw = gatewayRoutes(w.podLabels);
    if (!gw.gateways.isEmpty()) {
        e.policy = QStringLiteral("gateway routes");
        e.source =
            QStringLiteral("Gateway %1: its VirtualService routes").arg(gw.gateways.join(QLatin1Char(',')));
        for (const Route& r : gw.routes)
            if (!isClusterHost(r.host) && !r.host.contains(QLatin1Char('*')) && !e.hosts.contains(r.host))
                e.hosts << r.host;
        e.hosts.sort();
        return e;
    }
    const SidecarInfo* chosen = sidecarFor(w.ns, w.podLabels);
    e.policy = chosen && !chosen->outbound.isEmpty() ? chosen->outbound : m_outbound;
    e.source = chosen ? QStringLiteral("Sidecar %1/%2 (%3)").arg(chosen->ns, chosen->name, chosen->where)
                      : QStringLiteral("mesh config outboundTrafficPolicy");
    auto visible = [&](const ServiceEntryInfo& se) {
        if (se.exportTo.isEmpty() || se.exportTo.contains(QStringLiteral("*")))
            return true;
        return se.exportTo.contains(w.ns) || (se.exportTo.contains(QStringLiteral(".")) && se.ns == w.ns);
    };
    auto sidecarAllows = [&](const ServiceEntryInfo& se, const QString& host) {
        return !chosen || chosen->egressHosts.isEmpty() || sidecarListsHost(*chosen, w.ns, se.ns, host);
    };
    const bool allowAny = e.policy == QLatin1String("ALLOW_ANY");
    for (const ServiceEntryInfo& se : m_serviceEntries) {
        if (!se.external)
            continue;
        // A registry host the proxy does not see is, to it, a host outside the registry: passed through
        // under ALLOW_ANY, sent to the black hole under REGISTRY_ONLY.
        const bool known = visible(se);
        for (const QString& h : se.hosts) {
            const bool seen = known && sidecarAllows(se, h);
            if (!seen && !allowAny)
                continue;
            // A VirtualService bound to `mesh` may send the host elsewhere (an egress gateway): then the
            // workload does not reach it directly.
            if (!meshRedirect(w.ns, chosen, h).isEmpty())
                continue;
            if (!e.hosts.contains(h))
                e.hosts << h;
            if (!seen && !e.passthrough.contains(h))
                e.passthrough << h;
        }
    }
    // A host that some visible entry declares is known to the proxy.
    e.passthrough.erase(std::remove_if(e.passthrough.begin(), e.passthrough.end(),
                                       [&](const QString& h) {
                                           for (const ServiceEntryInfo& se : m_serviceEntries)
                                               if (se.external && visible(se) && se.hosts.contains(h) &&
                                                   sidecarAllows(se, h))
                                                   return true;
                                           return false;
                                       }),
                        e.passthrough.end());
    e.hosts.sort();
    e.passthrough.sort();
    return e;
}

MeshModel::GatewayRoutes MeshModel::gatewayRoutes(const QJsonObject& labels) const
{
    GatewayRoutes g;
    for (const GatewayInfo& gw : m_gateways)
        if (gw.selector.matches(labels))
            g.gateways << gw.ns + QLatin1Char('/') + gw.name;
    for (const VirtualServiceInfo& vs : m_virtualServices)
        for (const Route& r : vs.routes)
            if (g.gateways.contains(r.gateway))
                g.routes << r;
    return g;
}

bool MeshModel::isClusterHost(const QString& host)
{
    return !host.contains(QLatin1Char('.')) || host.count(QLatin1Char('.')) == 1 ||
           host.endsWith(QLatin1String(".svc.cluster.local")) || host.endsWith(QLatin1String(".svc"));
}

const ServiceInfo* MeshModel::serviceOfHost(const QString& host, const QString& vsNs) const
{
    if (!isClusterHost(host))
        return nullptr;
    const QString name = host.section(QLatin1Char('.'), 0, 0);
    const QString ns = host.contains(QLatin1Char('.')) ? host.section(QLatin1Char('.'), 1, 1) : vsNs;
    for (int i : m_servicesByNs.value(ns))
        if (m_services[i].name == name)
            return &m_services[i];
    return nullptr;
}

QList<MeshModel::Route> MeshModel::meshRedirect(const QString& clientNs, const SidecarInfo* sc,
                                                const QString& host) const
{
    QList<Route> away;
    bool direct = false;
    for (const VirtualServiceInfo& vs : m_virtualServices) {
        bool names = false;
        for (const QString& h : vs.hosts)
            names = names || hostMatches(h, host);
        if (!names)
            continue;
        // A Sidecar with egress hosts hides the VirtualServices of namespaces it does not list.
        if (sc && !sc->egressHosts.isEmpty() && !sidecarListsHost(*sc, clientNs, vs.ns, host))
            continue;
        for (const Route& r : vs.routes) {
            if (r.gateway != QLatin1String("mesh"))
                continue;
            if (hostMatches(r.host, host))
                direct = true;
            else
                away << r;
        }
    }
    return direct ? QList<Route>() : away;
}

QList<QJsonObject> MeshModel::report(const Inventory& inventory) const
{
    QList<QJsonObject> rows;
    for (const WorkloadInfo& w : inventory.workloads) {
        if (!w.topLevel)
            continue;
        QString why;
        const bool inj = injected(w, &why);
        QJsonObject o;
        o.insert(QLatin1String("namespace"), w.ns);
        o.insert(QLatin1String("workload"), w.peerName);
        o.insert(QLatin1String("injected"), inj);
        o.insert(QLatin1String("injection"), why);
        const ServerMode def = serverMode(w.ns, w.podLabels, 0);
        o.insert(QLatin1String("mode"), inj ? def.mode : QStringLiteral("no sidecar"));
        o.insert(QLatin1String("mode_source"), def.source);
        QJsonObject ports;
        for (const ContainerInfo& c : w.containers)
            for (const QJsonValue& pv : c.ports) {
                const quint32 port =
                    static_cast<quint32>(pv.toObject().value(QLatin1String("containerPort")).toInt());
                const ServerMode sm = serverMode(w.ns, w.podLabels, port);
                if (port && sm.mode != def.mode)
                    ports.insert(QString::number(port), sm.mode);
            }
        o.insert(QLatin1String("port_modes"), ports);
        QStringList policies;
        for (const PeerAuth& p : m_peerAuth)
            if ((p.ns == w.ns &&
                 (!p.selector || p.selector->isEmpty() || p.selector->matches(w.podLabels))) ||
                (p.ns == m_rootNs && (!p.selector || p.selector->isEmpty())))
                policies << QStringLiteral("PeerAuthentication %1/%2 %3").arg(p.ns, p.name, p.mode);
        const QStringList hosts = serviceHosts(w.ns, w.podLabels);
        QStringList breakers;
        bool breaker = !hosts.isEmpty();
        for (const QString& h : hosts) {
            bool found = false;
            for (const DestRule& r : m_destRules) {
                const QString fq =
                    r.host.contains(QLatin1Char('.'))
                        ? r.host
                        : r.host + QLatin1Char('.') + r.ns + QStringLiteral(".svc.cluster.local");
                if (!hostMatches(fq, h))
                    continue;
                policies << QStringLiteral("DestinationRule %1/%2%3")
                                .arg(r.ns, r.name,
                                     r.tlsMode.isEmpty() ? QString() : QLatin1Char(' ') + r.tlsMode);
                if (r.outlierDetection || r.connectionPool) {
                    breakers << QStringLiteral("%1/%2: %3")
                                    .arg(r.ns, r.name,
                                         QStringList{r.outlierDetection ? QStringLiteral("outlierDetection")
                                                                        : QString(),
                                                     r.connectionPool ? QStringLiteral("connectionPool")
                                                                      : QString()}
                                             .join(QLatin1Char(' '))
                                             .trimmed());
                    found = found || r.outlierDetection;
                }
            }
            breaker = breaker && found;
        }
        o.insert(QLatin1String("policies"), QJsonArray::fromStringList(policies));
        o.insert(QLatin1String("services"), QJsonArray::fromStringList(hosts));
        if (hosts.isEmpty())
            o.insert(QLatin1String("circuit_breaker"), QStringLiteral("n/a (no Service)"));
        else
            o.insert(QLatin1String("circuit_breaker"), breaker);
        o.insert(QLatin1String("circuit_breakers"), QJsonArray::fromStringList(breakers));
        const Egress eg = egress(w);
        QString egressText = eg.policy;
        if (eg.policy == QLatin1String("ALLOW_ANY"))
            egressText =
                QStringLiteral("ALLOW_ANY: any host outside the registry%1")
                    .arg(eg.hosts.isEmpty() ? QString()
                                            : QStringLiteral(", and ") + eg.hosts.join(QLatin1Char(',')));
        else if (eg.policy == QLatin1String("gateway routes"))
            egressText = QStringLiteral("gateway routes: %1")
                             .arg(eg.hosts.isEmpty() ? QStringLiteral("no external host")
                                                     : eg.hosts.join(QLatin1Char(',')));
        else if (eg.policy == QLatin1String("REGISTRY_ONLY"))
            egressText = QStringLiteral("REGISTRY_ONLY: %1")
                             .arg(eg.hosts.isEmpty() ? QStringLiteral("no external host")
                                                     : eg.hosts.join(QLatin1Char(',')));
        o.insert(QLatin1String("egress"), egressText);
        o.insert(QLatin1String("egress_policy"), eg.policy);
        o.insert(QLatin1String("external_hosts"), QJsonArray::fromStringList(eg.hosts));
        o.insert(QLatin1String("egress_source"), eg.source);
        const QStringList tel = m_telemetryLogging.value(w.ns) + m_telemetryLogging.value(m_rootNs);
        o.insert(QLatin1String("access_logging"),
                 m_meshAccessLog  ? QStringLiteral("mesh config accessLogFile")
                 : !tel.isEmpty() ? QStringLiteral("Telemetry ") + tel.join(QLatin1Char(','))
                                  : QStringLiteral("off"));
        o.insert(QLatin1String("request_authentication"),
                 QJsonArray::fromStringList(m_requestAuthn.value(w.ns)));
        rows << o;
    }
    std::sort(rows.begin(), rows.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QLatin1String("workload")).toString() < b.value(QLatin1String("workload")).toString();
    });
    return rows;
}

} // namespace tollgate
