#include "store/FlowStore.h"

#include "Statement.h"
#include "base/Logging.h"
#include "network/ConnectivityEngine.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <sqlite3.h>

namespace tollgate {

namespace {
QByteArray compact(const QJsonValue& v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}
} // namespace

Result<std::optional<ConnectivityResult>> FlowStore::load(qint64 snapshotId) const
{
    sqlite3* db = m_ws.handle();
    Statement run(
        db, "SELECT id, detail FROM cache_runs WHERE snapshot_id = ? AND engine = ? AND engine_version = ? "
            "ORDER BY id DESC LIMIT 1");
    run.bind(1, snapshotId)
        .bind(2, QString::fromLatin1(Engine))
        .bind(3, QString::fromLatin1(ConnectivityEngine::Version));
    if (!run.step())
        return std::optional<ConnectivityResult>();
    const qint64 runId = run.int64(0);
    ConnectivityResult r;
    const QJsonObject detail = QJsonDocument::fromJson(run.bytes(1)).object();
    r.workloads = detail.value(QLatin1String("workloads")).toInt();
    r.policies = detail.value(QLatin1String("policies")).toInt();
    for (const QJsonValue& w : detail.value(QLatin1String("warnings")).toArray()) {
        const QJsonObject o = w.toObject();
        r.warnings << Error(o.value(QLatin1String("file")).toString(), o.value(QLatin1String("line")).toInt(),
                            o.value(QLatin1String("what")).toString());
    }
    Statement cls(
        db,
        "SELECT class_id, namespace, labels, members FROM pod_classes WHERE run_id = ? ORDER BY class_id");
    cls.bind(1, runId);
    while (cls.step()) {
        FlowClass c;
        c.id = static_cast<int>(cls.int64(0));
        c.ns = cls.text(1);
        const QJsonObject labels = QJsonDocument::fromJson(cls.bytes(2)).object();
        c.external = labels.contains(QLatin1String("tollgate.external/lo"));
        c.entry = labels.contains(QLatin1String("tollgate.io/entry"));
        if (c.external) {
            c.lo = static_cast<quint32>(labels.value(QLatin1String("tollgate.external/lo")).toDouble());
            c.hi = static_cast<quint32>(labels.value(QLatin1String("tollgate.external/hi")).toDouble());
        } else {
            c.labels = labels;
        }
        for (const QJsonValue& mv : QJsonDocument::fromJson(cls.bytes(3)).array())
            c.members << mv.toString();
        if (c.id != r.classes.size())
            return Error(m_ws.path(), 0,
                         QStringLiteral("the stored flow cache is inconsistent; recompute it"));
        r.classes << c;
    }
    Statement fl(db, "SELECT src_class, dst_class, conn, why, mtls FROM flows WHERE run_id = ? ORDER BY id");
    fl.bind(1, runId);
    while (fl.step()) {
        ClassFlow f;
        f.src = static_cast<int>(fl.int64(0));
        f.dst = static_cast<int>(fl.int64(1));
        if (!ConnectionSet::fromString(fl.text(2), f.conn) || f.src >= r.classes.size() ||
            f.dst >= r.classes.size())
            return Error(m_ws.path(), 0,
                         QStringLiteral("the stored flow cache is inconsistent; recompute it"));
        for (const QJsonValue& w : QJsonDocument::fromJson(fl.bytes(3)).array())
            f.why << w.toString();
        const QJsonObject mtls = QJsonDocument::fromJson(fl.bytes(4)).object();
        f.mtls = mtls.value(QLatin1String("state")).toString();
        f.mtlsPorts = mtls.value(QLatin1String("ports")).toObject();
        for (const QJsonValue& w : mtls.value(QLatin1String("why")).toArray())
            f.mtlsWhy << w.toString();
        f.authz = mtls.value(QLatin1String("authz")).toObject();
        r.flows << f;
    }
    if (cls.failed() || fl.failed())
        return Error(m_ws.path(), 0, QStringLiteral("cannot read stored flows: %1").arg(m_ws.lastError()));
    return std::optional<ConnectivityResult>(std::move(r));
}

Status FlowStore::save(qint64 snapshotId, const ConnectivityResult& result)
{
    sqlite3* db = m_ws.handle();
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    QJsonArray warnings;
    for (const Error& w : result.warnings)
        warnings.append(QJsonObject{{QStringLiteral("file"), w.file()},
                                    {QStringLiteral("line"), w.line()},
                                    {QStringLiteral("what"), w.what()}});
    const QJsonObject detail{{QStringLiteral("workloads"), result.workloads},
                             {QStringLiteral("policies"), result.policies},
                             {QStringLiteral("warnings"), warnings}};
    Statement run(
        db, "INSERT INTO cache_runs(snapshot_id, engine, engine_version, input_digest, computed_at, detail) "
            "VALUES (?,?,?,?,?,?)");
    run.bind(1, snapshotId)
        .bind(2, QString::fromLatin1(Engine))
        .bind(3, QString::fromLatin1(ConnectivityEngine::Version));
    run.bind(4, SnapshotStore(m_ws).get(snapshotId).value().digest)
        .bind(5, m_ws.nowText())
        .bind(6, compact(detail));
    if (!run.exec())
        return Error(m_ws.path(), 0, QStringLiteral("cannot store flows: %1").arg(run.errorText()));
    const qint64 runId = sqlite3_last_insert_rowid(db);
    Statement cls(db,
                  "INSERT INTO pod_classes(run_id, class_id, namespace, labels, members) VALUES (?,?,?,?,?)");
    for (const FlowClass& c : result.classes) {
        QJsonObject labels = c.labels;
        if (c.external) {
            labels = QJsonObject{{QStringLiteral("tollgate.external/lo"), double(c.lo)},
                                 {QStringLiteral("tollgate.external/hi"), double(c.hi)}};
        }
        cls.bind(1, runId).bind(2, c.id).bind(3, c.ns).bind(4, compact(labels));
        cls.bind(5, compact(QJsonArray::fromStringList(c.members)));
        if (!cls.exec())
            return Error(m_ws.path(), 0, QStringLiteral("cannot store flows: %1").arg(cls.errorText()));
    }
    Statement fl(db, "INSERT INTO flows(run_id, src_class, dst_class, src_peer, dst_peer, conn, mtls, why) "
                     "VALUES (?,?,?,?,?,?,?,?)");
    for (const ClassFlow& f : result.flows) {
        fl.bind(1, runId).bind(2, f.src).bind(3, f.dst);
        fl.bind(4, result.classes[f.src].members.value(0)).bind(5, result.classes[f.dst].members.value(0));
        const QJsonObject mtls{{QStringLiteral("state"), f.mtls},
                               {QStringLiteral("ports"), f.mtlsPorts},
                               {QStringLiteral("why"), QJsonArray::fromStringList(f.mtlsWhy)},
                               {QStringLiteral("authz"), f.authz}};
        fl.bind(6, f.conn.toString())
            .bind(7, compact(mtls))
            .bind(8, compact(QJsonArray::fromStringList(f.why)));
        if (!fl.exec())
            return Error(m_ws.path(), 0, QStringLiteral("cannot store flows: %1").arg(fl.errorText()));
    }
    return tx.commit();
}

Result<ConnectivityResult> FlowStore::flows(qint64 snapshotId)
{
    auto cached = load(snapshotId);
    if (!cached)
        return cached.error();
    if (cached->has_value())
        return std::move(**cached);
    auto objects = SnapshotStore(m_ws).objects(snapshotId);
    if (!objects)
        return objects.error();
    auto result = ConnectivityEngine::compute(objects.value());
    if (!result)
        return result.error();
    if (!m_ws.isReadOnly()) {
        if (auto s = save(snapshotId, result.value()); !s)
            return s.error();
    }
    return result;
}

} // namespace tollgate
