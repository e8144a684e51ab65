#pragma once

#include "base/Identity.h"
#include "reports/publish/ReportWriter.h"
#include "store/SnapshotInfo.h"

#include <QDialog>
#include <QMap>
#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace tollgate::ui {

class ReportJob;

// Export a review report (DESIGN 8): kind (snapshot, or change review against a base snapshot),
// format (PDF, HTML, JSON), the sections to include, the ISSO's recommendation and residual risk,
// the marking, and the signing identity (none, PEM certificate and key, or a PKCS#12 bundle whose
// password is asked for when exporting and never kept). The export runs off the GUI thread through
// the same ReportWriter as `tollgate-cli report`, with progress and a working Cancel, and the report
// opens when done (unless switched off: setOpenWhenDone(false) or TOLLGATE_NO_OPEN=1).
class ExportReportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportReportDialog(QString workspacePath, Identity identity, qint64 snapshotId,
                       QList<SnapshotInfo> snapshots, QWidget* parent = nullptr);
    ~ExportReportDialog() override;

    enum class Signing
    {
        None,
        Pem,
        Pkcs12
    };
    void setKind(const QString& kind); // "snapshot" or "changes"
    void setBaseSnapshot(qint64 id);   // 0: the approved baseline
    void setFormat(ReportWriter::Format format);
    void setSectionIncluded(const QString& key, bool included);
    void setRecommendation(const QString& text);
    void setResidualRisk(const QString& text);
    void setMarking(const QString& marking);
    void setSigning(Signing signing, const QString& certOrBundle = {}, const QString& key = {});
    void setOutputPath(const QString& path);
    QString outputPath() const;
    void setOpenWhenDone(bool open);
    // Asks for a PKCS#12 password (a QInputDialog with hidden echo by default); nullopt: cancelled.
    using PasswordPrompt = std::function<std::optional<QByteArray>(const QString& bundle)>;
    void setPasswordPrompt(PasswordPrompt prompt) { m_prompt = std::move(prompt); }

    bool isExporting() const;
    QString lastMessage() const { return m_lastMessage; }
    // The options the form stands for (what the job gets).
    ReviewReport::Options reportOptions() const;

public Q_SLOTS:
    void startExport();
    void cancelExport();

Q_SIGNALS:
    void exported(const QString& path, const QString& signaturePath);
    void failed(const QString& message);

protected:
    void reject() override;

private:
    void onFinished(bool ok, const QString& path, const QString& signaturePath, const QString& message);
    void setBusy(bool busy);
    void updateForm();
    // Loads the chosen identity on the GUI thread (asking for a password if needed).
    bool loadSigner(std::optional<SigningIdentity>& out, QString& error);

    QString m_workspacePath;
    Identity m_identity;
    qint64 m_snapshotId;
    QComboBox* m_kind;
    QComboBox* m_base;
    QComboBox* m_format;
    QMap<QString, QCheckBox*> m_sections;
    QPlainTextEdit* m_recommendation;
    QPlainTextEdit* m_residualRisk;
    QLineEdit* m_marking;
    QComboBox* m_signing;
    QLineEdit* m_cert;
    QLineEdit* m_key;
    QLineEdit* m_p12;
    QStackedWidget* m_signingPages;
    QLineEdit* m_output;
    QCheckBox* m_open;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QWidget* m_form;
    std::unique_ptr<ReportJob> m_job;
    PasswordPrompt m_prompt;
    QString m_lastMessage;
};

} // namespace tollgate::ui
