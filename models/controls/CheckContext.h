#pragma once

#include "controls/Tailoring.h"
#include "kube/Inventory.h"
#include "kube/ManifestDocument.h"
#include "network/MeshModel.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <optional>

namespace tollgate {

// What a control check may read: the snapshot's objects and the inventory derived from them, the
// mesh overlay, the program's tailoring, the scans imported for the snapshot and the approved
// baseline's components. Built once per run; checks never touch the store.
struct CheckContext
{
    QList<ManifestDocument> objects;
    Inventory inventory;
    MeshModel mesh;
    Tailoring tailoring;
    QDateTime now;
    QHash<QString, QDateTime> scannedDigests; // image manifest digest -> newest scan
    QHash<QString, QDateTime> scannedRefs;    // registry/repository:tag -> newest scan
    bool hasBaseline = false;
    QSet<QString> baselineComponents; // component keys of the approved baseline

private:
    mutable std::optional<QList<QJsonObject>> m_meshReport;

public:
    // Workload templates the runtime checks read: top-level workloads (a controller's template, or a
    // Pod whose owner is absent), outside the tailoring's exempt namespaces.
    QList<const WorkloadInfo*> templates() const;
    // The mesh's own containers (injected istio-proxy, istio-init, istio-validation) are not the
    // workload's and never fail its runtime checks.
    static bool isMeshContainer(const ContainerInfo& c);
    // "file:line" of the object behind a workload (or any object index).
    QString where(int objectIndex) const;
    int lineOf(int objectIndex) const;
    // Objects of a kind (and API group prefix, "" for any).
    QList<int> objectsOf(const QString& kind, const QString& groupPrefix = {}) const;
    // The mesh overlay's per-workload report (MeshModel::report), computed once per run.
    const QList<QJsonObject>& meshReport() const;
    static QString keyOf(const WorkloadInfo& w)
    {
        return w.ns + QLatin1Char('/') + w.kind + QLatin1Char('/') + w.name;
    }
};

} // namespace tollgate
