#pragma once

#include "reports/signing/ReportVerifier.h"

#include <QColor>
#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tollgate::ui {

// Verify a signed report offline (DESIGN 8): pick the report, its detached signature (default
// REPORT.p7s) and optionally the CA certificates to check the signer's chain against; shows the
// signer, the signing time, the report's SHA-256, the trust (chain checked or not), that revocation
// was not checked, and the result in plain words, green when valid and red otherwise. The same
// verification as `tollgate-cli verify` (ReportVerifier). Needs no workspace.
class VerifyDialog : public QDialog
{
    Q_OBJECT
public:
    explicit VerifyDialog(QWidget* parent = nullptr);

    void setReportPath(const QString& path);
    void setSignaturePath(const QString& path);
    void setCaPath(const QString& path);
    // Runs the verification on the paths set; true when the signature is valid.
    bool verify();

    // The last outcome (none before the first verify or when a file could not be read).
    const std::optional<ReportVerifier::Outcome>& outcome() const { return m_outcome; }
    QString resultText() const;
    QColor resultColor() const;

    static QColor validColor() { return QColor(0x2e, 0x7d, 0x32); }
    static QColor invalidColor() { return QColor(0xc6, 0x28, 0x28); }

private:
    void browse(QLineEdit* edit, const QString& title, const QString& filter);
    void showResult(const QString& text, const QColor& color);
    void clearDetails();

    QLineEdit* m_report;
    QLineEdit* m_signature;
    QLineEdit* m_ca;
    QPushButton* m_verify;
    QLabel* m_signer;
    QLabel* m_time;
    QLabel* m_digest;
    QLabel* m_trust;
    QLabel* m_revocation;
    QLabel* m_result;
    QColor m_resultColor;
    std::optional<ReportVerifier::Outcome> m_outcome;
};

} // namespace tollgate::ui
