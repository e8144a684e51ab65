#include "changes/ComponentSnapshot.h"

#include "network/FlowFormatter.h"
#include "network/MeshModel.h"
#include "store/FindingStore.h"
#include "store/SnapshotContext.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tollgate {

namespace {

QJsonArray sorted(QStringList list)
{
    list.removeDuplicates();
    list.sort();
    return QJsonArray::fromStringList(list);
}

QString compact(const QJsonObject& o)
{
    return o.isEmpty() ? QStringLiteral("{}")
                       : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Result<ComponentSnapshot> ComponentSnapshot::load(Workspace& ws, qint64 snapshotId)
{
    // A missing snapshot is an error here, not "the latest".
    auto info = SnapshotStore(ws).get(snapshotId);
    if (!info)
        return info.error();
    auto context = SnapshotContext::load(ws, info->id);
    if (!context)
        return context.error();
    return load(ws, context.value());
}

Result<ComponentSnapshot> ComponentSnapshot::load(Workspace& ws, const SnapshotContext& context)
{
    const qint64 snapshotId = context.snapshotId();
    const Inventory& inv = context.inventory();
    const MeshModel& mesh = context.mesh();
    ComponentSnapshot snap;
    snap.snapshotId = snapshotId;
    snap.label = context.info().label;

    QHash<QString, QString> componentOfPeer;     // peer name (any workload row) -> component key
    QHash<QString, QString> componentOfWorkload; // ns/Kind/name -> component key
    for (const WorkloadInfo& w : inv.workloads) {
        componentOfPeer.insert(w.peerName, w.componentKey);
        componentOfWorkload.insert(w.ns + QLatin1Char('/') + w.kind + QLatin1Char('/') + w.name,
                                   w.componentKey);
    }
    QHash<QString, QJsonObject> meshRows;
    for (const QJsonObject& r : mesh.report(inv))
        meshRows.insert(r.value(QLatin1String("workload")).toString(), r);

    for (const WorkloadInfo& w : inv.workloads) {
        if (!w.topLevel)
            continue;
        QStringList images;
        QStringList ports;
        QStringList security;
        for (const ContainerInfo& c : w.containers) {
            images << c.name + QLatin1Char('=') + c.image.reference();
            for (const QJsonValue& p : c.ports) {
                const QJsonObject po = p.toObject();
                ports << QStringLiteral("%1:%2/%3%4")
                             .arg(c.name)
                             .arg(po.value(QLatin1String("containerPort")).toInt())
                             .arg(po.value(QLatin1String("protocol")).toString(QStringLiteral("TCP")))
                             .arg(po.value(QLatin1String("hostPort")).toInt()
                                      ? QStringLiteral(" hostPort %1")
                                            .arg(po.value(QLatin1String("hostPort")).toInt())
                                      : QString());
            }
            security << c.name + QStringLiteral(": ") + compact(c.securityContext);
        }
        QJsonObject a;
        a.insert(QStringLiteral("kind"), w.kind);
        a.insert(QStringLiteral("namespace"), w.ns);
        a.insert(QStringLiteral("name"), w.name);
        a.insert(QStringLiteral("images"), sorted(images));
        a.insert(QStringLiteral("ports"), sorted(ports));
        a.insert(QStringLiteral("service_account"),
                 w.serviceAccount.isEmpty() ? QStringLiteral("default") : w.serviceAccount);
        a.insert(QStringLiteral("pod_security"),
                 QString(compact(w.podSecurityContext) +
                         (w.hostNetwork ? QStringLiteral(" hostNetwork") : QString()) +
                         (w.hostPID ? QStringLiteral(" hostPID") : QString()) +
                         (w.hostIPC ? QStringLiteral(" hostIPC") : QString())));
        a.insert(QStringLiteral("container_security"), sorted(security));
        const QJsonObject m = meshRows.value(w.peerName);
        a.insert(QStringLiteral("mesh"),
                 m.value(QLatin1String("injected")).toBool()
                     ? QStringLiteral("injected, %1").arg(m.value(QLatin1String("mode")).toString())
                     : QStringLiteral("no sidecar"));
        QStringList exposures;
        for (const ExposureInfo& e : inv.exposures)
            if (e.workloads.contains(w.peerName))
                exposures << QStringLiteral("%1 %2/%3 %4").arg(e.kind, e.ns, e.name, e.port);
        a.insert(QStringLiteral("exposures"), sorted(exposures));
        snap.components.insert(w.componentKey, a);
    }
    for (const ExposureInfo& e : inv.exposures)
        snap.exposures.insert(
            QStringLiteral("%1 %2/%3 %4 -> %5").arg(e.kind, e.ns, e.name, e.port, e.target));

    auto flows = context.flows(ws);
    if (!flows)
        return flows.error();
    for (const FlowFormatter::Line& l : FlowFormatter::lines(flows.value(), {}, true))
        snap.flows.insert(componentOfPeer.value(l.src, l.src) + QStringLiteral(" => ") +
                          componentOfPeer.value(l.dst, l.dst) + QStringLiteral(" : ") + l.conn);

    // Category, review status, CAT, identity and joined workloads: the report's columns suffice.
    auto rows = FindingStore(ws).reportRows(snapshotId);
    if (!rows)
        return rows.error();
    for (const QJsonObject& r : rows.value()) {
        if (r.value(QLatin1String("category")).toString() != QLatin1String("vulnerability"))
            continue;
        const QString status =
            r.value(QLatin1String(r.contains(QLatin1String("review_status")) ? "review_status" : "status"))
                .toString();
        if (status != QLatin1String("Open"))
            continue;
        for (const QJsonValue& w : r.value(QLatin1String("joined_workloads")).toArray()) {
            const QString component = componentOfWorkload.value(w.toString());
            if (!component.isEmpty())
                snap.openVulns[component].insert(r.value(QLatin1String("identity")).toString(),
                                                 r.value(QLatin1String("severity_cat")).toInt());
        }
    }
    return snap;
}

} // namespace tollgate
