#pragma once

#include "base/Identity.h"
#include "import/SnapshotImporter.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <atomic>

namespace tollgate::ui {

// A snapshot import off the GUI thread. The worker opens its own connection to the workspace file
// (one connection per thread); progress and the result come back as queued signals. Cancel stops
// before anything is written, and a failed or cancelled import leaves the workspace unchanged.
class ImportJob : public QObject
{
    Q_OBJECT
public:
    ImportJob(QString workspacePath, QStringList paths, SnapshotImporter::Options options, Identity identity,
              QObject* parent = nullptr);
    ~ImportJob() override;

    void start();
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_future.isRunning(); }

Q_SIGNALS:
    void progress(int done, int total, const QString& path);
    // ok: snapshotId is the new (or, for identical content, the existing) snapshot.
    void finished(bool ok, qint64 snapshotId, const QString& message, const QStringList& warnings);

private:
    QString m_workspacePath;
    QStringList m_paths;
    SnapshotImporter::Options m_options;
    Identity m_identity;
    std::atomic_bool m_cancel{false};
    QFuture<void> m_future;
};

} // namespace tollgate::ui
