#include "ui/jobs/ImportJob.h"

#include "base/Clock.h"
#include "findings/ScanFormat.h"
#include "import/ScanImporter.h"
#include "store/Workspace.h"

#include <QFileInfo>
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
        // Files whose content is a scan report are scans; everything else is the snapshot.
        QStringList manifests;
        QStringList scans;
        for (const QString& p : std::as_const(m_paths)) {
            if (QFileInfo(p).isFile() && ScanFormatDetector::detect(p).ok())
                scans << p;
            else
                manifests << p;
        }
        QStringList messages;
        QStringList warnings;
        qint64 snapshotId = 0;
        if (!manifests.isEmpty()) {
            SnapshotImporter importer(*ws.value(), m_options);
            importer.setCancelFlag(&m_cancel);
            importer.setProgress(
                [this](int done, int total, const QString& path) { Q_EMIT progress(done, total, path); });
            auto report = importer.run(manifests);
            if (!report) {
                Q_EMIT finished(false, 0,
                                tr("The snapshot was not imported and the workspace is unchanged.\n\n%1")
                                    .arg(report.error().toString()),
                                {});
                return;
            }
            for (const Error& w : report->warnings)
                warnings << w.toString();
            snapshotId = report->duplicateOf ? report->duplicateOf : report->snapshotId;
            if (report->duplicateOf)
                messages << tr("Identical content was already imported as snapshot %1; nothing was imported.")
                                .arg(report->duplicateOf);
            else
                messages
                    << tr("Imported snapshot %1: %2 objects, %3 workloads from %4 file(s); %5 document(s) "
                          "skipped.")
                           .arg(report->snapshotId)
                           .arg(report->objects)
                           .arg(report->workloads)
                           .arg(report->files)
                           .arg(report->skipped.size());
        }
        bool ok = true;
        if (!scans.isEmpty()) {
            ScanImporter importer(*ws.value());
            importer.setSnapshot(snapshotId);
            importer.setCancelFlag(&m_cancel);
            importer.setProgress(
                [this](int done, int total, const QString& path) { Q_EMIT progress(done, total, path); });
            const auto results = importer.importFiles(scans);
            if (m_cancel) {
                Q_EMIT finished(false, snapshotId, tr("Import cancelled; no scan file was imported."),
                                warnings);
                return;
            }
            for (size_t i = 0; i < results.size(); ++i) {
                const auto& r = results[i];
                const QString name = QFileInfo(scans.at(static_cast<int>(i))).fileName();
                if (!r) {
                    ok = false;
                    messages
                        << tr("Not imported (nothing written from this file): %1").arg(r.error().toString());
                } else if (r->duplicateOf) {
                    messages
                        << tr("%1: identical to import %2; nothing imported.").arg(name).arg(r->duplicateOf);
                } else if (ScanFormatDetector::isSbom(r->format)) {
                    messages << tr("%1: %2, %3 packages of %4.")
                                    .arg(name, r->formatName)
                                    .arg(r->packages)
                                    .arg(r->subject);
                } else {
                    messages << tr("%1: %2, %3 findings, %4 joined to workloads, %5 not joined%6.")
                                    .arg(name, r->formatName)
                                    .arg(r->findings)
                                    .arg(r->joined)
                                    .arg(r->notJoined)
                                    .arg(r->closed ? tr(", %1 closed since the previous scan").arg(r->closed)
                                                   : QString());
                }
            }
        }
        Q_EMIT finished(ok, snapshotId, messages.join(QLatin1Char('\n')), warnings);
    });
}

} // namespace tollgate::ui
