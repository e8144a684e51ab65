#pragma once

#include "base/Result.h"
#include "findings/Finding.h"

#include <QHash>
#include <QList>
#include <QString>

namespace tollgate {

class Workspace;

// Joins findings to the top-level workloads of one snapshot: by image (manifest) digest first,
// then by image reference (registry/repository:tag), then by namespace/Kind/name, following the
// snapshot's owner chain (a ReplicaSet or Pod to its Deployment, a Job to its CronJob).
class FindingJoiner
{
public:
    struct Join
    {
        qint64 workloadId = 0;
        QString via; // digest, reference, name
    };

    [[nodiscard]] static Result<FindingJoiner> load(const Workspace& ws, qint64 snapshotId);
    FindingJoiner() = default;

    // extraDigests: repo digests of the scan's subject besides the finding's own.
    QList<Join> join(const Finding& f, const QStringList& extraDigests) const;
    bool empty() const { return m_byName.isEmpty(); }

private:
    static QString refKey(const QString& reference);
    static QString refKeyOf(const QString& reference);
    QList<qint64> byKey(const QString& key) const;

    QHash<QString, QList<qint64>> m_byDigest;
    QHash<QString, QList<qint64>> m_byRef;
    QHash<QString, qint64> m_byName; // ns/Kind/name of every workload row -> its top-level row
};

} // namespace tollgate
