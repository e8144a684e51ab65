#include "ConnectivityEngine.h"

#include "InventoryBuilder.h"
#include "KubeKinds.h"
#include "Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <map>
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

    // Peers: one per workload, represented by its pod template (or its first pod).
    const Inventory inv = InventoryBuilder::build(objects);
    m.services = inv.services;
    QSet<QString> seenPeers;
    for (const WorkloadInfo& w : inv.workloads) {
        if (!w.topLevel || seenPeers.contains(w.peerName))
            continue;
        seenPeers.insert(w.peerName);
        PeerRec p;
        p.name = w.peerName;
        p.ns = w.ns;
        p.labels = w.podLabels;
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
                               ports.join(QLatin1Char(',')).toUtf8();
        auto [it, inserted] = classIndex.emplace(key, static_cast<int>(m.classes.size()));
        if (inserted) {
            FlowClass c;
            c.id = it->second;
            c.ns = p.ns;
            c.labels = p.labels;
            m.classes << c;
            m.classPorts << p.namedPorts;
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

Result<ConnectivityResult> ConnectivityEngine::compute(const QList<ManifestDocument>& objects)
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
                false, d, dIsolated, dRules, [&](const CompiledRule& cr) { return cr.matchesClass(s); }, d,
                in, why);
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
    result.classes = std::move(m.classes);
    result.warnings = std::move(m.warnings);
    qCDebug(lcInventory) << "connectivity:" << n << "pod classes," << result.flows.size() << "class flows";
    return result;
}

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
    if (srcPod)
        allowed = allowed.intersected(evaluate(true, s, d));
    if (dstPod)
        allowed = allowed.intersected(evaluate(false, d, s));
    if (s == d && m.classes[s].members.size() < 2 && e.src == e.dst)
        e.lines << QStringLiteral("note: a workload talking to itself is not listed as a flow");
    e.allowed = allowed;
    return e;
}

} // namespace tollgate
