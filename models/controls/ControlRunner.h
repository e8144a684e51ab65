#pragma once

#include "base/Result.h"
#include "controls/ControlCatalog.h"
#include "controls/Tailoring.h"
#include "findings/Finding.h"
#include "import/ScanImporter.h"
#include "store/SnapshotContext.h"

namespace tollgate {

class Workspace;

// Runs the control catalog on one snapshot and records the results as findings of source
// "tollgate" (ScanImporter::importGenerated: same store, joins, history and audit as scans). A run
// with the same catalog, tailoring and snapshot is recognised and reused.
class ControlRunner
{
public:
    ControlRunner(Workspace& ws, ControlCatalog catalog, Tailoring tailoring)
        : m_ws(ws), m_catalog(std::move(catalog)), m_tailoring(std::move(tailoring))
    {}

    // The findings of every control on the snapshot, without storing them (tests, benchmark).
    [[nodiscard]] Result<QList<Finding>> evaluate(qint64 snapshotId) const;
    [[nodiscard]] Result<QList<Finding>> evaluate(const SnapshotContext& snapshot) const;
    // Evaluates and records; the report's importId names the run.
    [[nodiscard]] Result<ScanImporter::Report> run(qint64 snapshotId);
    // The same on a snapshot already loaded (objects, inventory and mesh are not read again).
    [[nodiscard]] Result<ScanImporter::Report> run(const SnapshotContext& snapshot);

    static constexpr const char* Version = "controls-1";

private:
    Workspace& m_ws;
    ControlCatalog m_catalog;
    Tailoring m_tailoring;
};

} // namespace tollgate
