#include "store/SnapshotStore.h"

#include "Statement.h"
#include "base/Logging.h"
#include "kube/KubeKinds.h"
#include "store/Workspace.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <sqlite3.h>

namespace tollgate {

namespace {

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QStringList& l)
{
    return compact(QJsonArray::fromStringList(l));
}

QJsonValue parseJson(const QByteArray& text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    if (d.isArray())
        return d.array();
    return d.object();
}

Error dbError(const Workspace& ws, const Statement& st)
{
    return Error(ws.path(), 0, QStringLiteral("database error: %1").arg(st.errorText()));
}

} // namespace

Result<qint64> SnapshotStore::insert(const NewSnapshot& s)
{
    auto written = insertObjects(s);
    if (!written)
        return written.error();
    if (auto i = insertInventory(written->snapshotId, written->objectIds, s.inventory); !i)
        return i.error();
    return written->snapshotId;
}

Result<SnapshotStore::Written> SnapshotStore::insertObjects(const NewSnapshot& s)
{
    sqlite3* db = m_ws.handle();
    Statement snap(
        db, "INSERT INTO snapshots(label, cluster, imported_at, imported_by, os_user, digest, object_count, "
            "skipped_count, tool_version) VALUES (?,?,?,?,?,?,?,?,?)");
    snap.bind(1, s.label).bind(2, s.cluster).bind(3, m_ws.nowText()).bind(4, m_ws.identity().reviewer());
    snap.bind(5, m_ws.identity().osUser()).bind(6, s.digest).bind(7, static_cast<qint64>(s.objects.size()));
    snap.bind(8, static_cast<qint64>(s.skipped.size())).bind(9, QStringLiteral(TOLLGATE_VERSION));
    if (!snap.exec())
        return dbError(m_ws, snap);
    const qint64 snapshotId = sqlite3_last_insert_rowid(db);

    QHash<QString, qint64> fileIds;
    Statement file(db, "INSERT INTO source_files(snapshot_id, path, sha256, size) VALUES (?,?,?,?)");
    for (const FileRecord& f : s.files) {
        file.bind(1, snapshotId).bind(2, f.path).bind(3, f.sha256).bind(4, f.size);
        if (!file.exec())
            return dbError(m_ws, file);
        fileIds.insert(f.path, sqlite3_last_insert_rowid(db));
    }

    QList<qint64> objectIds;
    objectIds.reserve(s.objects.size());
    Statement obj(
        db, "INSERT INTO objects(snapshot_id, file_id, line, api_group, api_version, kind, namespace, name, "
            "analysed, body) VALUES (?,?,?,?,?,?,?,?,?,?)");
    for (qsizetype i = 0; i < s.objects.size(); ++i) {
        const ManifestDocument& d = s.objects[i];
        const QString apiVersion = d.body.value(QLatin1String("apiVersion")).toString();
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        const QString group = KubeKinds::groupOf(apiVersion);
        const QJsonObject meta = d.body.value(QLatin1String("metadata")).toObject();
        obj.bind(1, snapshotId)
            .bind(2, fileIds.value(d.file))
            .bind(3, d.line)
            .bind(4, group)
            .bind(5, apiVersion);
        obj.bind(6, kind).bind(7, meta.value(QLatin1String("namespace")).toString());
        obj.bind(8, meta.value(QLatin1String("name")).toString());
        obj.bind(9, KubeKinds::isAnalysed(group, kind)).bindStatic(10, s.bodies[i]);
        if (!obj.exec())
            return dbError(m_ws, obj);
        objectIds << sqlite3_last_insert_rowid(db);
    }

    Statement skipped(db, "INSERT INTO skipped_documents(snapshot_id, path, line, reason) VALUES (?,?,?,?)");
    for (const SkippedDocument& k : s.skipped) {
        skipped.bind(1, snapshotId).bind(2, k.file).bind(3, k.line).bind(4, k.reason);
        if (!skipped.exec())
            return dbError(m_ws, skipped);
    }

    return Written{snapshotId, objectIds};
}

Status SnapshotStore::insertInventory(qint64 snapshotId, const QList<qint64>& objectIds, const Inventory& inv)
{
    sqlite3* db = m_ws.handle();
    Statement ns(db, "INSERT INTO namespaces(snapshot_id, name, object_id, labels) VALUES (?,?,?,?)");
    for (const NamespaceInfo& n : inv.namespaces) {
        ns.bind(1, snapshotId).bind(2, n.name);
        if (n.object >= 0)
            ns.bind(3, objectIds[n.object]);
        else
            ns.bindNull(3);
        ns.bind(4, compact(n.labels));
        if (!ns.exec())
            return dbError(m_ws, ns);
    }

    Statement wl(
        db, "INSERT INTO workloads(snapshot_id, object_id, namespace, kind, name, peer_name, component_key, "
            "owner_kind, owner_name, top_level, replicas, service_account, pod_labels, pod_annotations, "
            "host_network, host_pid, host_ipc, security_context, volumes) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement ct(
        db, "INSERT INTO containers(workload_id, position, name, role, image, registry, repository, tag, "
            "digest, ports, security_context, secret_refs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const WorkloadInfo& w : inv.workloads) {
        wl.bind(1, snapshotId).bind(2, objectIds[w.object]).bind(3, w.ns).bind(4, w.kind).bind(5, w.name);
        wl.bind(6, w.peerName).bind(7, w.componentKey).bind(8, w.ownerKind).bind(9, w.ownerName);
        wl.bind(10, w.topLevel)
            .bind(11, w.replicas)
            .bind(12, w.serviceAccount)
            .bind(13, compact(w.podLabels));
        wl.bind(14, compact(w.podAnnotations))
            .bind(15, w.hostNetwork)
            .bind(16, w.hostPID)
            .bind(17, w.hostIPC);
        wl.bind(18, compact(w.podSecurityContext)).bind(19, compact(w.volumes));
        if (!wl.exec())
            return dbError(m_ws, wl);
        const qint64 wid = sqlite3_last_insert_rowid(db);
        int pos = 0;
        // A workload whose owner is in the snapshot runs its owner's template: its containers are the
        // owner's, stored once there.
        for (const ContainerInfo& c : w.topLevel ? w.containers : QList<ContainerInfo>()) {
            ct.bind(1, wid).bind(2, pos++).bind(3, c.name).bind(4, c.role).bind(5, c.image.reference());
            ct.bind(6, c.image.registry()).bind(7, c.image.repository()).bind(8, c.image.tag());
            ct.bind(9, c.image.digest()).bind(10, compact(c.ports)).bind(11, compact(c.securityContext));
            ct.bind(12, compact(c.secretRefs));
            if (!ct.exec())
                return dbError(m_ws, ct);
        }
    }

    Statement sv(
        db,
        "INSERT INTO services(snapshot_id, object_id, namespace, name, type, selector, ports, cluster_ip, "
        "external_ips, external_name) VALUES (?,?,?,?,?,?,?,?,?,?)");
    for (const ServiceInfo& x : inv.services) {
        sv.bind(1, snapshotId).bind(2, objectIds[x.object]).bind(3, x.ns).bind(4, x.name).bind(5, x.type);
        sv.bind(6, compact(x.selector)).bind(7, compact(x.ports)).bind(8, x.clusterIP);
        sv.bind(9, compact(x.externalIPs)).bind(10, x.externalName);
        if (!sv.exec())
            return dbError(m_ws, sv);
    }

    Statement ex(
        db, "INSERT INTO exposures(snapshot_id, object_id, kind, namespace, name, target, workloads, host, "
            "port, protocol, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    for (const ExposureInfo& e : inv.exposures) {
        ex.bind(1, snapshotId).bind(2, objectIds[e.object]).bind(3, e.kind).bind(4, e.ns).bind(5, e.name);
        ex.bind(6, e.target)
            .bind(7, compact(e.workloads))
            .bind(8, e.host)
            .bind(9, e.port)
            .bind(10, e.protocol);
        ex.bind(11, e.detail);
        if (!ex.exec())
            return dbError(m_ws, ex);
    }
    return {};
}

namespace {
SnapshotInfo readSnapshot(const Statement& st)
{
    SnapshotInfo s;
    s.id = st.int64(0);
    s.label = st.text(1);
    s.cluster = st.text(2);
    s.importedAt = st.text(3);
    s.importedBy = st.text(4);
    s.osUser = st.text(5);
    s.digest = st.text(6);
    s.objectCount = static_cast<int>(st.int64(7));
    s.skippedCount = static_cast<int>(st.int64(8));
    return s;
}
constexpr const char* kSnapshotColumns = "SELECT id, label, cluster, imported_at, imported_by, os_user, "
                                         "digest, object_count, skipped_count FROM snapshots";
} // namespace

Result<QList<SnapshotInfo>> SnapshotStore::list() const
{
    Statement st(m_ws.handle(), QByteArray(QByteArray(kSnapshotColumns) + " ORDER BY id").constData());
    QList<SnapshotInfo> out;
    while (st.step())
        out << readSnapshot(st);
    if (st.failed())
        return dbError(m_ws, st);
    return out;
}

Result<SnapshotInfo> SnapshotStore::get(qint64 id) const
{
    Statement st(m_ws.handle(), QByteArray(QByteArray(kSnapshotColumns) + " WHERE id = ?").constData());
    st.bind(1, id);
    if (st.step())
        return readSnapshot(st);
    return Error(m_ws.path(), 0, QStringLiteral("no snapshot %1 in this workspace").arg(id));
}

Result<qint64> SnapshotStore::latestId() const
{
    Statement st(m_ws.handle(), "SELECT MAX(id) FROM snapshots");
    if (st.step() && !st.isNull(0))
        return st.int64(0);
    return Error(m_ws.path(), 0, QStringLiteral("the workspace has no snapshot yet; import one first"));
}

Result<QSet<QString>> SnapshotStore::componentKeys(qint64 snapshotId) const
{
    Statement q(m_ws.handle(),
                "SELECT DISTINCT component_key FROM workloads WHERE snapshot_id = ? AND top_level = 1");
    q.bind(1, snapshotId);
    QSet<QString> out;
    while (q.step())
        out.insert(q.text(0));
    if (q.failed())
        return Error(QStringLiteral("cannot read the components of snapshot %1: %2")
                         .arg(snapshotId)
                         .arg(q.errorText()));
    return out;
}

Result<SnapshotInfo> SnapshotStore::resolve(qint64 id) const
{
    if (!id) {
        auto latest = latestId();
        if (!latest)
            return latest.error();
        id = latest.value();
    }
    return get(id);
}

qint64 SnapshotStore::findByDigest(const QByteArray& digest) const
{
    Statement st(m_ws.handle(), "SELECT id FROM snapshots WHERE digest = ? ORDER BY id LIMIT 1");
    st.bind(1, digest);
    return st.step() ? st.int64(0) : 0;
}

Result<QList<ManifestDocument>> SnapshotStore::objects(qint64 snapshotId) const
{
    Statement st(m_ws.handle(),
                 "SELECT f.path, o.line, o.body FROM objects o JOIN source_files f ON f.id = o.file_id "
                 "WHERE o.snapshot_id = ? ORDER BY o.id");
    st.bind(1, snapshotId);
    QList<ManifestDocument> out;
    while (st.step())
        out.append(
            {st.text(0), static_cast<int>(st.int64(1)), QJsonDocument::fromJson(st.bytes(2)).object()});
    if (st.failed())
        return dbError(m_ws, st);
    return out;
}

Result<QJsonObject> SnapshotStore::object(qint64 objectId) const
{
    Statement st(m_ws.handle(),
                 "SELECT o.api_group, o.kind, o.namespace, o.name, f.path, o.line, o.body, f.sha256 "
                 "FROM objects o JOIN source_files f ON f.id = o.file_id WHERE o.id = ?");
    st.bind(1, objectId);
    if (!st.step())
        return Error(m_ws.path(), 0, QStringLiteral("no object %1").arg(objectId));
    QJsonObject o;
    o.insert(QLatin1String("api_group"), st.text(0));
    o.insert(QLatin1String("kind"), st.text(1));
    o.insert(QLatin1String("namespace"), st.text(2));
    o.insert(QLatin1String("name"), st.text(3));
    o.insert(QLatin1String("file"), st.text(4));
    o.insert(QLatin1String("line"), st.int64(5));
    o.insert(QLatin1String("body"), parseJson(st.bytes(6)));
    o.insert(QLatin1String("file_sha256"), st.text(7));
    return o;
}

Result<QList<QJsonObject>> SnapshotStore::listing(qint64 snapshotId, Listing what) const
{
    sqlite3* db = m_ws.handle();
    QList<QJsonObject> rows;
    auto finish = [&](const Statement& st) -> Result<QList<QJsonObject>> {
        if (st.failed() || !st.prepared())
            return dbError(m_ws, st);
        return rows;
    };
    switch (what) {
    case Listing::Workloads: {
        QHash<qint64, QJsonArray> containers;
        QHash<qint64, QStringList> images;
        {
            Statement c(
                db, "SELECT c.workload_id, c.name, c.role, c.image, c.digest FROM containers c "
                    "JOIN workloads w ON w.id = c.workload_id WHERE w.snapshot_id = ? AND w.top_level = 1 "
                    "ORDER BY c.workload_id, c.position");
            c.bind(1, snapshotId);
            while (c.step()) {
                QJsonObject o;
                o.insert(QLatin1String("name"), c.text(1));
                o.insert(QLatin1String("role"), c.text(2));
                o.insert(QLatin1String("image"), c.text(3));
                o.insert(QLatin1String("digest"), c.text(4));
                containers[c.int64(0)].append(o);
                if (c.text(2) != QLatin1String("ephemeral") && !images[c.int64(0)].contains(c.text(3)))
                    images[c.int64(0)] << c.text(3);
            }
        }
        Statement st(
            db, "SELECT w.id, w.namespace, w.kind, w.name, w.peer_name, w.component_key, w.replicas, "
                "w.service_account, w.host_network, f.path, o.line, w.object_id, w.pod_labels "
                "FROM workloads w JOIN objects o ON o.id = w.object_id "
                "JOIN source_files f ON f.id = o.file_id "
                "WHERE w.snapshot_id = ? AND w.top_level = 1 ORDER BY w.namespace, w.name, w.kind, w.id");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("id"), st.int64(0));
            o.insert(QLatin1String("namespace"), st.text(1));
            o.insert(QLatin1String("kind"), st.text(2));
            o.insert(QLatin1String("name"), st.text(3));
            o.insert(QLatin1String("peer_name"), st.text(4));
            o.insert(QLatin1String("component_key"), st.text(5));
            o.insert(QLatin1String("replicas"), st.int64(6));
            o.insert(QLatin1String("service_account"), st.text(7));
            o.insert(QLatin1String("host_network"), st.int64(8) != 0);
            o.insert(QLatin1String("images"), QJsonArray::fromStringList(images.value(st.int64(0))));
            o.insert(QLatin1String("containers"), containers.value(st.int64(0)));
            o.insert(QLatin1String("labels"), parseJson(st.bytes(12)));
            o.insert(QLatin1String("source"),
                     QString(st.text(9) + QLatin1Char(':') + QString::number(st.int64(10))));
            o.insert(QLatin1String("object_id"), st.int64(11));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Images: {
        Statement st(db,
                     "SELECT c.image, c.registry, c.repository, c.tag, c.digest, COUNT(DISTINCT w.id), "
                     "group_concat(DISTINCT w.peer_name) FROM containers c "
                     "JOIN workloads w ON w.id = c.workload_id WHERE w.snapshot_id = ? AND w.top_level = 1 "
                     "GROUP BY c.image, c.registry, c.repository, c.tag, c.digest ORDER BY c.image");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("image"), st.text(0));
            o.insert(QLatin1String("registry"), st.text(1));
            o.insert(QLatin1String("repository"), st.text(2));
            o.insert(QLatin1String("tag"), st.text(3));
            o.insert(QLatin1String("digest"), st.text(4));
            o.insert(QLatin1String("workload_count"), st.int64(5));
            QStringList users = st.text(6).split(QLatin1Char(','), Qt::SkipEmptyParts);
            users.sort();
            o.insert(QLatin1String("workloads"), QJsonArray::fromStringList(users));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Services: {
        Statement st(db,
                     "SELECT s.namespace, s.name, s.type, s.selector, s.ports, s.cluster_ip, s.external_ips, "
                     "s.external_name, f.path, o.line, s.object_id FROM services s "
                     "JOIN objects o ON o.id = s.object_id JOIN source_files f ON f.id = o.file_id "
                     "WHERE s.snapshot_id = ? ORDER BY s.namespace, s.name, s.id");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("namespace"), st.text(0));
            o.insert(QLatin1String("name"), st.text(1));
            o.insert(QLatin1String("type"), st.text(2));
            o.insert(QLatin1String("selector"), parseJson(st.bytes(3)));
            o.insert(QLatin1String("ports"), parseJson(st.bytes(4)));
            o.insert(QLatin1String("cluster_ip"), st.text(5));
            o.insert(QLatin1String("external_ips"), parseJson(st.bytes(6)));
            o.insert(QLatin1String("external_name"), st.text(7));
            o.insert(QLatin1String("source"),
                     QString(st.text(8) + QLatin1Char(':') + QString::number(st.int64(9))));
            o.insert(QLatin1String("object_id"), st.int64(10));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Exposures: {
        Statement st(db,
                     "SELECT e.kind, e.namespace, e.name, e.target, e.workloads, e.host, e.port, e.protocol, "
                     "e.detail, f.path, o.line, e.object_id FROM exposures e "
                     "JOIN objects o ON o.id = e.object_id JOIN source_files f ON f.id = o.file_id "
                     "WHERE e.snapshot_id = ? ORDER BY e.kind, e.namespace, e.name, e.id");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("kind"), st.text(0));
            o.insert(QLatin1String("namespace"), st.text(1));
            o.insert(QLatin1String("name"), st.text(2));
            o.insert(QLatin1String("target"), st.text(3));
            o.insert(QLatin1String("workloads"), parseJson(st.bytes(4)));
            o.insert(QLatin1String("host"), st.text(5));
            o.insert(QLatin1String("port"), st.text(6));
            o.insert(QLatin1String("protocol"), st.text(7));
            o.insert(QLatin1String("detail"), st.text(8));
            o.insert(QLatin1String("source"),
                     QString(st.text(9) + QLatin1Char(':') + QString::number(st.int64(10))));
            o.insert(QLatin1String("object_id"), st.int64(11));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Namespaces: {
        Statement st(db, "SELECT n.name, n.object_id IS NOT NULL, n.labels, "
                         "(SELECT COUNT(*) FROM workloads w WHERE w.snapshot_id = n.snapshot_id "
                         " AND w.namespace = n.name AND w.top_level = 1) "
                         "FROM namespaces n WHERE n.snapshot_id = ? ORDER BY n.name");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("name"), st.text(0));
            o.insert(QLatin1String("declared"), st.int64(1) != 0);
            o.insert(QLatin1String("labels"), parseJson(st.bytes(2)));
            o.insert(QLatin1String("workloads"), st.int64(3));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Files: {
        Statement st(
            // Objects counted in one grouped pass: objects has no index on file_id, and a count per
            // file scanned every stored object (bodies included) once per file.
            db,
            "SELECT f.path, f.sha256, f.size, COALESCE(n.objects, 0) FROM source_files f "
            "LEFT JOIN (SELECT o.file_id, COUNT(*) AS objects FROM objects o WHERE o.file_id IN "
            "(SELECT id FROM source_files WHERE snapshot_id = ?1) GROUP BY o.file_id) n ON n.file_id = f.id "
            "WHERE f.snapshot_id = ?1 ORDER BY f.path");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("path"), st.text(0));
            o.insert(QLatin1String("sha256"), st.text(1));
            o.insert(QLatin1String("size"), st.int64(2));
            o.insert(QLatin1String("objects"), st.int64(3));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Skipped: {
        Statement st(db,
                     "SELECT path, line, reason FROM skipped_documents WHERE snapshot_id = ? ORDER BY id");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("path"), st.text(0));
            o.insert(QLatin1String("line"), st.int64(1));
            o.insert(QLatin1String("reason"), st.text(2));
            rows << o;
        }
        return finish(st);
    }
    case Listing::Kinds: {
        Statement st(db, "SELECT api_group, kind, COUNT(*), MAX(analysed) FROM objects WHERE snapshot_id = ? "
                         "GROUP BY api_group, kind ORDER BY api_group, kind");
        st.bind(1, snapshotId);
        while (st.step()) {
            QJsonObject o;
            o.insert(QLatin1String("group"), st.text(0));
            o.insert(QLatin1String("kind"), st.text(1));
            o.insert(QLatin1String("count"), st.int64(2));
            o.insert(QLatin1String("analysed"), st.int64(3) != 0);
            rows << o;
        }
        return finish(st);
    }
    }
    return rows;
}

} // namespace tollgate
