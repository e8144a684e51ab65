#pragma once

#include "kube/Inventory.h"
#include "kube/ManifestDocument.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>

namespace tollgate::test {

// NCA's reading of Istio Sidecar egress hosts, which the conformance harness needs to know what NCA
// drops (see the normalisations in tst_ncaconformance.cpp). It differs from Istio's in three ways:
// - a dnsName under `cluster` (`svc.cluster.local`) selects services by its first label only: NCA
//   reads "./cartservice.onlineboutique.svc.cluster.local" as "cartservice in the Sidecar's
//   namespace", whatever namespace the FQDN names (Istio: the FQDN must be the service's own);
// - a ServiceEntry counts as a service of every namespace it is exported to (no exportTo: all), so
//   "istio-system/*" exposes a ServiceEntry of `default` (Istio: the host's namespace is the one the
//   ServiceEntry is declared in);
// - a `mesh` VirtualService sends a host it can see elsewhere (an egress gateway) whatever the
//   Sidecar lists (Istio: a Sidecar also hides the VirtualServices of namespaces it does not list).
class NcaSidecarReading
{
public:
    NcaSidecarReading(const QList<ManifestDocument>& objects, const Inventory& inv, QString rootNs);

    // Whether the client has a Sidecar with egress hosts and, by NCA's reading, it lists the server.
    bool listsService(const QString& clientNs, const QJsonObject& clientLabels, const QString& serverNs,
                      const QJsonObject& serverLabels) const;
    // Whether the client has a Sidecar with egress hosts and, by NCA's reading, it lists a
    // ServiceEntry host.
    bool listsHost(const QString& clientNs, const QJsonObject& clientLabels, const QString& host) const;
    // Whether, by NCA's reading, a VirtualService bound to `mesh` sends the host elsewhere (an egress
    // gateway): NCA applies it whenever the ServiceEntry host is visible, without cutting the
    // VirtualService by the Sidecar.
    bool meshRedirects(const QString& host) const;

private:
    struct Sidecar
    {
        QString ns;
        bool selected = false;
        QJsonObject labels;
        QStringList hosts;
    };

    void readMeshRoutes(const QJsonObject& spec);
    // The Sidecar with egress hosts that applies: the workload's own, else its namespace's, else the
    // mesh root's (the same precedence as Istio's).
    const Sidecar* sidecarFor(const QString& ns, const QJsonObject& labels) const;
    // `nsPart` of a host pattern against the namespaces a service counts in ("*": all).
    static bool namespaceMatches(const QString& nsPart, const QString& clientNs,
                                 const QStringList& namespaces);

    const Inventory& m_inv;
    QString m_rootNs;
    QList<Sidecar> m_sidecars;
    QHash<QString, QStringList> m_entryNamespaces; // ServiceEntry host -> namespaces it is exported to
    QSet<QString> m_redirected;                    // hosts a `mesh` route sends elsewhere
    QSet<QString> m_direct;                        // hosts a `mesh` route sends to themselves
};

} // namespace tollgate::test
