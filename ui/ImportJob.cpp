#include "ImportJob.h"

#include "Clock.h"
#include "Workspace.h"

#include <QtConcurrent>

namespace tollgate::ui {

ImportJob::ImportJob(QString workspacePath, QStringList paths, SnapshotImporter::Options options,
                     Identity identity, QObject* parent)
    : QObject(parent), m_workspacePath(std::move(workspacePath)), m_paths(std::move(paths)),
      m_options(std::move(options)), m_identity(std::move(identity))
{}

ImportJob::~ImportJob()
{
    m_cancel = true;
    m_future.waitForFinished();
}

void ImportJob::start()
{
    m_future = QtConcurrent::run([this] {
        auto ws =
            Workspace::open(m_workspacePath, Workspace::OpenMode::ReadWrite, Clock::system(), m_identity);
        if (!ws) {
            Q_EMIT finished(false, 0, ws.error().toString(), {});
            return;
        }
        SnapshotImporter importer(*ws.value(), m_options);
        importer.setCancelFlag(&m_cancel);
        importer.setProgress(
            [this](int done, int total, const QString& path) { Q_EMIT progress(done, total, path); });
        auto report = importer.run(m_paths);
        if (!report) {
            Q_EMIT finished(false, 0, report.error().toString(), {});
            return;
        }
        QStringList warnings;
        for (const Error& w : report->warnings)
            warnings << w.toString();
        QString message;
        if (report->duplicateOf)
            message = tr("Identical content was already imported as snapshot %1; nothing was imported.")
                          .arg(report->duplicateOf);
        else
            message =
                tr("Imported snapshot %1: %2 objects, %3 workloads from %4 file(s); %5 document(s) skipped.")
                    .arg(report->snapshotId)
                    .arg(report->objects)
                    .arg(report->workloads)
                    .arg(report->files)
                    .arg(report->skipped.size());
        Q_EMIT finished(true, report->snapshotId, message, warnings);
    });
}

} // namespace tollgate::ui
