#pragma once

#include "base/Result.h"
#include "findings/ScanFormat.h"
#include "findings/ScanSink.h"
#include "store/FindingJoiner.h"
#include "store/ScanImportReport.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace tollgate {

class Workspace;

// Imports scan files into the workspace, each file atomic: detects the format from content,
// streams the file through its parser, joins every finding to the workloads of the snapshot,
// records history against the previous import of the same tool and subject (findings gone from the
// newer scan are recorded as closed in it; nothing is deleted), and appends to the audit log.
// On any error the workspace is unchanged. Reuse one importer for many files of the same workspace:
// it keeps the snapshot's join maps (a snapshot never changes once imported).
class ScanImporter
{
public:
    using Report = ScanImportReport;

    explicit ScanImporter(Workspace& ws);
    // snapshotId 0: the newest snapshot.
    void setSnapshot(qint64 snapshotId) { m_snapshotId = snapshotId; }
    void cancel() { m_cancel = true; }
    // An outside flag (the GUI job's) that cancels as well.
    void setCancelFlag(const std::atomic_bool* flag) { m_externalCancel = flag; }

    using Progress = std::function<void(int done, int total, const QString& path)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    [[nodiscard]] Result<Report> importFile(const QString& path);
    // Several files in one transaction, each file atomic on its own (a savepoint): a file that fails
    // leaves nothing behind and the others are kept. One result per path, in order. Cancelling
    // rolls the whole batch back.
    [[nodiscard]] std::vector<Result<Report>> importFiles(const QStringList& paths);

    // Records findings that Tollgate itself produces (its control checks) exactly like a scan: same
    // store, joins, history against the previous run of the same subject, audit entry, one
    // transaction. `digest` identifies the input (an identical run against the same snapshot is
    // recognised and not recorded twice); `label` stands where a file path would.
    using Producer = std::function<Status(ScanSink&)>;
    [[nodiscard]] Result<Report> importGenerated(const QString& label, const QString& formatName,
                                                 const QString& formatId, const QByteArray& digest,
                                                 const Producer& produce);

private:
    [[nodiscard]] Result<Report> importOne(const QString& path);
    [[nodiscard]] Result<Report> recordImport(Report report, const QString& path, const QString& formatId,
                                              bool sbom, const QByteArray& digest, const Producer& produce);

    Workspace& m_ws;
    Progress m_progress;
    // The snapshot's join maps, loaded once for every file this importer reads.
    std::optional<FindingJoiner> m_joiner;
    qint64 m_joinerSnapshot = -1;
    qint64 m_snapshotId = 0;
    std::atomic_bool m_cancel{false};
    const std::atomic_bool* m_externalCancel = nullptr;
    bool cancelled() const { return m_cancel || (m_externalCancel && *m_externalCancel); }
};

} // namespace tollgate
