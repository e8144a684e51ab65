#pragma once

#include "base/Result.h"
#include "kube/ManifestDocument.h"

#include <QStringList>
#include <atomic>
#include <functional>

namespace tollgate {

class Workspace;

// Imports a cluster snapshot (directories, files, .tar.gz) into a workspace in one transaction:
// either every object is stored with its inventory, or the workspace is left exactly as it was.
class SnapshotImporter
{
public:
    struct Options
    {
        QString label;   // default: the first path's name
        QString cluster; // default: "default"
        bool skipInvalid = false;
    };

    struct Report
    {
        qint64 snapshotId = 0;
        qint64 duplicateOf = 0; // identical content already imported as this snapshot; nothing written
        int files = 0;
        int objects = 0;
        int workloads = 0;
        qint64 bytes = 0;
        QList<SkippedDocument> skipped;
        QList<Error> warnings;
        QByteArray digest;
    };

    // Progress: (files done, files total, current path). Return value ignored.
    using Progress = std::function<void(int, int, const QString&)>;

    SnapshotImporter(Workspace& ws, Options options) : m_ws(ws), m_options(std::move(options)) {}
    void setProgress(Progress p) { m_progress = std::move(p); }
    // Checked between files and before writing; when set, the import stops and writes nothing.
    void setCancelFlag(const std::atomic_bool* flag) { m_cancel = flag; }

    [[nodiscard]] Result<Report> run(const QStringList& paths);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    Workspace& m_ws;
    Options m_options;
    Progress m_progress;
    const std::atomic_bool* m_cancel = nullptr;
};

} // namespace tollgate
