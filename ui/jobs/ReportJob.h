#pragma once

#include "base/Identity.h"
#include "reports/publish/ReportWriter.h"
#include "reports/signing/SigningIdentity.h"

#include <QFuture>
#include <QObject>
#include <atomic>
#include <optional>

namespace tollgate::ui {

// A report export off the GUI thread, through the same ReportWriter as `tollgate-cli report`. The
// worker opens its own connection to the workspace (one connection per thread); progress and the
// result come back as queued signals. Cancel stops before anything is written: no partial report
// or signature is left on disk.
class ReportJob : public QObject
{
    Q_OBJECT
public:
    // `request.identity` and `request.cancel` are set by the job (from `signer` and its own flag).
    ReportJob(QString workspacePath, Identity identity, ReportWriter::Request request,
              std::optional<SigningIdentity> signer, QObject* parent = nullptr);
    ~ReportJob() override;

    void start();
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_future.isRunning(); }

Q_SIGNALS:
    void progress(int percent, const QString& step);
    // ok: `path` is the report (and `signaturePath` its signature, empty when unsigned).
    void finished(bool ok, const QString& path, const QString& signaturePath, const QString& message);

private:
    QString m_workspacePath;
    Identity m_identity;
    ReportWriter::Request m_request;
    std::optional<SigningIdentity> m_signer;
    std::atomic_bool m_cancel{false};
    QFuture<void> m_future;
};

} // namespace tollgate::ui
