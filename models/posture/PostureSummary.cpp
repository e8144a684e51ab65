#include "posture/PostureSummary.h"

#include "findings/Severity.h"
#include "store/FindingStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>

namespace tollgate {

namespace {

// CAT I first, then CAT II, then CAT III: a workload with one CAT I outranks one with ten CAT II.
bool worse(const PostureSummary::CatCounts& a, const PostureSummary::CatCounts& b)
{
    for (int i = 0; i < 3; ++i)
        if (a[i] != b[i])
            return a[i] > b[i];
    return false;
}

void countOpen(PostureSummary::CatCounts& counts, int cat)
{
    if (cat >= 1 && cat <= 3)
        ++counts[cat - 1];
}

} // namespace

QString PostureSummary::familyOf(const QJsonObject& row)
{
    if (row.value(QLatin1String("source")).toString() == QLatin1String("tollgate")) {
        const QString family =
            row.value(QLatin1String("identifiers")).toObject().value(QLatin1String("family")).toString();
        return family.isEmpty() ? QStringLiteral("control") : family;
    }
    const QString category = row.value(QLatin1String("category")).toString();
    return category.isEmpty() ? QStringLiteral("other") : category;
}

QString PostureSummary::statusOf(const QJsonObject& row)
{
    const QString review = row.value(QLatin1String("review_status")).toString();
    return review.isEmpty() ? row.value(QLatin1String("status")).toString() : review;
}

int PostureSummary::catOf(const QJsonObject& row)
{
    const QString overridden = row.value(QLatin1String("severity_override")).toString();
    if (!overridden.isEmpty())
        if (const int cat = Severity::parseCat(overridden); cat != 0)
            return cat;
    return row.value(QLatin1String("severity_cat")).toInt();
}

PostureSummary PostureSummary::fromRows(const QList<QJsonObject>& rows)
{
    PostureSummary s;
    s.m_findingCount = static_cast<int>(rows.size());
    QHash<QString, Family> families;
    QHash<QString, ControlResult> controls;
    QHash<QString, WorkloadRank> workloads;
    for (const QJsonObject& row : rows) {
        const QString status = statusOf(row);
        const int cat = catOf(row);
        const bool open = status == QLatin1String("Open");
        if (row.value(QLatin1String("source")).toString() == QLatin1String("tollgate")) {
            const QString id = row.value(QLatin1String("rule")).toString();
            ControlResult& c = controls[id];
            if (c.id.isEmpty()) {
                c.id = id;
                c.title = row.value(QLatin1String("title")).toString();
                c.family = familyOf(row);
                c.cat = cat;
            }
            if (open)
                ++c.open;
            else if (status == QLatin1String("NotAFinding"))
                ++c.notAFinding;
            else if (status == QLatin1String("Not_Applicable"))
                ++c.notApplicable;
            else if (status == QLatin1String("Not_Reviewed"))
                ++c.notReviewed;
        }
        if (!open)
            continue;
        countOpen(s.m_openByCat, cat);
        const QString family = familyOf(row);
        Family& f = families[family];
        f.name = family;
        f.control = row.value(QLatin1String("source")).toString() == QLatin1String("tollgate");
        countOpen(f.open, cat);
        QStringList keys = row.value(QLatin1String("joined_workloads")).toVariant().toStringList();
        if (keys.isEmpty() && !row.value(QLatin1String("workload")).toString().isEmpty())
            keys << row.value(QLatin1String("workload")).toString();
        keys.removeDuplicates();
        for (const QString& key : std::as_const(keys)) {
            WorkloadRank& w = workloads[key];
            w.workload = key;
            countOpen(w.open, cat);
        }
    }

    s.m_families = families.values();
    std::sort(s.m_families.begin(), s.m_families.end(), [](const Family& a, const Family& b) {
        if (a.total() != b.total())
            return a.total() > b.total();
        if (worse(a.open, b.open) || worse(b.open, a.open))
            return worse(a.open, b.open);
        return a.name < b.name;
    });
    s.m_controls = controls.values();
    std::sort(s.m_controls.begin(), s.m_controls.end(), [](const ControlResult& a, const ControlResult& b) {
        if (a.open != b.open)
            return a.open > b.open;
        if (a.cat != b.cat)
            return a.cat < b.cat;
        return a.id < b.id;
    });
    s.m_topWorkloads = workloads.values();
    std::sort(s.m_topWorkloads.begin(), s.m_topWorkloads.end(),
              [](const WorkloadRank& a, const WorkloadRank& b) {
                  if (worse(a.open, b.open) || worse(b.open, a.open))
                      return worse(a.open, b.open);
                  return a.workload < b.workload;
              });
    if (s.m_topWorkloads.size() > TopWorkloads)
        s.m_topWorkloads.resize(TopWorkloads);
    return s;
}

Result<PostureSummary> PostureSummary::compute(Workspace& ws, qint64 snapshotId)
{
    FindingStore store(ws);
    PostureSummary summary;
    if (snapshotId != 0) {
        FindingStore::Filter filter;
        filter.snapshotId = snapshotId;
        auto rows = store.findings(filter);
        if (!rows)
            return rows.error();
        summary = fromRows(rows.value());
        summary.m_snapshotId = snapshotId;
    }
    auto snapshots = SnapshotStore(ws).list();
    if (!snapshots)
        return snapshots.error();
    QList<SnapshotInfo> ordered = snapshots.value();
    std::sort(ordered.begin(), ordered.end(),
              [](const SnapshotInfo& a, const SnapshotInfo& b) { return a.id < b.id; });
    for (const SnapshotInfo& info : std::as_const(ordered)) {
        FindingStore::Filter filter;
        filter.snapshotId = info.id;
        auto rows = store.findings(filter);
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            continue;
        TrendPoint point;
        point.snapshotId = info.id;
        point.label = info.label.isEmpty() ? QStringLiteral("#%1").arg(info.id) : info.label;
        for (const QJsonObject& row : rows.value())
            if (statusOf(row) == QLatin1String("Open"))
                countOpen(point.open, catOf(row));
        summary.m_trend << point;
    }
    return summary;
}

QList<QJsonObject> PostureSummary::controlRows() const
{
    QList<QJsonObject> out;
    for (const ControlResult& c : m_controls) {
        QJsonObject o;
        o.insert(QStringLiteral("control"), c.id);
        o.insert(QStringLiteral("title"), c.title);
        o.insert(QStringLiteral("family"), c.family);
        o.insert(QStringLiteral("severity"), Severity::label(c.cat));
        o.insert(QStringLiteral("severity_cat"), c.cat);
        o.insert(QStringLiteral("status"),
                 c.open > 0 ? QStringLiteral("Open") : QStringLiteral("NotAFinding"));
        o.insert(QStringLiteral("Open"), c.open);
        o.insert(QStringLiteral("NotAFinding"), c.notAFinding);
        o.insert(QStringLiteral("Not_Applicable"), c.notApplicable);
        o.insert(QStringLiteral("Not_Reviewed"), c.notReviewed);
        o.insert(QStringLiteral("total"), c.total());
        out << o;
    }
    return out;
}

QList<QJsonObject> PostureSummary::workloadRows() const
{
    QList<QJsonObject> out;
    for (const WorkloadRank& w : m_topWorkloads) {
        const int worst = w.open[0] > 0 ? 1 : w.open[1] > 0 ? 2 : 3;
        QJsonObject o;
        o.insert(QStringLiteral("workload"), w.workload);
        o.insert(QStringLiteral("severity"), Severity::label(worst));
        o.insert(QStringLiteral("severity_cat"), worst);
        o.insert(QStringLiteral("status"), QStringLiteral("Open"));
        o.insert(QStringLiteral("cat1"), w.open[0]);
        o.insert(QStringLiteral("cat2"), w.open[1]);
        o.insert(QStringLiteral("cat3"), w.open[2]);
        o.insert(QStringLiteral("open"), w.total());
        out << o;
    }
    return out;
}

} // namespace tollgate
