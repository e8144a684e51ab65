#pragma once

#include "base/Result.h"
#include "controls/ControlCatalog.h"
#include "controls/Tailoring.h"
#include "stig/StigBenchmark.h"
#include "stig/StigChecklist.h"

namespace tollgate {

class Workspace;

// The STIG checklist of one snapshot's cluster (DESIGN 8): every rule of the benchmark, with a
// status only where a catalog control is marked `exact` for the rule (Tollgate's check is the
// STIG's check) and judged against the same rule revision; every other rule is Not_Reviewed. The
// status is the control run's (run first, or an identical earlier run reused) with the reviewer's
// decisions applied: Open when any result is Open (a risk acceptance keeps it Open and is named in
// COMMENTS), NotAFinding when results exist and none is Open. The failing objects go to
// FINDING_DETAILS, the review history to COMMENTS, a reviewer's severity override of the Open
// results to SEVERITY_OVERRIDE / SEVERITY_JUSTIFICATION.
class CklExport
{
public:
    struct Options
    {
        qint64 snapshotId = 0; // 0: the latest
        Tailoring tailoring;   // the control run's tailoring (its exempt namespaces limit coverage)
        QString marking = QStringLiteral("CUI");
    };

    [[nodiscard]] static Result<StigChecklist> build(Workspace& ws, const StigBenchmark& benchmark,
                                                     const ControlCatalog& catalog, const Options& options);
    // The rule's CAT from a STIG severity (high 1, medium 2, low 3; 0 when unknown) and back.
    static int catOf(const QString& severity);
    static QString severityOf(int cat);
};

} // namespace tollgate
