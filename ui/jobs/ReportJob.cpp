#include "ui/jobs/ReportJob.h"

#include "base/Clock.h"
#include "store/Workspace.h"

#include <QtConcurrent>

namespace tollgate::ui {

ReportJob::ReportJob(QString workspacePath, Identity identity, ReportWriter::Request request,
                     std::optional<SigningIdentity> signer, QObject* parent)
    : QObject(parent), m_workspacePath(std::move(workspacePath)), m_identity(std::move(identity)),
      m_request(std::move(request)), m_signer(std::move(signer))
{
    m_request.identity = m_signer ? &*m_signer : nullptr;
    m_request.cancel = &m_cancel;
    m_request.progress = [this](int percent, const QString& step) { Q_EMIT progress(percent, step); };
}

ReportJob::~ReportJob()
{
    m_cancel = true;
    m_future.waitForFinished();
}

void ReportJob::start()
{
    m_future = QtConcurrent::run([this] {
        auto ws =
            Workspace::open(m_workspacePath, Workspace::OpenMode::ReadWrite, Clock::system(), m_identity);
        if (!ws) {
            Q_EMIT finished(false, {}, {}, ws.error().toString());
            return;
        }
        auto written = ReportWriter::write(*ws.value(), m_request);
        if (!written) {
            Q_EMIT finished(false, {}, {},
                            m_cancel ? tr("Cancelled: no report was written.") : written.error().toString());
            return;
        }
        QString message = tr("Wrote %1 (%2 KB, SHA-256 %3).")
                              .arg(written->path)
                              .arg((written->bytes + 1023) / 1024)
                              .arg(written->sha256);
        if (!written->signer.isEmpty())
            message += tr("\nSigned by %1: %2").arg(written->signer, written->signaturePath);
        Q_EMIT finished(true, written->path, written->signaturePath, message);
    });
}

} // namespace tollgate::ui
