#pragma once

#include "Result.h"
#include "ScanFormat.h"

#include <QString>
#include <QStringList>
#include <atomic>

namespace tollgate {

class Workspace;

// Imports one scan file into the workspace in one transaction: detects the format from content,
// streams the file through its parser, joins every finding to the workloads of the snapshot,
// records history against the previous import of the same tool and subject (findings gone from the
// newer scan are recorded as closed in it; nothing is deleted), and appends to the audit log.
// On any error the workspace is unchanged.
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
        QStringList notJoinedSample; // a few subjects that did not join, for the message
    };

    explicit ScanImporter(Workspace& ws);
    // snapshotId 0: the newest snapshot.
    void setSnapshot(qint64 snapshotId) { m_snapshotId = snapshotId; }
    void cancel() { m_cancel = true; }

    [[nodiscard]] Result<Report> importFile(const QString& path);

private:
    Workspace& m_ws;
    qint64 m_snapshotId = 0;
    std::atomic_bool m_cancel{false};
};

} // namespace tollgate
