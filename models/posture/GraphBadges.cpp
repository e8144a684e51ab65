#include "posture/GraphBadges.h"

#include "findings/Severity.h"
#include "store/FindingStore.h"

#include <QJsonArray>

namespace tollgate {

GraphBuilder::Badges GraphBadges::fromRows(const QList<QJsonObject>& rows)
{
    GraphBuilder::Badges out;
    for (const QJsonObject& r : rows) {
        const QString status = r.contains(QLatin1String("review_status"))
                                   ? r.value(QLatin1String("review_status")).toString()
                                   : r.value(QLatin1String("status")).toString();
        if (status != QLatin1String("Open"))
            continue;
        const QJsonObject risk = r.value(QLatin1String("risk")).toObject();
        if (!risk.isEmpty() && !risk.value(QLatin1String("expired")).toBool())
            continue; // a current risk acceptance takes it out, as in `check`
        int cat = r.value(QLatin1String("severity_cat")).toInt();
        const QString override = r.value(QLatin1String("severity_override")).toString();
        if (!override.isEmpty()) {
            const int o = Severity::parseCat(override);
            cat = o ? o : Severity::catFor(override);
        }
        if (cat <= 0)
            continue;
        for (const QJsonValue& w : r.value(QLatin1String("joined_workloads")).toArray()) {
            // "ns/kind/name"
            const QStringList parts = w.toString().split(QLatin1Char('/'));
            if (parts.size() < 3)
                continue;
            GraphBuilder::Badge& b =
                out[parts.first() + QLatin1Char('/') + parts.mid(2).join(QLatin1Char('/'))];
            b.worstCat = b.worstCat == 0 ? cat : std::min(b.worstCat, cat);
            ++b.open;
        }
    }
    return out;
}

Result<GraphBuilder::Badges> GraphBadges::forSnapshot(const Workspace& ws, qint64 snapshotId)
{
    FindingStore::Filter f;
    f.snapshotId = snapshotId;
    auto rows = FindingStore(ws).findings(f);
    if (!rows)
        return rows.error();
    return fromRows(rows.value());
}

} // namespace tollgate
