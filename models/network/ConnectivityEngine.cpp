#include "network/ConnectivityEngine.h"

#include "base/Logging.h"
#include "kube/InventoryBuilder.h"
#include "kube/KubeKinds.h"
#include "network/AdminPolicyModel.h"
#include "network/MeshModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace tollgate {

namespace {

struct PeerRec
{
    QString name;
    QString ns;
    QJsonObject labels;
    QHash<QString, quint32> namedPorts;
    int cls = -1;
    bool injected = false;
    bool gateway = false; // an Istio ingress or egress gateway (its listeners face outside traffic)
    QString serviceAccount;
};

struct RuleRef
{
    int policy;
    bool egress;
    int index;
};

// Everything the evaluation needs, built once from the objects.
struct Model
{
    QList<NetworkPolicyModel> policies;
    QHash<QString, QJsonObject> nsLabels;
    QList<PeerRec> peers;
    QHash<QString, int> aliases; // "ns/object-name" of every workload object (pods too) -> peer index
    QList<FlowClass> classes;    // pod classes first, then source blocks, then destination blocks
    QList<QHash<QString, quint32>> classPorts;
    int podClasses = 0;
    QList<int> srcBlocks; // class ids
    QList<int> dstBlocks;
    QHash<QString, QList<int>> classesByNs;
    std::vector<std::vector<int>> ingressPolicies; // per pod class: selecting policies (ingress type)
    std::vector<std::vector<int>> egressPolicies;
    QList<Error> warnings;
    int workloads = 0;
    QList<ServiceInfo> services;
    Inventory inventory;
    QList<AdminPolicyModel> anps; // sorted by priority
    std::optional<AdminPolicyModel> banp;
    std::vector<std::vector<int>> anpsFor;  // per pod class: ANPs whose subject selects it, by priority
    std::vector<char> banpFor;              // per pod class
    QHash<QString, QString> primaryNetwork; // namespace -> its primary user-defined network
    std::optional<MeshModel> mesh;
    std::vector<char> classInjected; // per pod class: runs with a sidecar
    QStringList classServiceAccount; // per pod class
    std::vector<char> classGateway;  // per pod class
    bool sameNetwork(int a, int b) const
    {
        return primaryNetwork.value(classes[a].ns) == primaryNetwork.value(classes[b].ns);
    }

    QJsonObject labelsOfNs(const QString& ns) const
    {
        const auto it = nsLabels.constFind(ns);
        if (it != nsLabels.constEnd())
            return *it;
        return QJsonObject{{QStringLiteral("kubernetes.io/metadata.name"), ns}};
    }

    bool peerMatchesClass(const NetworkPolicyModel& pol, const NetworkPolicyModel::Peer& p, int c) const
    {
        if (p.isIpBlock)
            return false;
        const FlowClass& fc = classes[c];
        if (p.namespaceSelector) {
            if (!p.namespaceSelector->matches(labelsOfNs(fc.ns)))
                return false;
        } else if (fc.ns != pol.ns) {
            return false;
        }
        return !p.podSelector || p.podSelector->matches(fc.labels);
    }

    bool ruleMatchesClass(const NetworkPolicyModel& pol, const NetworkPolicyModel::Rule& r, int c) const
    {
        if (r.allPeers)
            return true;
        for (const auto& p : r.peers)
            if (peerMatchesClass(pol, p, c))
                return true;
        return false;
    }

    bool ruleMatchesBlock(const NetworkPolicyModel::Rule& r, int c) const
    {
        if (r.allPeers)
            return true;
        const FlowClass& fc = classes[c];
        for (const auto& p : r.peers)
            if (p.isIpBlock && p.addresses.covers(fc.lo, fc.hi))
                return true;
        return false;
    }
};

QString blockName(quint32 lo, quint32 hi)
{
    return NetworkPolicyModel::ipText(lo) + QLatin1Char('-') + NetworkPolicyModel::ipText(hi) +
           QStringLiteral("[External]");
}

// Contiguous pieces of 0.0.0.0/0 cut at every boundary of the given address sets.
QList<IntervalSet::Range> atomize(const QList<IntervalSet>& sets)
{
    std::vector<quint64> cuts{0, quint64(1) << 32};
    for (const IntervalSet& s : sets) {
        for (const auto& r : s.ranges()) {
            cuts.push_back(r.lo);
            cuts.push_back(quint64(r.hi) + 1);
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    QList<IntervalSet::Range> out;
    for (size_t i = 0; i + 1 < cuts.size(); ++i)
        out.append({static_cast<quint32>(cuts[i]), static_cast<quint32>(cuts[i + 1] - 1)});
    return out;
}

Result<Model> buildModel(const QList<ManifestDocument>& objects)
{
    Model m;
    // Namespaces (a duplicate is fatal, as for the API server).
    QSet<QString> seenPolicies;
    QList<ManifestDocument> udns;
    for (const ManifestDocument& d : objects) {
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        const QString group = KubeKinds::groupOf(d.body.value(QLatin1String("apiVersion")).toString());
        const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
        if (kind == QLatin1String("Namespace") && group.isEmpty()) {
            const QString name = meta.value(QLatin1String("name")).toString();
            if (m.nsLabels.contains(name))
                return Error(d.file, d.line, QStringLiteral("Namespace %1 is declared twice").arg(name));
            QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
            if (!labels.contains(QLatin1String("kubernetes.io/metadata.name")))
                labels.insert(QStringLiteral("kubernetes.io/metadata.name"), name);
            m.nsLabels.insert(name, labels);
        } else if (group == QLatin1String("k8s.ovn.org") &&
                   (kind == QLatin1String("UserDefinedNetwork") ||
                    kind == QLatin1String("ClusterUserDefinedNetwork"))) {
            // A primary user-defined network isolates its namespaces from every other network.
            const QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
            const QJsonObject net = kind == QLatin1String("UserDefinedNetwork")
                                        ? spec
                                        : spec.value(QLatin1String("network")).toObject();
            bool primary = false;
            for (const char* topo : {"layer2", "layer3"})
                primary = primary ||
                          net.value(QLatin1String(topo)).toObject().value(QLatin1String("role")).toString() ==
                              QLatin1String("Primary");
            if (primary)
                udns << d;
        } else if ((kind == QLatin1String("AdminNetworkPolicy") ||
                    kind == QLatin1String("BaselineAdminNetworkPolicy")) &&
                   group == QLatin1String("policy.networking.k8s.io")) {
            const bool baseline = kind == QLatin1String("BaselineAdminNetworkPolicy");
            auto a = AdminPolicyModel::compile(d, baseline);
            if (!a)
                return a.error();
            if (baseline) {
                if (m.banp)
                    return Error(d.file, d.line,
                                 QStringLiteral("only one BaselineAdminNetworkPolicy may exist"));
                m.banp = a.value();
            } else {
                for (const AdminPolicyModel& other : std::as_const(m.anps)) {
                    if (other.name == a->name)
                        return Error(d.file, d.line,
                                     QStringLiteral("AdminNetworkPolicy %1 is declared twice").arg(a->name));
                    if (other.priority == a->priority)
                        return Error(
                            d.file, d.line,
                            QStringLiteral("AdminNetworkPolicies %1 and %2 have the same priority %3")
                                .arg(other.name, a->name)
                                .arg(a->priority));
                }
                m.anps << a.value();
            }
        } else if (kind == QLatin1String("NetworkPolicy") && group == QLatin1String("networking.k8s.io")) {
            auto p = NetworkPolicyModel::compile(d, m.warnings);
            if (!p)
                return p.error();
            if (seenPolicies.contains(p->id()))
                return Error(d.file, d.line,
                             QStringLiteral("NetworkPolicy %1 is declared twice").arg(p->id()));
            seenPolicies.insert(p->id());
            m.policies << p.value();
        }
    }

    for (const ManifestDocument& d : std::as_const(udns)) {
        const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
        const QString name = meta.value(QLatin1String("name")).toString();
        if (d.body.value(QLatin1String("kind")).toString() == QLatin1String("UserDefinedNetwork")) {
            QString ns = meta.value(QLatin1String("namespace")).toString();
            if (ns.isEmpty())
                ns = QStringLiteral("default");
            m.primaryNetwork.insert(ns, QStringLiteral("udn:") + ns + QLatin1Char('/') + name);
        } else {
            auto sel = LabelSelector::parse(
                d.body.value(QLatin1String("spec")).toObject().value(QLatin1String("namespaceSelector")));
            if (!sel)
                return Error(
                    d.file, d.line,
                    QStringLiteral("ClusterUserDefinedNetwork %1: %2").arg(name, sel.error().what()));
            for (auto it = m.nsLabels.cbegin(); it != m.nsLabels.cend(); ++it)
                if (sel->matches(it.value()))
                    m.primaryNetwork.insert(it.key(), QStringLiteral("cudn:") + name);
        }
    }

    // Peers: one per workload, represented by its pod template (or its first pod).
    m.inventory = InventoryBuilder::build(objects);
    const Inventory& inv = m.inventory;
    m.services = inv.services;
    m.mesh = MeshModel::build(objects, inv);
    QSet<QString> seenPeers;
    for (const WorkloadInfo& w : inv.workloads) {
        if (!w.topLevel || seenPeers.contains(w.peerName))
            continue;
        seenPeers.insert(w.peerName);
        PeerRec p;
        p.name = w.peerName;
        p.ns = w.ns;
        p.labels = w.podLabels;
        p.injected = m.mesh->injected(w);
        p.serviceAccount = w.serviceAccount;
        p.gateway = w.podLabels.value(QLatin1String("istio")).toString().endsWith(QLatin1String("gateway"));
        for (const ContainerInfo& c : w.containers) {
            if (c.role != QLatin1String("container"))
                continue;
            for (const QJsonValue& pv : c.ports) {
                const QJsonObject port = pv.toObject();
                const QString name = port.value(QLatin1String("name")).toString();
                ConnectionSet::Protocol proto = ConnectionSet::TCP;
                if (!ConnectionSet::parseProtocol(port.value(QLatin1String("protocol")).toString(), proto))
                    proto = ConnectionSet::TCP;
                const int number = port.value(QLatin1String("containerPort")).toInt();
                if (!name.isEmpty() && number > 0) {
                    const QString key = NetworkPolicyModel::namedPortKey(name, proto);
                    if (!p.namedPorts.contains(key))
                        p.namedPorts.insert(key, static_cast<quint32>(number));
                }
            }
        }
        m.peers << p;
    }
    m.workloads = static_cast<int>(m.peers.size());

    // Pods of one owner with different labels stand for one workload only while no selector tells them
    // apart; when one does, the analysis would be wrong for some of them, so it is refused (as
    // netpol-analyzer refuses it).
    {
        QHash<QString, QList<QJsonObject>> labelSets;
        for (const WorkloadInfo& w : inv.workloads) {
            if (w.kind != QLatin1String("Pod") || w.ownerKind.isEmpty())
                continue;
            auto& sets = labelSets[w.peerName];
            if (!sets.contains(w.podLabels))
                sets << w.podLabels;
        }
        QList<std::pair<QString, LabelSelector>> selectors;
        for (const NetworkPolicyModel& pol : std::as_const(m.policies)) {
            selectors.append({QStringLiteral("NetworkPolicy ") + pol.id(), pol.podSelector});
            for (const auto* rules : {&pol.ingressRules, &pol.egressRules})
                for (const auto& r : *rules)
                    for (const auto& p : r.peers)
                        if (p.podSelector)
                            selectors.append({QStringLiteral("NetworkPolicy ") + pol.id(), *p.podSelector});
        }
        auto addAdmin = [&](const AdminPolicyModel& a) {
            if (!a.subjectIsNamespaces)
                selectors.append({a.kindName() + QLatin1Char(' ') + a.name, a.subjectPods});
            for (const auto* rules : {&a.ingress, &a.egress})
                for (const auto& r : *rules)
                    for (const auto& p : r.peers)
                        if (p.kind == AdminPolicyModel::Peer::Kind::Pods)
                            selectors.append({a.kindName() + QLatin1Char(' ') + a.name, p.pods});
        };
        for (const AdminPolicyModel& a : std::as_const(m.anps))
            addAdmin(a);
        if (m.banp)
            addAdmin(*m.banp);
        for (auto it = labelSets.cbegin(); it != labelSets.cend(); ++it) {
            if (it.value().size() < 2)
                continue;
            for (const auto& [who, sel] : selectors) {
                int hits = 0;
                for (const QJsonObject& l : it.value())
                    hits += sel.matches(l) ? 1 : 0;
                if (hits > 0 && hits < it.value().size())
                    return Error(
                        QStringLiteral(
                            "pods of %1 have different labels and the selector %2 of %3 selects only "
                            "some of them; the workload cannot be analysed as one")
                            .arg(it.key(), sel.toString(), who));
            }
        }
    }
    {
        QHash<QString, int> byComponent;
        QHash<QString, int> byPeerName;
        for (int i = 0; i < m.peers.size(); ++i)
            byPeerName.insert(m.peers[i].name, i);
        for (const WorkloadInfo& w : inv.workloads)
            if (w.topLevel && byPeerName.contains(w.peerName) && !byComponent.contains(w.componentKey))
                byComponent.insert(w.componentKey, byPeerName.value(w.peerName));
        for (const WorkloadInfo& w : inv.workloads)
            if (byComponent.contains(w.componentKey))
                m.aliases.insert(w.ns + QLatin1Char('/') + w.name, byComponent.value(w.componentKey));
    }

    // Equivalence classes of pods: same namespace, labels and named ports.
    std::map<QByteArray, int> classIndex;
    for (PeerRec& p : m.peers) {
        QStringList ports;
        for (auto it = p.namedPorts.cbegin(); it != p.namedPorts.cend(); ++it)
            ports << it.key() + QLatin1Char('=') + QString::number(it.value());
        ports.sort();
        const QByteArray key = p.ns.toUtf8() + '\x1f' +
                               QJsonDocument(p.labels).toJson(QJsonDocument::Compact) + '\x1f' +
                               ports.join(QLatin1Char(',')).toUtf8() + (p.injected ? "\x1fmesh" : "") +
                               '\x1f' + p.serviceAccount.toUtf8();
        auto [it, inserted] = classIndex.emplace(key, static_cast<int>(m.classes.size()));
        if (inserted) {
            FlowClass c;
            c.id = it->second;
            c.ns = p.ns;
            c.labels = p.labels;
            m.classes << c;
            m.classPorts << p.namedPorts;
            m.classInjected.push_back(p.injected ? 1 : 0);
            m.classServiceAccount << p.serviceAccount;
            m.classGateway.push_back(p.gateway ? 1 : 0);
            m.classesByNs[p.ns] << c.id;
        }
        p.cls = it->second;
        m.classes[p.cls].members << p.name;
    }
    m.podClasses = static_cast<int>(m.classes.size());

    // External blocks: sources from ingress rules, destinations from egress rules.
    QList<IntervalSet> srcSets;
    QList<IntervalSet> dstSets;
    for (const NetworkPolicyModel& pol : std::as_const(m.policies)) {
        for (const auto& r : pol.ingressRules)
            for (const auto& p : r.peers)
                if (p.isIpBlock)
                    srcSets << p.addresses;
        for (const auto& r : pol.egressRules)
            for (const auto& p : r.peers)
                if (p.isIpBlock)
                    dstSets << p.addresses;
    }
    std::sort(m.anps.begin(), m.anps.end(),
              [](const AdminPolicyModel& a, const AdminPolicyModel& b) { return a.priority < b.priority; });
    for (const AdminPolicyModel& a : std::as_const(m.anps))
        for (const auto& r : a.egress)
            for (const auto& p : r.peers)
                if (p.kind == AdminPolicyModel::Peer::Kind::Networks)
                    dstSets << p.addresses;
    if (m.banp)
        for (const auto& r : m.banp->egress)
            for (const auto& p : r.peers)
                if (p.kind == AdminPolicyModel::Peer::Kind::Networks)
                    dstSets << p.addresses;
    auto addBlocks = [&](const QList<IntervalSet>& sets, QList<int>& ids) {
        for (const auto& r : atomize(sets)) {
            FlowClass c;
            c.id = static_cast<int>(m.classes.size());
            c.external = true;
            c.lo = r.lo;
            c.hi = r.hi;
            c.members << blockName(r.lo, r.hi);
            m.classes << c;
            m.classPorts << QHash<QString, quint32>();
            ids << c.id;
        }
    };
    addBlocks(srcSets, m.srcBlocks);
    addBlocks(dstSets, m.dstBlocks);

    // Which admin policies select each pod class.
    m.anpsFor.assign(static_cast<size_t>(m.podClasses), {});
    m.banpFor.assign(static_cast<size_t>(m.podClasses), 0);
    for (int c = 0; c < m.podClasses; ++c) {
        const QJsonObject nsl = m.labelsOfNs(m.classes[c].ns);
        for (int ai = 0; ai < m.anps.size(); ++ai)
            if (m.anps[ai].selects(nsl, m.classes[c].labels))
                m.anpsFor[static_cast<size_t>(c)].push_back(ai);
        m.banpFor[static_cast<size_t>(c)] = m.banp && m.banp->selects(nsl, m.classes[c].labels);
    }

    // Which policies select each pod class, per direction.
    m.ingressPolicies.assign(static_cast<size_t>(m.podClasses), {});
    m.egressPolicies.assign(static_cast<size_t>(m.podClasses), {});
    for (int pi = 0; pi < m.policies.size(); ++pi) {
        const NetworkPolicyModel& pol = m.policies[pi];
        for (int c : m.classesByNs.value(pol.ns)) {
            if (!pol.podSelector.matches(m.classes[c].labels))
                continue;
            if (pol.ingress)
                m.ingressPolicies[static_cast<size_t>(c)].push_back(pi);
            if (pol.egress)
                m.egressPolicies[static_cast<size_t>(c)].push_back(pi);
        }
    }
    // A named port that no container declares allows nothing: say so, naming the policy and file.
    for (int pi = 0; pi < m.policies.size(); ++pi) {
        const NetworkPolicyModel& pol = m.policies[pi];
        auto check = [&](const QList<NetworkPolicyModel::Rule>& rules, bool egress) {
            for (const auto& r : rules) {
                for (const auto& port : r.ports) {
                    if (port.named.isEmpty())
                        continue;
                    const QString key = NetworkPolicyModel::namedPortKey(port.named, port.protocol);
                    bool declared = false;
                    for (int c = 0; c < m.podClasses && !declared; ++c) {
                        const bool candidate =
                            egress || std::find(m.ingressPolicies[static_cast<size_t>(c)].cbegin(),
                                                m.ingressPolicies[static_cast<size_t>(c)].cend(),
                                                pi) != m.ingressPolicies[static_cast<size_t>(c)].cend();
                        declared = candidate && m.classPorts[c].contains(key);
                    }
                    if (!declared)
                        m.warnings << Error(
                            pol.file, pol.line,
                            QStringLiteral("NetworkPolicy %1: no container declares port \"%2\" (%3); "
                                           "the rule allows nothing on it")
                                .arg(pol.id(), port.named, ConnectionSet::protocolName(port.protocol)));
                }
            }
        };
        check(pol.ingressRules, false);
        check(pol.egressRules, true);
    }
    return m;
}

QString ruleText(const NetworkPolicyModel& pol, bool egress, int index)
{
    return QStringLiteral("%1: %2 rule %3 (%4:%5)")
        .arg(egress ? QStringLiteral("egress") : QStringLiteral("ingress"), pol.id())
        .arg(index)
        .arg(pol.file)
        .arg(pol.line);
}

} // namespace

namespace {
// The pair an explanation asks about: its reasons are kept even when the pair is denied.
struct ExplainProbe
{
    int src = -1;
    int dst = -1;
    QStringList why;
    bool hit = false;
};

Result<ConnectivityResult> computeImpl(const QList<ManifestDocument>& objects, ExplainProbe* probe);
} // namespace

Result<ConnectivityResult> ConnectivityEngine::compute(const QList<ManifestDocument>& objects)
{
    return computeImpl(objects, nullptr);
}

namespace {
Result<ConnectivityResult> computeImpl(const QList<ManifestDocument>& objects, ExplainProbe* probe)
{
    auto built = buildModel(objects);
    if (!built)
        return built.error();
    Model& m = built.value();
    const int n = m.podClasses;

    // Per rule, the pod classes its peers match, as a sorted list (or "all"): computed once, then
    // every pair is a binary search. Namespace selectors are evaluated once per distinct selector.
    struct CompiledRule
    {
        int policy;
        int index;
        bool egress;
        bool all = false;
        std::vector<int> list;    // sorted pod classes
        ConnectionSet fixedPorts; // when the rule has no named ports
        bool matchesClass(int c) const { return all || std::binary_search(list.begin(), list.end(), c); }
    };
    std::vector<CompiledRule> rules;
    std::vector<std::vector<int>> inRules(static_cast<size_t>(n));
    std::vector<std::vector<int>> outRules(static_cast<size_t>(n));
    QHash<qint64, int> ruleId;              // policy << 20 | egress << 19 | index
    QHash<QString, QStringList> nsSelected; // namespace selector text -> namespaces it selects
    auto namespacesOf = [&](const LabelSelector& sel) -> const QStringList& {
        const QString key = sel.toString();
        auto it = nsSelected.find(key);
        if (it == nsSelected.end()) {
            QStringList hit;
            for (auto n2 = m.classesByNs.cbegin(); n2 != m.classesByNs.cend(); ++n2)
                if (sel.matches(m.labelsOfNs(n2.key())))
                    hit << n2.key();
            it = nsSelected.insert(key, hit);
        }
        return *it;
    };
    auto ruleFor = [&](int pi, bool egress, int index) {
        const qint64 key = (qint64(pi) << 20) | (qint64(egress) << 19) | index;
        const auto it = ruleId.constFind(key);
        if (it != ruleId.constEnd())
            return *it;
        const NetworkPolicyModel& pol = m.policies[pi];
        const auto& r = egress ? pol.egressRules[index] : pol.ingressRules[index];
        CompiledRule cr{pi, index, egress, r.allPeers, {}, {}};
        if (!r.allPeers) {
            for (const auto& p : r.peers) {
                if (p.isIpBlock)
                    continue;
                const QStringList namespaces =
                    p.namespaceSelector ? namespacesOf(*p.namespaceSelector) : QStringList{pol.ns};
                for (const QString& ns : namespaces)
                    for (int c : m.classesByNs.value(ns))
                        if (!p.podSelector || p.podSelector->matches(m.classes[c].labels))
                            cr.list.push_back(c);
            }
            std::sort(cr.list.begin(), cr.list.end());
            cr.list.erase(std::unique(cr.list.begin(), cr.list.end()), cr.list.end());
        }
        if (!r.hasNamedPorts)
            cr.fixedPorts = NetworkPolicyModel::rulePorts(r, nullptr);
        rules.push_back(std::move(cr));
        const int id = static_cast<int>(rules.size()) - 1;
        ruleId.insert(key, id);
        return id;
    };
    for (int c = 0; c < n; ++c) {
        for (int pi : m.ingressPolicies[static_cast<size_t>(c)])
            for (int ri = 0; ri < m.policies[pi].ingressRules.size(); ++ri)
                inRules[static_cast<size_t>(c)].push_back(ruleFor(pi, false, ri));
        for (int pi : m.egressPolicies[static_cast<size_t>(c)])
            for (int ri = 0; ri < m.policies[pi].egressRules.size(); ++ri)
                outRules[static_cast<size_t>(c)].push_back(ruleFor(pi, true, ri));
    }
    auto portsOf = [&](const CompiledRule& cr, int dstClass) {
        if (!m.policies[cr.policy].ingressRules.isEmpty() || !m.policies[cr.policy].egressRules.isEmpty()) {
            const auto& r = cr.egress ? m.policies[cr.policy].egressRules[cr.index]
                                      : m.policies[cr.policy].ingressRules[cr.index];
            if (r.hasNamedPorts)
                return NetworkPolicyModel::rulePorts(r, dstClass >= 0 ? &m.classPorts[dstClass] : nullptr);
        }
        return cr.fixedPorts;
    };
    auto side = [&](bool egress, int selected, bool isolated, const std::vector<int>& ruleIds, auto&& matches,
                    int portClass, ConnectionSet& conn, QStringList& why) {
        if (!isolated) {
            conn = ConnectionSet::all();
            why << (egress ? QStringLiteral("egress: no policy selects the source for egress")
                           : QStringLiteral("ingress: no policy selects the destination for ingress"));
            return;
        }
        Q_UNUSED(selected);
        for (int id : ruleIds) {
            const CompiledRule& cr = rules[static_cast<size_t>(id)];
            if (!matches(cr))
                continue;
            const ConnectionSet p = portsOf(cr, portClass);
            if (p.isEmpty())
                continue;
            conn.unite(p);
            why << ruleText(m.policies[cr.policy], egress, cr.index);
        }
    };

    ConnectivityResult result;
    result.workloads = m.workloads;
    result.policies = static_cast<int>(m.policies.size());

    // With AdminNetworkPolicies or a BaselineAdminNetworkPolicy, each direction is decided in tiers:
    // ANP rules by priority and order (first match: Allow, Deny, or Pass), then NetworkPolicies, then
    // the BANP, then allow. Decisions are per port, so each tier sees only the ports still undecided.
    const bool admin = !m.anps.isEmpty() || m.banp.has_value();
    if (admin) {
        auto adminMatches = [&](const AdminPolicyModel::Rule& r, int other) {
            const FlowClass& oc = m.classes[other];
            for (const auto& p : r.peers) {
                if (oc.external ? AdminPolicyModel::peerMatchesBlock(p, oc.lo, oc.hi)
                                : AdminPolicyModel::peerMatchesPod(p, m.labelsOfNs(oc.ns), oc.labels))
                    return true;
            }
            return false;
        };
        auto npMatches = [&](const CompiledRule& cr, int other) {
            if (!m.classes[other].external)
                return cr.matchesClass(other);
            const NetworkPolicyModel& pol = m.policies[cr.policy];
            return m.ruleMatchesBlock(cr.egress ? pol.egressRules[cr.index] : pol.ingressRules[cr.index],
                                      other);
        };
        auto decide = [&](bool egress, int self, int other, QStringList& why) {
            const int portClass = egress ? (m.classes[other].external ? -1 : other) : self;
            const QHash<QString, quint32>* named = portClass >= 0 ? &m.classPorts[portClass] : nullptr;
            const QString dir = egress ? QStringLiteral("egress") : QStringLiteral("ingress");
            ConnectionSet undecided = ConnectionSet::all();
            ConnectionSet allowed;
            ConnectionSet passed;
            for (int ai : m.anpsFor[static_cast<size_t>(self)]) {
                const AdminPolicyModel& a = m.anps[ai];
                const auto& rs = egress ? a.egress : a.ingress;
                for (int i = 0; i < rs.size() && !undecided.isEmpty(); ++i) {
                    if (!adminMatches(rs[i], other))
                        continue;
                    const ConnectionSet p = AdminPolicyModel::rulePorts(rs[i], named).intersected(undecided);
                    if (p.isEmpty())
                        continue;
                    undecided = undecided.subtracted(p);
                    why << QStringLiteral("%1: AdminNetworkPolicy %2 rule %3 \"%4\" %5s %6 (%7:%8)")
                               .arg(dir, a.name)
                               .arg(i)
                               .arg(rs[i].name, AdminPolicyModel::actionName(rs[i].action).toLower(),
                                    p.toString(), a.file)
                               .arg(a.line);
                    if (rs[i].action == AdminPolicyModel::Action::Allow)
                        allowed.unite(p);
                    else if (rs[i].action == AdminPolicyModel::Action::Pass)
                        passed.unite(p);
                }
            }
            ConnectionSet rest = undecided.united(passed);
            if (rest.isEmpty())
                return allowed;
            const bool isolated = egress ? !m.egressPolicies[static_cast<size_t>(self)].empty()
                                         : !m.ingressPolicies[static_cast<size_t>(self)].empty();
            if (isolated) {
                ConnectionSet np;
                for (int id :
                     egress ? outRules[static_cast<size_t>(self)] : inRules[static_cast<size_t>(self)]) {
                    const CompiledRule& cr = rules[static_cast<size_t>(id)];
                    if (!npMatches(cr, other))
                        continue;
                    const ConnectionSet p = portsOf(cr, portClass);
                    if (p.isEmpty())
                        continue;
                    np.unite(p);
                    why << ruleText(m.policies[cr.policy], egress, cr.index);
                }
                return allowed.united(np.intersected(rest));
            }
            if (m.banpFor[static_cast<size_t>(self)]) {
                const auto& rs = egress ? m.banp->egress : m.banp->ingress;
                for (int i = 0; i < rs.size() && !rest.isEmpty(); ++i) {
                    if (!adminMatches(rs[i], other))
                        continue;
                    const ConnectionSet p = AdminPolicyModel::rulePorts(rs[i], named).intersected(rest);
                    if (p.isEmpty())
                        continue;
                    rest = rest.subtracted(p);
                    why << QStringLiteral("%1: BaselineAdminNetworkPolicy rule %2 \"%3\" %4s %5 (%6:%7)")
                               .arg(dir)
                               .arg(i)
                               .arg(rs[i].name, AdminPolicyModel::actionName(rs[i].action).toLower(),
                                    p.toString(), m.banp->file)
                               .arg(m.banp->line);
                    if (rs[i].action == AdminPolicyModel::Action::Allow)
                        allowed.unite(p);
                }
            }
            if (!rest.isEmpty())
                why << QStringLiteral("%1: no policy decides %2; allowed by default")
                           .arg(dir, rest.toString());
            return allowed.united(rest);
        };
        for (int s = 0; s < n; ++s) {
            for (int d = 0; d < n; ++d) {
                if ((s == d && m.classes[s].members.size() < 2) || !m.sameNetwork(s, d))
                    continue;
                QStringList why;
                const ConnectionSet out = decide(true, s, d, why);
                const bool probed = probe && probe->src == s && probe->dst == d;
                if (out.isEmpty() && !probed)
                    continue;
                const ConnectionSet conn = out.intersected(decide(false, d, s, why));
                if (probed) {
                    probe->why = why;
                    probe->hit = true;
                }
                if (!conn.isEmpty())
                    result.flows.append({s, d, conn, why});
            }
        }
        for (int b : std::as_const(m.srcBlocks))
            for (int d = 0; d < n; ++d) {
                QStringList why;
                const ConnectionSet conn = decide(false, d, b, why);
                if (probe && probe->src == b && probe->dst == d) {
                    probe->why = why;
                    probe->hit = true;
                }
                if (!conn.isEmpty())
                    result.flows.append({b, d, conn, why});
            }
        for (int s = 0; s < n; ++s)
            for (int b : std::as_const(m.dstBlocks)) {
                QStringList why;
                const ConnectionSet conn = decide(true, s, b, why);
                if (probe && probe->src == s && probe->dst == b) {
                    probe->why = why;
                    probe->hit = true;
                }
                if (!conn.isEmpty())
                    result.flows.append({s, b, conn, why});
            }
    } else {
        // Pod class to pod class. Candidates come from the destination's ingress rules (every class when
        // it is not isolated), so a cluster of default-deny namespaces costs what its allows cost, not n².
        std::vector<int> allClasses(static_cast<size_t>(n));
        for (int c = 0; c < n; ++c)
            allClasses[static_cast<size_t>(c)] = c;
        std::vector<char> seen(static_cast<size_t>(n), 0);
        std::vector<int> candidates;
        for (int d = 0; d < n; ++d) {
            const bool dIsolated = !m.ingressPolicies[static_cast<size_t>(d)].empty();
            const auto& dRules = inRules[static_cast<size_t>(d)];
            const std::vector<int>* sources = &allClasses;
            if (dIsolated) {
                candidates.clear();
                bool everyone = false;
                for (int id : dRules)
                    everyone = everyone || rules[static_cast<size_t>(id)].all;
                for (int id : dRules)
                    for (int c : everyone ? allClasses : rules[static_cast<size_t>(id)].list)
                        if (!seen[static_cast<size_t>(c)]) {
                            seen[static_cast<size_t>(c)] = 1;
                            candidates.push_back(c);
                        }
                for (int c : candidates)
                    seen[static_cast<size_t>(c)] = 0;
                sources = &candidates;
            }
            for (int s : *sources) {
                if (s == d && m.classes[s].members.size() < 2)
                    continue; // a lone workload with itself
                if (!m.sameNetwork(s, d))
                    continue; // different primary networks cannot reach each other
                const bool sIsolated = !m.egressPolicies[static_cast<size_t>(s)].empty();
                const auto& sRules = outRules[static_cast<size_t>(s)];
                bool any = !sIsolated;
                for (size_t k = 0; !any && k < sRules.size(); ++k)
                    any = rules[static_cast<size_t>(sRules[k])].matchesClass(d);
                if (!any)
                    continue;
                ConnectionSet out;
                ConnectionSet in;
                QStringList why;
                side(
                    true, s, sIsolated, sRules, [&](const CompiledRule& cr) { return cr.matchesClass(d); }, d,
                    out, why);
                if (out.isEmpty())
                    continue;
                side(
                    false, d, dIsolated, dRules, [&](const CompiledRule& cr) { return cr.matchesClass(s); },
                    d, in, why);
                const ConnectionSet conn = out.intersected(in);
                if (conn.isEmpty())
                    continue;
                result.flows.append({s, d, conn, why});
            }
        }

        // Pods and external blocks: only the pod's side decides (ingress for a block as source, egress for a
        // block as destination). A rule reaches the blocks its address sets cover, found by binary search.
        auto blocksCovered = [&](const QList<int>& blocks, const IntervalSet& set, std::vector<int>& out) {
            for (const auto& r : set.ranges()) {
                auto it = std::lower_bound(blocks.cbegin(), blocks.cend(), r.lo,
                                           [&](int b, quint32 lo) { return m.classes[b].lo < lo; });
                for (; it != blocks.cend() && m.classes[*it].hi <= r.hi; ++it)
                    out.push_back(*it);
            }
        };
        auto blockFlows = [&](bool egress, const QList<int>& blocks) {
            for (int c = 0; c < n; ++c) {
                const bool isolated = egress ? !m.egressPolicies[static_cast<size_t>(c)].empty()
                                             : !m.ingressPolicies[static_cast<size_t>(c)].empty();
                auto add = [&](int block, const ConnectionSet& conn, const QStringList& why) {
                    if (egress)
                        result.flows.append({c, block, conn, why});
                    else
                        result.flows.append({block, c, conn, why});
                };
                if (!isolated) {
                    const QStringList why{
                        egress ? QStringLiteral("egress: no policy selects the source for egress")
                               : QStringLiteral("ingress: no policy selects the destination for ingress")};
                    for (int b : blocks)
                        add(b, ConnectionSet::all(), why);
                    continue;
                }
                std::map<int, std::pair<ConnectionSet, QStringList>> reached;
                for (int id : egress ? outRules[static_cast<size_t>(c)] : inRules[static_cast<size_t>(c)]) {
                    const CompiledRule& cr = rules[static_cast<size_t>(id)];
                    const NetworkPolicyModel& pol = m.policies[cr.policy];
                    const auto& r = egress ? pol.egressRules[cr.index] : pol.ingressRules[cr.index];
                    const ConnectionSet ports = portsOf(cr, egress ? -1 : c);
                    if (ports.isEmpty())
                        continue;
                    std::vector<int> covered;
                    if (r.allPeers) {
                        covered.assign(blocks.cbegin(), blocks.cend());
                    } else {
                        for (const auto& p : r.peers)
                            if (p.isIpBlock)
                                blocksCovered(blocks, p.addresses, covered);
                    }
                    std::sort(covered.begin(), covered.end());
                    covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
                    for (int b : covered) {
                        auto& [conn, why] = reached[b];
                        conn.unite(ports);
                        why << ruleText(pol, egress, cr.index);
                    }
                }
                for (const auto& [b, cw] : reached)
                    add(b, cw.first, cw.second);
            }
        };
        blockFlows(false, m.srcBlocks);
        blockFlows(true, m.dstBlocks);
    }

    // Entry through Ingress and Route: the ingress controller reaches the pods behind each backend
    // Service on the Service's target ports, where the pods' ingress policies admit it (the controller
    // is a pod of another namespace, with no labels: a namespaceSelector {} or an open rule admits it).
    std::map<int, std::pair<ConnectionSet, QStringList>> entry;
    // A backend port names the Service port by number or name; like netpol-analyzer, a number or name
    // that equals the Service's targetPort is accepted too.
    auto addBackend = [&](const ManifestDocument& d, const QString& ns, const QString& svcName,
                          const QJsonValue& portRef, bool routeTarget) {
        const ServiceInfo* svc = nullptr;
        for (const ServiceInfo& x : std::as_const(m.services))
            if (x.ns == ns && x.name == svcName)
                svc = &x;
        const QString what = QStringLiteral("%1 %2/%3")
                                 .arg(d.body.value(QLatin1String("kind")).toString(), ns,
                                      d.body.value(QLatin1String("metadata"))
                                          .toObject()
                                          .value(QLatin1String("name"))
                                          .toString());
        if (!svc) {
            result.warnings << Error(
                d.file, d.line,
                QStringLiteral("%1: backend Service %2/%3 is not in the snapshot").arg(what, ns, svcName));
            return;
        }
        for (const QJsonValue& pv : svc->ports) {
            const QJsonObject sp = pv.toObject();
            const QJsonValue target = sp.contains(QLatin1String("targetPort"))
                                          ? sp.value(QLatin1String("targetPort"))
                                          : sp.value(QLatin1String("port"));
            if (!portRef.isUndefined() && !portRef.isNull()) {
                bool hit;
                if (portRef.isString() && portRef.toString().toInt() == 0)
                    hit = sp.value(QLatin1String("name")).toString() == portRef.toString() ||
                          (routeTarget && target.isString() && target.toString() == portRef.toString());
                else
                    hit =
                        sp.value(QLatin1String("port")).toVariant().toInt() == portRef.toVariant().toInt() ||
                        (routeTarget && target.toVariant().toInt() == portRef.toVariant().toInt());
                if (!hit)
                    continue;
            }
            ConnectionSet::Protocol proto = ConnectionSet::TCP;
            if (sp.contains(QLatin1String("protocol")))
                ConnectionSet::parseProtocol(sp.value(QLatin1String("protocol")).toString(), proto);
            for (int c : m.classesByNs.value(ns)) {
                if (!InventoryBuilder::selectorMatches(svc->selector, m.classes[c].labels))
                    continue;
                quint32 number = 0;
                if (target.isString() && target.toString().toInt() == 0)
                    number =
                        m.classPorts[c].value(NetworkPolicyModel::namedPortKey(target.toString(), proto), 0);
                else
                    number = static_cast<quint32>(target.toVariant().toInt());
                if (number == 0)
                    continue;
                auto& [conn, why] = entry[c];
                conn.unite(ConnectionSet::ports(proto, number, number));
                const QString reason =
                    QStringLiteral("entry: %1 via service %2 (%3:%4)").arg(what, svcName, d.file).arg(d.line);
                if (!why.contains(reason))
                    why << reason;
            }
        }
    };
    for (const ManifestDocument& d : objects) {
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        const QString group = KubeKinds::groupOf(d.body.value(QLatin1String("apiVersion")).toString());
        const QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
        QString ns =
            d.body.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
        if (ns.isEmpty())
            ns = QStringLiteral("default");
        if (kind == QLatin1String("Ingress") &&
            (group == QLatin1String("networking.k8s.io") || group == QLatin1String("extensions"))) {
            auto backend = [&](const QJsonObject& b) {
                if (b.contains(QLatin1String("service"))) {
                    const QJsonObject svc = b.value(QLatin1String("service")).toObject();
                    const QJsonObject port = svc.value(QLatin1String("port")).toObject();
                    addBackend(d, ns, svc.value(QLatin1String("name")).toString(),
                               port.contains(QLatin1String("number")) ? port.value(QLatin1String("number"))
                                                                      : port.value(QLatin1String("name")),
                               true);
                } else if (b.contains(QLatin1String("serviceName"))) {
                    addBackend(d, ns, b.value(QLatin1String("serviceName")).toString(),
                               b.value(QLatin1String("servicePort")), true);
                }
            };
            for (const char* key : {"defaultBackend", "backend"})
                if (spec.contains(QLatin1String(key)))
                    backend(spec.value(QLatin1String(key)).toObject());
            for (const QJsonValue& rv : spec.value(QLatin1String("rules")).toArray())
                for (const QJsonValue& pv : rv.toObject()
                                                .value(QLatin1String("http"))
                                                .toObject()
                                                .value(QLatin1String("paths"))
                                                .toArray())
                    backend(pv.toObject().value(QLatin1String("backend")).toObject());
        } else if (kind == QLatin1String("Route") && group == QLatin1String("route.openshift.io")) {
            const QJsonValue target =
                spec.value(QLatin1String("port")).toObject().value(QLatin1String("targetPort"));
            addBackend(d, ns,
                       spec.value(QLatin1String("to")).toObject().value(QLatin1String("name")).toString(),
                       target, true);
            for (const QJsonValue& alt : spec.value(QLatin1String("alternateBackends")).toArray())
                addBackend(d, ns, alt.toObject().value(QLatin1String("name")).toString(), target, true);
        }
    }
    if (!entry.empty()) {
        FlowClass controller;
        controller.id = static_cast<int>(m.classes.size());
        controller.members << QStringLiteral("{ingress-controller}");
        controller.labels = QJsonObject{{QStringLiteral("tollgate.io/ingress-controller"), true}};
        const int ic = controller.id;
        m.classes << controller;
        m.classPorts << QHash<QString, quint32>();
        const QJsonObject noLabels;
        for (const auto& [c, ports] : entry) {
            ConnectionSet admitted;
            QStringList why = ports.second;
            if (m.ingressPolicies[static_cast<size_t>(c)].empty()) {
                admitted = ConnectionSet::all();
                why << QStringLiteral("ingress: no policy selects the destination for ingress");
            } else {
                for (int id : inRules[static_cast<size_t>(c)]) {
                    const CompiledRule& cr = rules[static_cast<size_t>(id)];
                    const NetworkPolicyModel& pol = m.policies[cr.policy];
                    const auto& r = pol.ingressRules[cr.index];
                    bool admits = r.allPeers;
                    for (const auto& p : r.peers)
                        admits = admits || (!p.isIpBlock && p.namespaceSelector &&
                                            p.namespaceSelector->matches(noLabels) &&
                                            (!p.podSelector || p.podSelector->matches(noLabels)));
                    if (!admits)
                        continue;
                    admitted.unite(portsOf(cr, c));
                    why << ruleText(pol, false, cr.index);
                }
            }
            const ConnectionSet conn = ports.first.intersected(admitted);
            if (!conn.isEmpty())
                result.flows.append({ic, c, conn, why});
        }
    }
    // Tollgate's own view of the other ways in (DESIGN section 4): LoadBalancer, NodePort and
    // externalIPs Services, host ports, host networking and Istio Gateways, each an entry node whose
    // flows reach the workloads behind it. Traffic through a Service arrives from outside the cluster,
    // so the workload's ingress must admit some external address; host networking bypasses policies.
    {
        QHash<QString, int> peerClass;
        for (const PeerRec& p : std::as_const(m.peers))
            peerClass.insert(p.name, p.cls);
        std::vector<ConnectionSet> fromOutside(static_cast<size_t>(n));
        for (const ClassFlow& f : std::as_const(result.flows))
            if (m.classes[f.src].external && f.dst < n)
                fromOutside[static_cast<size_t>(f.dst)].unite(f.conn);
        const Inventory& inv2 = m.inventory;
        QHash<QString, int> entryIds;
        for (const ExposureInfo& e : inv2.exposures) {
            if (e.kind == QLatin1String("Ingress") || e.kind == QLatin1String("Route") ||
                e.kind == QLatin1String("Gateway"))
                continue; // Ingress and Route are the {ingress-controller}; Gateway API has no backends here
            const QString name = QStringLiteral("{%1 %2/%3}").arg(e.kind, e.ns, e.name);
            const ServiceInfo* svc = nullptr;
            if (e.target.startsWith(QLatin1String("service/")))
                for (const ServiceInfo& x : std::as_const(m.services))
                    if (x.ns == e.ns && QStringLiteral("service/") + x.name == e.target)
                        svc = &x;
            for (const QString& w : e.workloads) {
                const int c = peerClass.value(w, -1);
                if (c < 0)
                    continue;
                ConnectionSet ports;
                if (svc) {
                    for (const QJsonValue& pv : svc->ports) {
                        const QJsonObject sp = pv.toObject();
                        const QJsonValue target = sp.contains(QLatin1String("targetPort"))
                                                      ? sp.value(QLatin1String("targetPort"))
                                                      : sp.value(QLatin1String("port"));
                        ConnectionSet::Protocol proto = ConnectionSet::TCP;
                        if (sp.contains(QLatin1String("protocol")))
                            ConnectionSet::parseProtocol(sp.value(QLatin1String("protocol")).toString(),
                                                         proto);
                        const quint32 number =
                            (target.isString() && target.toString().toInt() == 0)
                                ? m.classPorts[c].value(
                                      NetworkPolicyModel::namedPortKey(target.toString(), proto), 0)
                                : static_cast<quint32>(target.toVariant().toInt());
                        if (number)
                            ports.unite(ConnectionSet::ports(proto, number, number));
                    }
                    ports = ports.intersected(fromOutside[static_cast<size_t>(c)]);
                } else if (e.kind == QLatin1String("HostNetwork")) {
                    ports = ConnectionSet::all(); // on the node's network, NetworkPolicies do not apply
                } else if (e.kind == QLatin1String("HostPort")) {
                    ConnectionSet::Protocol proto = ConnectionSet::TCP;
                    if (!e.protocol.isEmpty())
                        ConnectionSet::parseProtocol(e.protocol, proto);
                    ports = ConnectionSet::ports(proto, e.port.toUInt(), e.port.toUInt());
                } else if (e.kind == QLatin1String("IstioGateway")) {
                    const quint32 number = e.port.toUInt();
                    if (number)
                        ports = ConnectionSet::ports(ConnectionSet::TCP, number, number);
                }
                if (ports.isEmpty())
                    continue;
                int id = entryIds.value(name, -1);
                if (id < 0) {
                    FlowClass ec;
                    ec.id = static_cast<int>(m.classes.size());
                    ec.entry = true;
                    ec.ns = e.ns;
                    ec.members << name;
                    ec.labels = QJsonObject{{QStringLiteral("tollgate.io/entry"), e.kind}};
                    m.classes << ec;
                    m.classPorts << QHash<QString, quint32>();
                    id = ec.id;
                    entryIds.insert(name, id);
                }
                const QString why =
                    QStringLiteral("entry: %1 %2/%3%4")
                        .arg(e.kind, e.ns, e.name,
                             e.detail.isEmpty() ? QString()
                                                : QStringLiteral(" (") + e.detail + QLatin1Char(')'));
                bool merged = false;
                for (ClassFlow& f : result.flows)
                    if (f.src == id && f.dst == c) {
                        f.conn.unite(ports);
                        if (!f.why.contains(why))
                            f.why << why;
                        merged = true;
                    }
                if (!merged)
                    result.flows.append({id, c, ports, {why}});
            }
        }
    }
    // Entry through an Istio Gateway and its VirtualServices: the gateway node reaches each routed
    // backend on the routed port, as far as the gateway workload itself may reach it.
    {
        QHash<QString, int> peerClass;
        for (const PeerRec& p : std::as_const(m.peers))
            peerClass.insert(p.name, p.cls);
        QHash<QString, int> entryIds;
        for (const FlowClass& c : std::as_const(m.classes))
            if (c.entry)
                entryIds.insert(c.members.value(0), c.id);
        QHash<qint64, int> flowIndex; // src << 32 | dst -> index in result.flows
        for (int i = 0; i < result.flows.size(); ++i)
            flowIndex.insert((qint64(result.flows[i].src) << 32) | result.flows[i].dst, i);
        for (const ManifestDocument& d : objects) {
            if (d.body.value(QLatin1String("kind")).toString() != QLatin1String("VirtualService") ||
                KubeKinds::groupOf(d.body.value(QLatin1String("apiVersion")).toString()) !=
                    QLatin1String("networking.istio.io"))
                continue;
            const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
            const QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
            QString vsNs = meta.value(QLatin1String("namespace")).toString();
            if (vsNs.isEmpty())
                vsNs = QStringLiteral("default");
            const QString vsName = meta.value(QLatin1String("name")).toString();
            for (const QJsonValue& gv : spec.value(QLatin1String("gateways")).toArray()) {
                const QString g = gv.toString();
                if (g == QLatin1String("mesh"))
                    continue;
                const QString gwKey = g.contains(QLatin1Char('/')) ? g : vsNs + QLatin1Char('/') + g;
                const int entryId = entryIds.value(QStringLiteral("{IstioGateway %1}").arg(gwKey), -1);
                if (entryId < 0)
                    continue;
                // The gateway workloads: where the entry node already leads.
                QList<int> gatewayClasses;
                for (const ClassFlow& f : std::as_const(result.flows))
                    if (f.src == entryId && !gatewayClasses.contains(f.dst))
                        gatewayClasses << f.dst;
                for (const char* section : {"http", "tcp", "tls"}) {
                    for (const QJsonValue& rv : spec.value(QLatin1String(section)).toArray()) {
                        for (const QJsonValue& dv : rv.toObject().value(QLatin1String("route")).toArray()) {
                            const QJsonObject dest =
                                dv.toObject().value(QLatin1String("destination")).toObject();
                            const QString host = dest.value(QLatin1String("host")).toString();
                            const QString svcName = host.section(QLatin1Char('.'), 0, 0);
                            const QString svcNs =
                                host.contains(QLatin1Char('.')) ? host.section(QLatin1Char('.'), 1, 1) : vsNs;
                            const ServiceInfo* svc = nullptr;
                            for (const ServiceInfo& x : std::as_const(m.services))
                                if (x.ns == svcNs && x.name == svcName)
                                    svc = &x;
                            if (!svc)
                                continue;
                            const int routedPort = dest.value(QLatin1String("port"))
                                                       .toObject()
                                                       .value(QLatin1String("number"))
                                                       .toInt();
                            for (int c : m.classesByNs.value(svcNs)) {
                                if (!InventoryBuilder::selectorMatches(svc->selector, m.classes[c].labels))
                                    continue;
                                ConnectionSet ports;
                                for (const QJsonValue& pv : svc->ports) {
                                    const QJsonObject sp = pv.toObject();
                                    if (routedPort && sp.value(QLatin1String("port")).toInt() != routedPort)
                                        continue;
                                    const QJsonValue target = sp.contains(QLatin1String("targetPort"))
                                                                  ? sp.value(QLatin1String("targetPort"))
                                                                  : sp.value(QLatin1String("port"));
                                    const quint32 number =
                                        (target.isString() && target.toString().toInt() == 0)
                                            ? m.classPorts[c].value(
                                                  NetworkPolicyModel::namedPortKey(target.toString(),
                                                                                   ConnectionSet::TCP),
                                                  0)
                                            : static_cast<quint32>(target.toVariant().toInt());
                                    if (number)
                                        ports.unite(ConnectionSet::ports(ConnectionSet::TCP, number, number));
                                }
                                // What the gateway pods may send to the backend under the policies.
                                ConnectionSet reachable;
                                int via = -1;
                                for (int gc : std::as_const(gatewayClasses)) {
                                    const auto it = flowIndex.constFind((qint64(gc) << 32) | c);
                                    if (it != flowIndex.constEnd()) {
                                        reachable.unite(result.flows[*it].conn);
                                        via = gc;
                                    }
                                }
                                const ConnectionSet conn = ports.intersected(reachable);
                                if (conn.isEmpty())
                                    continue;
                                const QString why =
                                    QStringLiteral("entry: VirtualService %1/%2 routes %3 to %4 (%5:%6)")
                                        .arg(vsNs, vsName, QLatin1String(section), host, d.file)
                                        .arg(d.line);
                                const auto it = flowIndex.constFind((qint64(entryId) << 32) | c);
                                if (it != flowIndex.constEnd()) {
                                    result.flows[*it].conn.unite(conn);
                                    if (!result.flows[*it].why.contains(why))
                                        result.flows[*it].why << why;
                                } else {
                                    flowIndex.insert((qint64(entryId) << 32) | c,
                                                     static_cast<int>(result.flows.size()));
                                    ClassFlow f{entryId, c, conn, {why}};
                                    f.via = via;
                                    result.flows.append(f);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // An Envoy gateway (a pod that an Istio Gateway selects) originates traffic only along the routes of
    // the VirtualServices bound to its Gateways; its agent also talks to istiod. Per gateway pod class.
    std::map<int, MeshModel::GatewayRoutes> gatewayRoutes;
    if (m.mesh->hasMesh()) {
        for (int c = 0; c < n; ++c) {
            if (m.classInjected[static_cast<size_t>(c)] == 0)
                continue;
            MeshModel::GatewayRoutes g = m.mesh->gatewayRoutes(m.classes[c].labels);
            if (!g.gateways.isEmpty())
                gatewayRoutes.emplace(c, std::move(g));
        }
    }
    // The TCP ports a gateway's routes send to a pod class (a routed Service's target ports).
    auto routedTo = [&](const MeshModel::GatewayRoutes& g, int dst, QStringList& why) -> IntervalSet {
        IntervalSet ports;
        const FlowClass& dc = m.classes[dst];
        for (const MeshModel::Route& r : g.routes) {
            const ServiceInfo* svc = m.mesh->serviceOfHost(r.host, r.vsNs);
            if (!svc || svc->ns != dc.ns || svc->selector.isEmpty() ||
                !InventoryBuilder::selectorMatches(svc->selector, dc.labels))
                continue;
            IntervalSet hit;
            for (const QJsonValue& pv : svc->ports) {
                const QJsonObject sp = pv.toObject();
                ConnectionSet::Protocol proto = ConnectionSet::TCP;
                if (sp.contains(QLatin1String("protocol")))
                    ConnectionSet::parseProtocol(sp.value(QLatin1String("protocol")).toString(), proto);
                if (proto != ConnectionSet::TCP)
                    continue;
                if (r.port && static_cast<quint32>(sp.value(QLatin1String("port")).toInt()) != r.port)
                    continue;
                const QJsonValue target = sp.contains(QLatin1String("targetPort"))
                                              ? sp.value(QLatin1String("targetPort"))
                                              : sp.value(QLatin1String("port"));
                const quint32 number =
                    (target.isString() && target.toString().toInt() == 0)
                        ? m.classPorts[dst].value(
                              NetworkPolicyModel::namedPortKey(target.toString(), ConnectionSet::TCP), 0)
                        : static_cast<quint32>(target.toVariant().toInt());
                if (number)
                    hit.add(number, number);
            }
            if (hit.isEmpty())
                continue;
            ports = ports.united(hit);
            const QString line = QStringLiteral("gateway: VirtualService %1 routes gateway %2 to %3 (TCP %4)")
                                     .arg(r.vs, r.gateway, r.host, hit.toString());
            if (!why.contains(line))
                why << line;
        }
        return ports;
    };
    // The gateway's agent fetches configuration and certificates from istiod (xDS on 15010/15012).
    auto controlPlane = [&](int dst) -> IntervalSet {
        const FlowClass& dc = m.classes[dst];
        for (const ServiceInfo& s : std::as_const(m.services))
            if (s.ns == dc.ns && s.ns == m.mesh->rootNamespace() && s.name == QLatin1String("istiod") &&
                !s.selector.isEmpty() && InventoryBuilder::selectorMatches(s.selector, dc.labels)) {
                IntervalSet p;
                p.add(15010, 15010);
                p.add(15012, 15012);
                return p;
            }
        return {};
    };
    auto withTcp = [](const ConnectionSet& conn, const IntervalSet& tcp) -> ConnectionSet {
        ConnectionSet out = conn.subtracted(ConnectionSet::wholeProtocol(ConnectionSet::TCP));
        for (const auto& r : tcp.ranges())
            out.unite(ConnectionSet::ports(ConnectionSet::TCP, r.lo, r.hi));
        return out;
    };

    // Mesh overlay: the mTLS state of every allowed flow.
    for (ClassFlow& f : result.flows) {
        const FlowClass& sc = m.classes[f.src];
        const FlowClass& dc = m.classes[f.dst];
        if (!m.mesh->hasMesh()) {
            f.mtls = MeshModel::stateName(MeshModel::State::NotInMesh);
            f.mtlsWhy << QStringLiteral("mtls: no service mesh in this snapshot");
            continue;
        }
        if (dc.external || dc.entry || f.dst >= n) {
            f.mtls = MeshModel::stateName(MeshModel::State::NotInMesh);
            f.mtlsWhy << QStringLiteral("mtls: the destination is outside the mesh");
            // A gateway has no passthrough: TCP leaves the cluster only to the external hosts its routes
            // name (whose addresses a snapshot does not hold).
            const auto git = f.src < n ? gatewayRoutes.find(f.src) : gatewayRoutes.end();
            if (dc.external && !sc.external && !sc.entry && git != gatewayRoutes.end()) {
                QStringList hosts;
                for (const MeshModel::Route& r : git->second.routes)
                    if (!MeshModel::isClusterHost(r.host))
                        hosts << (r.port ? r.host + QLatin1Char(':') + QString::number(r.port) : r.host);
                hosts.removeDuplicates();
                const QString gws = git->second.gateways.join(QLatin1Char(','));
                const ConnectionSet left =
                    f.conn.subtracted(ConnectionSet::wholeProtocol(ConnectionSet::TCP));
                const bool hadTcp = left != f.conn;
                if (hosts.isEmpty()) {
                    f.authz = QJsonObject{
                        {QStringLiteral("state"), hadTcp ? QStringLiteral("deny") : QStringLiteral("none")},
                        {QStringLiteral("allowed"), left.toString()},
                        {QStringLiteral("why"),
                         QJsonArray{
                             QStringLiteral("gateway: no route on gateway %1 leads outside the cluster; "
                                            "a gateway originates TCP only along its VirtualService "
                                            "routes")
                                 .arg(gws)}},
                        {QStringLiteral("l7"), QJsonArray()}};
                } else {
                    f.authz = QJsonObject{
                        {QStringLiteral("state"),
                         hadTcp ? QStringLiteral("conditional") : QStringLiteral("none")},
                        {QStringLiteral("allowed"), f.conn.toString()},
                        {QStringLiteral("why"),
                         QJsonArray{QStringLiteral("gateway: routes on gateway %1 lead outside the cluster "
                                                   "only to %2; other TCP has no route")
                                        .arg(gws, hosts.join(QStringLiteral(", ")))}},
                        {QStringLiteral("l7"), QJsonArray{QStringLiteral("only to the routed hosts %1")
                                                              .arg(hosts.join(QLatin1Char(',')))}}};
                }
                continue;
            }
            // An injected client's proxy captures its outbound TCP: under REGISTRY_ONLY an address
            // outside the service registry goes to the black hole. Non-TCP is not captured.
            QString source;
            if (dc.external && !sc.external && !sc.entry && f.src < n &&
                m.classInjected.at(static_cast<size_t>(f.src)) != 0 &&
                m.mesh->outboundPolicy(sc.ns, sc.labels, &source) == QLatin1String("REGISTRY_ONLY")) {
                const ConnectionSet left =
                    f.conn.subtracted(ConnectionSet::wholeProtocol(ConnectionSet::TCP));
                const bool hadTcp = left != f.conn;
                f.authz = QJsonObject{
                    {QStringLiteral("state"), hadTcp ? QStringLiteral("deny") : QStringLiteral("none")},
                    {QStringLiteral("allowed"), left.toString()},
                    {QStringLiteral("why"),
                     QJsonArray{QStringLiteral("egress: %1 is REGISTRY_ONLY; TCP to an address outside the "
                                               "service registry goes to the black hole")
                                    .arg(source)}},
                    {QStringLiteral("l7"), QJsonArray()}};
            }
            continue;
        }
        if (f.via < 0 && (sc.external || sc.entry || f.src >= n) &&
            m.classGateway[static_cast<size_t>(f.dst)]) {
            f.mtls = MeshModel::stateName(MeshModel::State::NotInMesh);
            f.mtlsWhy << QStringLiteral(
                "mtls: outside traffic reaches the gateway's listener, where the Gateway's TLS "
                "settings apply, not PeerAuthentication");
            continue;
        }
        // Through a gateway, the gateway workload is the client of the last hop.
        const int clientClass = f.via >= 0 ? f.via : f.src;
        const bool clientPod = (!sc.external && !sc.entry && f.src < n) || f.via >= 0;
        const bool clientInjected = clientPod && m.classInjected.at(static_cast<size_t>(clientClass)) != 0;
        // A client Sidecar that does not list the server's services: black hole or passthrough.
        QStringList sidecarWhy;
        bool blackHole = false;
        bool passthrough = false;
        if (clientInjected) {
            const MeshModel::ServiceReach reach = m.mesh->reachService(
                m.classes[clientClass].ns, m.classes[clientClass].labels, dc.ns, dc.labels);
            if (reach.limited && !reach.listed) {
                blackHole = reach.policy == QLatin1String("REGISTRY_ONLY");
                passthrough = !blackHole;
                sidecarWhy << QStringLiteral("sidecar: %1 lists no service of the destination; %2")
                                  .arg(reach.source,
                                       blackHole
                                           ? QStringLiteral(
                                                 "REGISTRY_ONLY sends the traffic to the black hole")
                                           : QStringLiteral("ALLOW_ANY passes it through, without mTLS"));
            }
        }
        const MeshModel::Verdict v =
            m.mesh->evaluate(clientInjected && !passthrough, m.classes[clientClass].ns,
                             m.classInjected.at(static_cast<size_t>(f.dst)) != 0, dc.ns, dc.labels, f.conn);
        f.mtls = MeshModel::stateName(v.state);
        f.mtlsPorts = v.ports;
        f.mtlsWhy = v.why;
        MeshModel::Client client;
        client.pod = clientPod;
        client.injected = clientInjected && !passthrough;
        client.mtls = v.state == MeshModel::State::Strict || v.state == MeshModel::State::Permissive;
        client.ns = m.classes[clientClass].ns;
        client.serviceAccount = clientPod ? m.classServiceAccount.value(clientClass) : QString();
        const MeshModel::Authz az = m.mesh->authorize(
            client, m.classInjected[static_cast<size_t>(f.dst)] != 0, dc.ns, dc.labels, f.conn);
        f.mtlsWhy << sidecarWhy;
        QString state = az.state;
        ConnectionSet meshAllowed = az.allowed;
        QStringList why = sidecarWhy + az.why;
        if (blackHole) {
            state = QStringLiteral("deny");
            meshAllowed = meshAllowed.subtracted(ConnectionSet::wholeProtocol(ConnectionSet::TCP));
        }
        // A gateway pod's own traffic (not a routed hop, which `via` marks): only along its routes.
        const auto git = (f.via < 0 && f.src < n && !sc.external && !sc.entry) ? gatewayRoutes.find(f.src)
                                                                               : gatewayRoutes.end();
        if (git != gatewayRoutes.end()) {
            QStringList routeWhy;
            IntervalSet routed = routedTo(git->second, f.dst, routeWhy);
            const IntervalSet cp = controlPlane(f.dst);
            if (!cp.isEmpty()) {
                routed = routed.united(cp);
                routeWhy << QStringLiteral(
                                "gateway: the gateway's agent fetches configuration and certificates "
                                "from istiod (TCP %1)")
                                .arg(cp.toString());
            }
            const IntervalSet tcpNow = meshAllowed.portsOf(ConnectionSet::TCP);
            const IntervalSet kept = tcpNow.intersected(routed);
            why << routeWhy;
            if (kept != tcpNow) {
                const QString gws = git->second.gateways.join(QLatin1Char(','));
                meshAllowed = withTcp(meshAllowed, kept);
                if (kept.isEmpty()) {
                    state = QStringLiteral("deny");
                    why << QStringLiteral("gateway: no route on gateway %1 to this destination; a gateway "
                                          "originates TCP only along its VirtualService routes")
                               .arg(gws);
                } else {
                    state = QStringLiteral("partial");
                    why << QStringLiteral(
                               "gateway: routes on gateway %1 reach this destination only on TCP %2")
                               .arg(gws, kept.toString());
                }
            }
        }
        f.authz = QJsonObject{{QStringLiteral("state"), state},
                              {QStringLiteral("allowed"), meshAllowed.toString()},
                              {QStringLiteral("why"), QJsonArray::fromStringList(why)},
                              {QStringLiteral("l7"), QJsonArray::fromStringList(az.l7)}};
    }
    result.classes = std::move(m.classes);
    result.warnings = std::move(m.warnings);
    qCDebug(lcInventory) << "connectivity:" << n << "pod classes," << result.flows.size() << "class flows";
    return result;
}

} // namespace

Result<ConnectivityEngine::Explanation> ConnectivityEngine::explain(const QList<ManifestDocument>& objects,
                                                                    const QString& src, const QString& dst)
{
    auto built = buildModel(objects);
    if (!built)
        return built.error();
    const Model& m = built.value();
    // A workload by full peer name, ns/name or name; or an IPv4 address (the block that holds it).
    auto resolve = [&](const QString& name, const QList<int>& blocks, QString& full) -> int {
        IntervalSet::Range ip{};
        if (NetworkPolicyModel::parseCidr(
                name.contains(QLatin1Char('/')) ? name : name + QStringLiteral("/32"), ip)) {
            for (int b : blocks) {
                if (m.classes[b].lo <= ip.lo && ip.lo <= m.classes[b].hi) {
                    full = m.classes[b].members.first();
                    return b;
                }
            }
            return -1;
        }
        for (const PeerRec& p : m.peers) {
            const QString base = p.name.section(QLatin1Char('['), 0, 0);
            if (p.name == name || base == name || base.section(QLatin1Char('/'), 1) == name) {
                full = p.name;
                return p.cls;
            }
        }
        // A pod or controller object by its own name, standing for its workload.
        const auto it = m.aliases.constFind(name);
        if (it != m.aliases.constEnd()) {
            full = m.peers[*it].name;
            return m.peers[*it].cls;
        }
        return -1;
    };
    Explanation e;
    const int s = resolve(src, m.srcBlocks, e.src);
    const int d = resolve(dst, m.dstBlocks, e.dst);
    if (s < 0)
        return Error(QStringLiteral("no workload or address named '%1'").arg(src));
    if (d < 0)
        return Error(QStringLiteral("no workload or address named '%1'").arg(dst));
    e.found = true;
    const bool srcPod = !m.classes[s].external;
    const bool dstPod = !m.classes[d].external;
    if (!srcPod && !dstPod)
        return Error(QStringLiteral("both ends are outside the cluster; NetworkPolicies do not govern that"));

    auto evaluate = [&](bool egress, int self, int other) {
        ConnectionSet conn;
        const auto& selecting = egress ? m.egressPolicies[static_cast<size_t>(self)]
                                       : m.ingressPolicies[static_cast<size_t>(self)];
        const QString dir = egress ? QStringLiteral("egress") : QStringLiteral("ingress");
        const QString who = egress ? e.src : e.dst;
        if (selecting.empty()) {
            e.lines << QStringLiteral(
                           "%1: no NetworkPolicy in %2 selects %3 for %1, so it is not isolated: all "
                           "connections allowed")
                           .arg(dir, m.classes[self].ns, who);
            return ConnectionSet::all();
        }
        for (int pi : selecting) {
            const NetworkPolicyModel& pol = m.policies[pi];
            const auto& rules = egress ? pol.egressRules : pol.ingressRules;
            if (rules.isEmpty())
                e.lines << QStringLiteral("%1: %2 (%3:%4) selects %5 and has no %1 rules: denies all")
                               .arg(dir, pol.id(), pol.file)
                               .arg(pol.line)
                               .arg(who);
            for (int ri = 0; ri < rules.size(); ++ri) {
                const auto& r = rules[ri];
                const bool matches = m.classes[other].external ? m.ruleMatchesBlock(r, other)
                                                               : m.ruleMatchesClass(pol, r, other);
                if (!matches) {
                    e.lines << QStringLiteral("%1: %2 rule %3 does not match %4")
                                   .arg(dir, pol.id())
                                   .arg(ri)
                                   .arg(egress ? e.dst : e.src);
                    continue;
                }
                const int portClass = egress ? other : self;
                const ConnectionSet p = NetworkPolicyModel::rulePorts(
                    r, m.classes[portClass].external ? nullptr : &m.classPorts[portClass]);
                e.lines << QStringLiteral("%1: %2 rule %3 (%4:%5) allows %6")
                               .arg(dir, pol.id())
                               .arg(ri)
                               .arg(pol.file)
                               .arg(pol.line)
                               .arg(p.toString());
                conn.unite(p);
            }
        }
        return conn;
    };
    ConnectionSet allowed = ConnectionSet::all();
    ExplainProbe probe{s, d, {}, false};
    auto r = computeImpl(objects, &probe);
    if (!r)
        return r.error();
    const ClassFlow* flow = nullptr;
    for (const ClassFlow& f : r->flows)
        if (f.src == s && f.dst == d)
            flow = &f;
    if (!m.anps.isEmpty() || m.banp) {
        // Tiered evaluation (ANP, NetworkPolicy, BANP): the engine's own decision and its reasons.
        allowed = flow ? flow->conn : ConnectionSet();
        e.lines = probe.why;
    } else {
        if (srcPod)
            allowed = allowed.intersected(evaluate(true, s, d));
        if (dstPod)
            allowed = allowed.intersected(evaluate(false, d, s));
    }
    if (s == d && m.classes[s].members.size() < 2 && e.src == e.dst)
        e.lines << QStringLiteral("note: a workload talking to itself is not listed as a flow");
    // The mesh on top of what the policies allow: mTLS state and AuthorizationPolicy verdict.
    if (flow) {
        e.lines << QStringLiteral("mtls: %1").arg(flow->mtls);
        for (const QString& w : flow->mtlsWhy)
            e.lines << w;
        if (!flow->authz.isEmpty()) {
            e.authz = flow->authz.value(QLatin1String("state")).toString();
            ConnectionSet::fromString(flow->authz.value(QLatin1String("allowed")).toString(), e.meshAllows);
            e.lines << QStringLiteral("authz: %1; the mesh allows %2")
                           .arg(flow->authz.value(QLatin1String("state")).toString(),
                                flow->authz.value(QLatin1String("allowed")).toString());
            for (const QJsonValue& w : flow->authz.value(QLatin1String("why")).toArray())
                e.lines << w.toString();
            for (const QJsonValue& w : flow->authz.value(QLatin1String("l7")).toArray())
                e.lines << QStringLiteral("authz: L7 ") + w.toString();
        }
    }
    e.allowed = allowed;
    return e;
}

} // namespace tollgate
