#include "store/FindingJoiner.h"

#include "Statement.h"
#include "findings/ScanText.h"
#include "kube/ImageRef.h"
#include "store/Workspace.h"

#include <QSet>

namespace tollgate {

QString FindingJoiner::refKey(const QString& reference)
{
    // Findings of one scan name the same image thousands of times: remember the last answer.
    thread_local QString lastIn;
    thread_local QString lastOut;
    if (reference == lastIn && !reference.isEmpty())
        return lastOut;
    lastIn = reference;
    lastOut = refKeyOf(reference);
    return lastOut;
}

QString FindingJoiner::refKeyOf(const QString& reference)
{
    const ImageRef ref = ImageRef::parse(reference);
    if (!ref.isValid())
        return {};
    return ref.name() + QLatin1Char(':') + (ref.tag().isEmpty() ? QStringLiteral("latest") : ref.tag());
}

Result<FindingJoiner> FindingJoiner::load(const Workspace& ws, qint64 snapshotId)
{
    FindingJoiner j;
    if (snapshotId <= 0)
        return j;
    struct Row
    {
        qint64 id;
        QString ns, kind, name, ownerKind, ownerName;
        bool topLevel;
    };
    QList<Row> rows;
    {
        Statement q(ws.handle(), "SELECT id, namespace, kind, name, owner_kind, owner_name, top_level "
                                 "FROM workloads WHERE snapshot_id = ?");
        q.bind(1, snapshotId);
        while (q.step())
            rows.append({q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6) != 0});
        if (q.failed())
            return Error(QStringLiteral("cannot read workloads: %1").arg(q.errorText()));
    }
    QHash<QString, int> index;
    for (int i = 0; i < rows.size(); ++i)
        index.insert(rows[i].ns + QLatin1Char('/') + rows[i].kind + QLatin1Char('/') + rows[i].name, i);
    for (int i = 0; i < rows.size(); ++i) {
        int cur = i;
        for (int hops = 0; hops < 5 && !rows[cur].topLevel; ++hops) {
            const auto it = index.constFind(rows[cur].ns + QLatin1Char('/') + rows[cur].ownerKind +
                                            QLatin1Char('/') + rows[cur].ownerName);
            if (it == index.constEnd())
                break;
            cur = *it;
        }
        j.m_byName.insert(rows[i].ns + QLatin1Char('/') + rows[i].kind + QLatin1Char('/') + rows[i].name,
                          rows[cur].id);
    }
    Statement c(ws.handle(),
                "SELECT w.id, c.image, c.digest FROM containers c JOIN workloads w ON w.id = c.workload_id "
                "WHERE w.snapshot_id = ? AND w.top_level = 1");
    c.bind(1, snapshotId);
    while (c.step()) {
        const qint64 wid = c.int64(0);
        const QString digest = c.text(2);
        if (!digest.isEmpty() && !j.m_byDigest.value(digest).contains(wid))
            j.m_byDigest[digest].append(wid);
        const QString key = refKey(c.text(1));
        if (!key.isEmpty() && !j.m_byRef.value(key).contains(wid))
            j.m_byRef[key].append(wid);
    }
    if (c.failed())
        return Error(QStringLiteral("cannot read containers: %1").arg(c.errorText()));
    return j;
}

QList<qint64> FindingJoiner::byKey(const QString& key) const
{
    const auto it = m_byName.constFind(key);
    if (it != m_byName.constEnd())
        return {*it};
    // The scanner saw an object the snapshot does not hold: a ReplicaSet or Pod of a Deployment,
    // a Job of a CronJob. Strip the generated suffix and look for the owner.
    const QString ns = key.section(QLatin1Char('/'), 0, 0);
    const QString kind = key.section(QLatin1Char('/'), 1, 1);
    const QString name = key.section(QLatin1Char('/'), 2);
    auto owner = [&](const QString& ownerKind, int dashes) -> QList<qint64> {
        QString n = name;
        for (int i = 0; i < dashes; ++i)
            n = n.section(QLatin1Char('-'), 0, -2);
        const auto o = m_byName.constFind(ns + QLatin1Char('/') + ownerKind + QLatin1Char('/') + n);
        return o == m_byName.constEnd() ? QList<qint64>{} : QList<qint64>{*o};
    };
    if (kind == QLatin1String("ReplicaSet"))
        return owner(QStringLiteral("Deployment"), 1);
    if (kind == QLatin1String("Job"))
        return owner(QStringLiteral("CronJob"), 1);
    if (kind == QLatin1String("Pod")) {
        QList<qint64> r = owner(QStringLiteral("Deployment"), 2);
        if (r.isEmpty())
            r = owner(QStringLiteral("StatefulSet"), 1);
        if (r.isEmpty())
            r = owner(QStringLiteral("DaemonSet"), 1);
        return r;
    }
    return {};
}

QList<FindingJoiner::Join> FindingJoiner::join(const Finding& f, const QStringList& extraDigests) const
{
    QList<Join> out;
    QSet<qint64> seen;
    auto add = [&](const QList<qint64>& ids, const QString& via) {
        for (qint64 id : ids)
            if (!seen.contains(id)) {
                seen.insert(id);
                out.append({id, via});
            }
    };
    QStringList digests;
    if (!f.imageDigest.isEmpty())
        digests << f.imageDigest;
    for (const QString& d : extraDigests) {
        const QString digest = ScanText::digestOf(d);
        if (!digest.isEmpty() && !digests.contains(digest))
            digests << digest;
    }
    for (const QString& d : std::as_const(digests))
        add(m_byDigest.value(d), QStringLiteral("digest"));
    if (out.isEmpty() && !f.imageRef.isEmpty())
        add(m_byRef.value(refKey(f.imageRef)), QStringLiteral("reference"));
    if (!f.workloadKey.isEmpty()) {
        // A finding about one workload joins that workload only, even if others share its image.
        const QList<qint64> named = byKey(f.workloadKey);
        if (!named.isEmpty()) {
            out.clear();
            seen.clear();
            add(named, QStringLiteral("name"));
        }
    }
    return out;
}

} // namespace tollgate
