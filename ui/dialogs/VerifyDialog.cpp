#include "ui/dialogs/VerifyDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

QLabel* detailLabel(const char* objectName)
{
    auto* l = new QLabel(QStringLiteral("—"));
    l->setObjectName(QLatin1String(objectName));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

} // namespace

VerifyDialog::VerifyDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("verifyDialog"));
    setWindowTitle(tr("Verify a signed report"));
    setMinimumWidth(640);

    m_report = new QLineEdit;
    m_report->setObjectName(QStringLiteral("verifyReport"));
    m_report->setPlaceholderText(tr("the report file (HTML, PDF or JSON)"));
    m_signature = new QLineEdit;
    m_signature->setObjectName(QStringLiteral("verifySignature"));
    m_signature->setPlaceholderText(tr("default: the report's name with .p7s"));
    m_ca = new QLineEdit;
    m_ca->setObjectName(QStringLiteral("verifyCa"));
    m_ca->setPlaceholderText(tr("optional: CA certificates (PEM) to check the signer's chain"));

    auto row = [this](QLineEdit* edit, const QString& title, const QString& filter) {
        auto* box = new QHBoxLayout;
        box->addWidget(edit, 1);
        auto* b = new QPushButton(tr("Browse..."));
        connect(b, &QPushButton::clicked, this, [this, edit, title, filter] { browse(edit, title, filter); });
        box->addWidget(b);
        return box;
    };
    auto* files = new QFormLayout;
    auto addFileRow = [&](const QString& text, QLineEdit* edit, const QString& title, const QString& filter) {
        // A label of its own, so its mnemonic focuses the line edit (a layout cannot be a buddy).
        auto* label = new QLabel(text);
        label->setBuddy(edit);
        files->addRow(label, row(edit, title, filter));
    };
    addFileRow(tr("&Report:"), m_report, tr("Report to verify"),
               tr("Reports (*.html *.pdf *.json);;All files (*)"));
    addFileRow(tr("&Signature:"), m_signature, tr("Detached signature"),
               tr("Signatures (*.p7s);;All files (*)"));
    addFileRow(tr("C&A:"), m_ca, tr("Trusted CA certificates"),
               tr("PEM certificates (*.pem *.crt);;All files (*)"));

    m_verify = new QPushButton(tr("&Verify"));
    m_verify->setObjectName(QStringLiteral("verifyRun"));
    m_verify->setDefault(true);
    m_verify->setEnabled(false);
    connect(m_report, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_verify->setEnabled(!text.trimmed().isEmpty());
        m_signature->setPlaceholderText(
            text.trimmed().isEmpty()
                ? tr("default: the report's name with .p7s")
                : tr("default: %1").arg(ReportVerifier::defaultSignature(text.trimmed())));
    });
    connect(m_verify, &QPushButton::clicked, this, [this] { verify(); });

    auto* details = new QGroupBox(tr("Signature"));
    auto* form = new QFormLayout(details);
    m_signer = detailLabel("verifySigner");
    m_time = detailLabel("verifyTime");
    m_digest = detailLabel("verifyDigest");
    m_trust = detailLabel("verifyTrust");
    m_revocation = detailLabel("verifyRevocation");
    form->addRow(tr("Signer:"), m_signer);
    form->addRow(tr("Signed at:"), m_time);
    form->addRow(tr("Report SHA-256:"), m_digest);
    form->addRow(tr("Trust:"), m_trust);
    form->addRow(tr("Revocation:"), m_revocation);

    m_result = new QLabel(tr("Choose a report and press Verify. Nothing leaves this computer."));
    m_result->setObjectName(QStringLiteral("verifyResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(48);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_verify, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(files);
    layout->addWidget(details);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

void VerifyDialog::setReportPath(const QString& path)
{
    m_report->setText(path);
}

void VerifyDialog::setSignaturePath(const QString& path)
{
    m_signature->setText(path);
}

void VerifyDialog::setCaPath(const QString& path)
{
    m_ca->setText(path);
}

void VerifyDialog::browse(QLineEdit* edit, const QString& title, const QString& filter)
{
    const QString path = QFileDialog::getOpenFileName(this, title, edit->text(), filter);
    if (!path.isEmpty())
        edit->setText(path);
}

void VerifyDialog::clearDetails()
{
    for (QLabel* l : {m_signer, m_time, m_digest, m_trust, m_revocation})
        l->setText(QStringLiteral("—"));
}

bool VerifyDialog::verify()
{
    m_outcome.reset();
    clearDetails();
    ReportVerifier::Request request;
    request.report = m_report->text().trimmed();
    request.signature = m_signature->text().trimmed();
    request.ca = m_ca->text().trimmed();
    if (request.report.isEmpty()) {
        showResult(tr("Choose the report to verify."), invalidColor());
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto outcome = ReportVerifier::verify(request);
    QApplication::restoreOverrideCursor();
    if (!outcome) {
        showResult(tr("NOT VERIFIED: %1").arg(outcome.error().toString()), invalidColor());
        return false;
    }
    m_outcome = outcome.value();
    const CmsSignature::Verification& v = m_outcome->verification;
    m_signer->setText(v.subject.isEmpty() ? tr("(unknown)") : v.subject);
    m_time->setText(v.signingTime.isValid()
                        ? QString(v.signingTime.toString(Qt::ISODate) + QStringLiteral(" UTC"))
                        : tr("(not stated in the signature)"));
    m_digest->setText(v.digest);
    m_trust->setText(v.chain == QLatin1String("not reached")
                         ? tr("not checked: the verification failed before the chain was reached")
                         : v.chain);
    m_revocation->setText(v.revocation);
    showResult(m_outcome->plainWords(), v.valid ? validColor() : invalidColor());
    return v.valid;
}

void VerifyDialog::showResult(const QString& text, const QColor& color)
{
    m_resultColor = color;
    m_result->setText(text);
    m_result->setStyleSheet(
        QStringLiteral("QLabel#verifyResult { color: white; background: %1; padding: 8px; "
                       "font-weight: bold; border-radius: 4px; }")
            .arg(color.name()));
}

QString VerifyDialog::resultText() const
{
    return m_result->text();
}

QColor VerifyDialog::resultColor() const
{
    return m_resultColor;
}

} // namespace tollgate::ui
