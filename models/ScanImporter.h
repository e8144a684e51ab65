#pragma once

#include "FindingJoiner.h"
#include "Result.h"
#include "ScanFormat.h"
#include "ScanSink.h"

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
    struct Report
    {
        qint64 importId = 0;
        qint64 snapshotId = 0; // 0 when the workspace has no snapshot yet
        QString path;
        ScanFormat format = ScanFormat::TrivyJson;
        QString formatName;
        QString tool;
        QString subject;
        int findings = 0;
        int joined = 0;
        int notJoined = 0;
        int newCount = 0;
        int persisting = 0;
        int closed = 0;
        int packages = 0;
        qint64 supersedes = 0;       // the previous import of the same tool and subject
        qint64 duplicateOf = 0;      // the same file was already imported against the same snapshot
        QStringList notJoinedSample; // a few subjects that did not join, for the message
        QStringList notes;           // what the parser says besides findings (truncated lists, ...)
    };

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
