#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <array>

namespace tollgate {

class Workspace;

// The Dashboard's figures for one snapshot, computed from FindingStore rows: open findings per CAT,
// per control family (the NIST family of Tollgate's controls, the category of imported findings),
// compliance per control, the open CAT I/II/III trend across snapshots and the workloads with the
// most open findings. Pure data: the GUI draws it, tests check it.
class PostureSummary
{
public:
    // Open counts per CAT; index 0 is CAT I.
    using CatCounts = std::array<int, 3>;

    struct Family
    {
        QString name;         // "CM" for a control family, "vulnerability" for imported findings
        bool control = false; // a NIST family of Tollgate's own controls
        CatCounts open{};
        int total() const { return open[0] + open[1] + open[2]; }
    };

    struct ControlResult
    {
        QString id; // IMG-REGISTRY
        QString title;
        QString family;
        int cat = 0;
        int open = 0;
        int notAFinding = 0;
        int notApplicable = 0;
        int notReviewed = 0;
        int total() const { return open + notAFinding + notApplicable + notReviewed; }
    };

    struct TrendPoint
    {
        qint64 snapshotId = 0;
        QString label;
        CatCounts open{};
        int total() const { return open[0] + open[1] + open[2]; }
    };

    struct WorkloadRank
    {
        QString workload; // namespace/Kind/name
        CatCounts open{};
        int total() const { return open[0] + open[1] + open[2]; }
    };

    static constexpr int TopWorkloads = 10;

    // The figures of one snapshot's findings (FindingStore rows of that snapshot); no trend.
    static PostureSummary fromRows(const QList<QJsonObject>& rows);
    // Reads the snapshot's findings and every snapshot's open counts for the trend. Snapshot 0 (none
    // selected) gives an empty summary with the trend only.
    [[nodiscard]] static Result<PostureSummary> compute(Workspace& ws, qint64 snapshotId);

    // The dashboard's grouping of one finding row: identifiers.family for Tollgate's controls
    // ("control" when a control has none), the category for imported findings.
    static QString familyOf(const QJsonObject& row);
    // The row's status and CAT after a reviewer's decision, when the row carries one.
    static QString statusOf(const QJsonObject& row);
    static int catOf(const QJsonObject& row);

    qint64 snapshotId() const { return m_snapshotId; }
    int findingCount() const { return m_findingCount; }
    const CatCounts& openByCat() const { return m_openByCat; }
    int openTotal() const { return m_openByCat[0] + m_openByCat[1] + m_openByCat[2]; }
    // Most open first, then by name.
    const QList<Family>& families() const { return m_families; }
    // Most open first (CAT I weighs first), then by id.
    const QList<ControlResult>& controls() const { return m_controls; }
    // Oldest snapshot first; only the snapshots that have findings attached.
    const QList<TrendPoint>& trend() const { return m_trend; }
    // At most TopWorkloads, most open CAT I first, then CAT II, CAT III, then by name.
    const QList<WorkloadRank>& topWorkloads() const { return m_topWorkloads; }

    // Rows for table views: control, title, family, severity, severity_cat, status (Open when any
    // is open), Open, NotAFinding, Not_Applicable, Not_Reviewed, total.
    QList<QJsonObject> controlRows() const;
    // workload, severity, severity_cat (worst open CAT), cat1, cat2, cat3, open.
    QList<QJsonObject> workloadRows() const;

private:
    qint64 m_snapshotId = 0;
    int m_findingCount = 0;
    CatCounts m_openByCat{};
    QList<Family> m_families;
    QList<ControlResult> m_controls;
    QList<TrendPoint> m_trend;
    QList<WorkloadRank> m_topWorkloads;
};

} // namespace tollgate
