#include "NcaEngineFacts.h"

#include "NcaSidecarReading.h"
#include "kube/InventoryBuilder.h"
#include "network/MeshModel.h"

#include <QHash>
#include <QJsonArray>

namespace tollgate::test {

NcaFacts NcaEngineFacts::compute(const ConnectivityResult& result, const QList<ManifestDocument>& objects)
{
    NcaFacts facts;
    auto peers = [](const FlowClass& c) {
        QList<NcaFacts::Peer> out;
        if (c.external) {
            out << NcaFacts::Peer::ip(c.lo, c.hi);
            return out;
        }
        for (const QString& m : c.members)
            out << NcaFacts::Peer::pod(m.section(QLatin1Char('['), 0, 0));
        return out;
    };
    const Inventory inv = InventoryBuilder::build(objects);
    const MeshModel mesh = MeshModel::build(objects, inv);
    QHash<QString, const WorkloadInfo*> byPeer;
    for (const WorkloadInfo& w : inv.workloads)
        if (w.topLevel)
            byPeer.insert(w.peerName, &w);
    const NcaSidecarReading nca(objects, inv, mesh.rootNamespace());
    // NCA's reading of a Sidecar (documented normalisation, not Istio's): a service that a client's
    // Sidecar does not list (by NCA's host matching) is unreachable over TCP even under ALLOW_ANY,
    // where Istio passes the traffic through without mTLS and Tollgate's engine keeps the flow.
    auto ncaSidecarHides = [&](const FlowClass& s, const FlowClass& d) {
        if (!mesh.hasMesh() || s.external || d.external || s.members.isEmpty())
            return false;
        const WorkloadInfo* w = byPeer.value(s.members.first());
        if (!w || !mesh.injected(*w))
            return false;
        const MeshModel::ServiceReach r = mesh.reachService(s.ns, s.labels, d.ns, d.labels);
        return r.limited && r.policy == QLatin1String("ALLOW_ANY") &&
               !nca.listsService(s.ns, s.labels, d.ns, d.labels);
    };
    for (const ClassFlow& f : result.flows) {
        const FlowClass& s = result.classes[f.src];
        const FlowClass& d = result.classes[f.dst];
        if (s.entry || d.entry)
            continue;
        ConnectionSet conn = f.conn;
        bool l7 = false;
        if (f.authz.contains(QLatin1String("allowed"))) {
            ConnectionSet allowed;
            if (ConnectionSet::fromString(f.authz.value(QLatin1String("allowed")).toString(), allowed))
                conn = allowed;
            l7 = !f.authz.value(QLatin1String("l7")).toArray().isEmpty();
        }
        if (ncaSidecarHides(s, d))
            conn = conn.subtracted(NcaFacts::tcpOnly());
        for (const auto& a : peers(s))
            for (const auto& b : peers(d))
                facts.add(a, b, conn, l7);
    }
    if (mesh.hasMesh()) {
        for (const WorkloadInfo& w : inv.workloads) {
            if (!w.topLevel)
                continue;
            const QString peer = w.peerName.section(QLatin1Char('['), 0, 0);
            // NCA's reading again: a registry host the client's Sidecar hides (by NCA's matching) is
            // unreachable, where Istio's ALLOW_ANY passes it through as an unknown destination.
            const MeshModel::Egress e = mesh.egress(w);
            for (const QString& h : e.hosts)
                if (!e.passthrough.contains(h) ||
                    (nca.listsHost(w.ns, w.podLabels, h) && !nca.meshRedirects(h)))
                    facts.add(NcaFacts::Peer::pod(peer), NcaFacts::Peer::host(h), NcaFacts::tcpOnly());
        }
    }
    return facts;
}

} // namespace tollgate::test
