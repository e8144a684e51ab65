#include "NcaSidecarReading.h"

#include "kube/InventoryBuilder.h"
#include "kube/KubeKinds.h"

#include <QJsonArray>

namespace tollgate::test {

NcaSidecarReading::NcaSidecarReading(const QList<ManifestDocument>& objects, const Inventory& inv,
                                     QString rootNs)
    : m_inv(inv), m_rootNs(std::move(rootNs))
{
    for (const ManifestDocument& d : objects) {
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        if (KubeKinds::groupOf(d.body.value(QLatin1String("apiVersion")).toString()) !=
            QLatin1String("networking.istio.io"))
            continue;
        const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
        const QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
        QString ns = meta.value(QLatin1String("namespace")).toString();
        if (ns.isEmpty())
            ns = QStringLiteral("default");
        if (kind == QLatin1String("Sidecar")) {
            Sidecar sc;
            sc.ns = ns;
            sc.selected = spec.contains(QLatin1String("workloadSelector"));
            sc.labels = spec.value(QLatin1String("workloadSelector"))
                            .toObject()
                            .value(QLatin1String("labels"))
                            .toObject();
            for (const QJsonValue& ev : spec.value(QLatin1String("egress")).toArray())
                for (const QJsonValue& h : ev.toObject().value(QLatin1String("hosts")).toArray())
                    sc.hosts << h.toString();
            m_sidecars << sc;
        } else if (kind == QLatin1String("ServiceEntry")) {
            QStringList exported;
            for (const QJsonValue& e : spec.value(QLatin1String("exportTo")).toArray())
                exported << (e.toString() == QLatin1String(".") ? ns : e.toString());
            if (exported.isEmpty())
                exported << QStringLiteral("*");
            for (const QJsonValue& h : spec.value(QLatin1String("hosts")).toArray())
                m_entryNamespaces[h.toString()] += exported;
        } else if (kind == QLatin1String("VirtualService")) {
            readMeshRoutes(spec);
        }
    }
}

bool NcaSidecarReading::listsService(const QString& clientNs, const QJsonObject& clientLabels,
                                     const QString& serverNs, const QJsonObject& serverLabels) const
{
    const Sidecar* sc = sidecarFor(clientNs, clientLabels);
    if (!sc)
        return false;
    QStringList names;
    for (const ServiceInfo& s : m_inv.services)
        if (s.ns == serverNs && InventoryBuilder::selectorMatches(s.selector, serverLabels))
            names << s.name;
    for (const QString& pattern : sc->hosts) {
        if (!namespaceMatches(pattern.section(QLatin1Char('/'), 0, 0), clientNs, {serverNs}))
            continue;
        const QString dns = pattern.section(QLatin1Char('/'), 1);
        if (dns == QLatin1String("*") ||
            (dns.contains(QLatin1String("cluster")) &&
             (dns.startsWith(QLatin1String("*.")) || names.contains(dns.section(QLatin1Char('.'), 0, 0)))))
            return true;
    }
    return false;
}

bool NcaSidecarReading::listsHost(const QString& clientNs, const QJsonObject& clientLabels,
                                  const QString& host) const
{
    const Sidecar* sc = sidecarFor(clientNs, clientLabels);
    if (!sc)
        return false;
    for (const QString& pattern : sc->hosts) {
        if (!namespaceMatches(pattern.section(QLatin1Char('/'), 0, 0), clientNs,
                              m_entryNamespaces.value(host)))
            continue;
        const QString dns = pattern.section(QLatin1Char('/'), 1);
        if (dns.contains(QLatin1String("cluster")))
            continue; // a service name, never a ServiceEntry host
        if (dns == QLatin1String("*") || dns == host ||
            (dns.startsWith(QLatin1String("*.")) && host.endsWith(dns.mid(1))))
            return true;
    }
    return false;
}

bool NcaSidecarReading::meshRedirects(const QString& host) const
{
    return m_redirected.contains(host) && !m_direct.contains(host);
}

void NcaSidecarReading::readMeshRoutes(const QJsonObject& spec)
{
    QStringList hosts;
    for (const QJsonValue& h : spec.value(QLatin1String("hosts")).toArray())
        hosts << h.toString();
    const QJsonArray top = spec.value(QLatin1String("gateways")).toArray();
    const bool topMesh = top.isEmpty() || top.contains(QStringLiteral("mesh"));
    for (const char* section : {"http", "tcp", "tls"}) {
        for (const QJsonValue& rv : spec.value(QLatin1String(section)).toArray()) {
            const QJsonObject rule = rv.toObject();
            bool mesh = rule.value(QLatin1String("match")).toArray().isEmpty() && topMesh;
            for (const QJsonValue& mv : rule.value(QLatin1String("match")).toArray()) {
                const QJsonArray g = mv.toObject().value(QLatin1String("gateways")).toArray();
                mesh = mesh || (g.isEmpty() ? topMesh : g.contains(QStringLiteral("mesh")));
            }
            if (!mesh)
                continue;
            for (const QJsonValue& dv : rule.value(QLatin1String("route")).toArray()) {
                const QString dest = dv.toObject()
                                         .value(QLatin1String("destination"))
                                         .toObject()
                                         .value(QLatin1String("host"))
                                         .toString();
                for (const QString& h : std::as_const(hosts))
                    (dest == h ? m_direct : m_redirected).insert(h);
            }
        }
    }
}

const NcaSidecarReading::Sidecar* NcaSidecarReading::sidecarFor(const QString& ns,
                                                                const QJsonObject& labels) const
{
    const Sidecar* chosen = nullptr;
    for (const Sidecar& sc : m_sidecars)
        if (!chosen && sc.ns == ns && sc.selected && InventoryBuilder::selectorMatches(sc.labels, labels))
            chosen = &sc;
    for (const Sidecar& sc : m_sidecars)
        if (!chosen && sc.ns == ns && !sc.selected)
            chosen = &sc;
    for (const Sidecar& sc : m_sidecars)
        if (!chosen && sc.ns == m_rootNs && !sc.selected)
            chosen = &sc;
    return chosen && !chosen->hosts.isEmpty() ? chosen : nullptr;
}

bool NcaSidecarReading::namespaceMatches(const QString& nsPart, const QString& clientNs,
                                         const QStringList& namespaces)
{
    if (nsPart == QLatin1String("~"))
        return false;
    if (nsPart == QLatin1String("*") || namespaces.contains(QStringLiteral("*")))
        return true;
    return namespaces.contains(nsPart == QLatin1String(".") ? clientNs : nsPart);
}

} // namespace tollgate::test
