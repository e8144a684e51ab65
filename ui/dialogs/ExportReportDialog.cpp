#include "ui/dialogs/ExportReportDialog.h"

#include "reports/signing/SigningIdentity.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/jobs/ReportJob.h"
#include "ui/widgets/Icons.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {
QLineEdit* pathEdit(QWidget* parent, const QString& name, const QString& placeholder)
{
    auto* e = new QLineEdit(parent);
    e->setObjectName(name);
    e->setPlaceholderText(placeholder);
    return e;
}

// A path field with a Browse button that picks an existing file.
QWidget* browseRow(QWidget* parent, QLineEdit* edit, const QString& title, const QString& filter)
{
    auto* row = new QWidget(parent);
    auto* l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    auto* b = new QPushButton(QObject::tr("Browse..."), row);
    l->addWidget(b);
    QObject::connect(b, &QPushButton::clicked, row, [row, edit, title, filter] {
        const QString f = QFileDialog::getOpenFileName(row, title, edit->text(), filter);
        if (!f.isEmpty())
            edit->setText(f);
    });
    return row;
}
} // namespace

ExportReportDialog::ExportReportDialog(QString workspacePath, Identity identity, qint64 snapshotId,
                                       QList<SnapshotInfo> snapshots, QWidget* parent)
    : QDialog(parent), m_workspacePath(std::move(workspacePath)), m_identity(std::move(identity)),
      m_snapshotId(snapshotId)
{
    setObjectName(QStringLiteral("exportReportDialog"));
    setWindowTitle(tr("Export report"));
    setWindowIcon(Icons::get("reports"));
    resize(680, 720);
    auto* layout = new QVBoxLayout(this);
    m_form = new QWidget(this);
    auto* formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_form, 1);

    auto* what = new QGroupBox(tr("Report"), m_form);
    auto* whatForm = new QFormLayout(what);
    m_kind = new QComboBox(what);
    m_kind->setObjectName(QStringLiteral("exportKind"));
    m_kind->addItem(tr("Snapshot review"), QStringLiteral("snapshot"));
    m_kind->addItem(tr("Change review (against a base snapshot)"), QStringLiteral("changes"));
    whatForm->addRow(tr("&Kind:"), m_kind);
    m_base = new QComboBox(what);
    m_base->setObjectName(QStringLiteral("exportBase"));
    m_base->addItem(tr("The approved baseline (else the first snapshot)"), qint64(0));
    for (const SnapshotInfo& s : snapshots)
        if (s.id != snapshotId)
            m_base->addItem(tr("Snapshot %1: %2 (%3)").arg(s.id).arg(s.label, s.importedAt.left(10)), s.id);
    whatForm->addRow(tr("&Base snapshot:"), m_base);
    QString current = tr("none");
    for (const SnapshotInfo& s : snapshots)
        if (s.id == snapshotId)
            current = tr("snapshot %1: %2").arg(s.id).arg(s.label);
    auto* snapLabel = new QLabel(current, what);
    snapLabel->setObjectName(QStringLiteral("exportSnapshot"));
    whatForm->addRow(tr("Snapshot:"), snapLabel);
    m_format = new QComboBox(what);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PDF (prints, pages with banners)"), static_cast<int>(ReportWriter::Format::Pdf));
    m_format->addItem(tr("HTML (one self-contained file)"), static_cast<int>(ReportWriter::Format::Html));
    m_format->addItem(tr("JSON (machine-readable)"), static_cast<int>(ReportWriter::Format::Json));
    whatForm->addRow(tr("&Format:"), m_format);
    m_marking = new QLineEdit(QStringLiteral("CUI"), what);
    m_marking->setObjectName(QStringLiteral("exportMarking"));
    m_marking->setToolTip(tr("The marking banner at the top and bottom of every page"));
    whatForm->addRow(tr("&Marking:"), m_marking);
    auto* sections = new QWidget(what);
    auto* grid = new QGridLayout(sections);
    grid->setContentsMargins(0, 0, 0, 0);
    int i = 0;
    for (const auto& s : ReviewReport::optionalSections()) {
        auto* box = new QCheckBox(s.second, sections);
        box->setObjectName(QStringLiteral("exportSection_") + s.first);
        box->setChecked(true);
        grid->addWidget(box, i / 3, i % 3);
        m_sections.insert(s.first, box);
        ++i;
    }
    whatForm->addRow(tr("Sections:"), sections);
    formLayout->addWidget(what);

    auto* words = new QGroupBox(tr("The ISSO's words (first thing the approving official reads)"), m_form);
    auto* wordsForm = new QFormLayout(words);
    m_recommendation = new QPlainTextEdit(words);
    m_recommendation->setObjectName(QStringLiteral("exportRecommendation"));
    m_recommendation->setPlaceholderText(tr("e.g. Approve the change with a POA&M for ..."));
    m_recommendation->setFixedHeight(64);
    m_residualRisk = new QPlainTextEdit(words);
    m_residualRisk->setObjectName(QStringLiteral("exportResidualRisk"));
    m_residualRisk->setPlaceholderText(tr("e.g. Moderate: ..."));
    m_residualRisk->setFixedHeight(52);
    wordsForm->addRow(tr("&Recommendation:"), m_recommendation);
    wordsForm->addRow(tr("Residual &risk:"), m_residualRisk);
    formLayout->addWidget(words);

    auto* sign = new QGroupBox(tr("Signature (detached CMS beside the report, REPORT.p7s)"), m_form);
    auto* signForm = new QFormLayout(sign);
    m_signing = new QComboBox(sign);
    m_signing->setObjectName(QStringLiteral("exportSigning"));
    m_signing->addItem(tr("Do not sign"));
    m_signing->addItem(tr("PEM certificate and private key"));
    m_signing->addItem(tr("PKCS#12 bundle (password asked when exporting)"));
    signForm->addRow(tr("&Signing identity:"), m_signing);
    m_signingPages = new QStackedWidget(sign);
    m_signingPages->addWidget(new QWidget(m_signingPages));
    auto* pemPage = new QWidget(m_signingPages);
    auto* pemForm = new QFormLayout(pemPage);
    pemForm->setContentsMargins(0, 0, 0, 0);
    m_cert = pathEdit(pemPage, QStringLiteral("exportCert"), tr("signer certificate (PEM)"));
    m_key = pathEdit(pemPage, QStringLiteral("exportKey"), tr("private key (PEM, unencrypted)"));
    pemForm->addRow(tr("Certificate:"), browseRow(pemPage, m_cert, tr("Signer certificate"),
                                                  tr("PEM certificates (*.pem *.crt *.cer);;All files (*)")));
    pemForm->addRow(tr("Key:"), browseRow(pemPage, m_key, tr("Signer private key"),
                                          tr("PEM keys (*.key *.pem);;All files (*)")));
    m_signingPages->addWidget(pemPage);
    auto* p12Page = new QWidget(m_signingPages);
    auto* p12Form = new QFormLayout(p12Page);
    p12Form->setContentsMargins(0, 0, 0, 0);
    m_p12 = pathEdit(p12Page, QStringLiteral("exportP12"), tr("PKCS#12 bundle (.p12, .pfx)"));
    p12Form->addRow(tr("Bundle:"), browseRow(p12Page, m_p12, tr("PKCS#12 bundle"),
                                             tr("PKCS#12 (*.p12 *.pfx);;All files (*)")));
    m_signingPages->addWidget(p12Page);
    signForm->addRow(m_signingPages);
    formLayout->addWidget(sign);

    auto* out = new QGroupBox(tr("Output"), m_form);
    auto* outForm = new QFormLayout(out);
    m_output = pathEdit(out, QStringLiteral("exportOutput"), tr("where to write the report"));
    auto* outRow = new QWidget(out);
    auto* outRowLayout = new QHBoxLayout(outRow);
    outRowLayout->setContentsMargins(0, 0, 0, 0);
    outRowLayout->addWidget(m_output, 1);
    auto* browse = new QPushButton(tr("Browse..."), outRow);
    outRowLayout->addWidget(browse);
    outForm->addRow(tr("&File:"), outRow);
    m_open = new QCheckBox(tr("Open the report when done"), out);
    m_open->setObjectName(QStringLiteral("exportOpen"));
    m_open->setChecked(qEnvironmentVariableIsEmpty("TOLLGATE_NO_OPEN"));
    outForm->addRow(QString(), m_open);
    formLayout->addWidget(out);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportStart"));
    m_export->setIcon(Icons::get("reports"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("exportCancel"));
    layout->addWidget(buttons);

    // A default file name beside the workspace: system-kind-snapshot.pdf
    const QFileInfo ws(m_workspacePath);
    m_output->setText(ws.absoluteDir().filePath(
        QStringLiteral("%1-review-%2.pdf").arg(ws.completeBaseName()).arg(snapshotId)));

    connect(m_export, &QPushButton::clicked, this, &ExportReportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportReportDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { updateForm(); });
    connect(m_signing, &QComboBox::currentIndexChanged, this, [this] { updateForm(); });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // The output's suffix follows the format.
        const auto f = static_cast<ReportWriter::Format>(m_format->currentData().toInt());
        QString path = m_output->text();
        const QFileInfo fi(path);
        if (!path.isEmpty())
            m_output->setText(
                fi.dir().filePath(fi.completeBaseName() + QLatin1Char('.') + ReportWriter::suffixOf(f)));
        updateForm();
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export report"), m_output->text(),
                                                       tr("Reports (*.pdf *.html *.json)"));
        if (!f.isEmpty())
            setOutputPath(f);
    });
    m_prompt = [this](const QString& bundle) -> std::optional<QByteArray> {
        bool ok = false;
        const QString pw = QInputDialog::getText(this, tr("PKCS#12 password"),
                                                 tr("Password for %1:").arg(QFileInfo(bundle).fileName()),
                                                 QLineEdit::Password, QString(), &ok);
        if (!ok)
            return std::nullopt;
        return pw.toUtf8();
    };
    updateForm();
}

ExportReportDialog::~ExportReportDialog() = default;

void ExportReportDialog::updateForm()
{
    m_base->setEnabled(m_kind->currentData().toString() == QLatin1String("changes"));
    m_signingPages->setCurrentIndex(m_signing->currentIndex());
    // The diagram is in PDF and HTML; JSON carries it as SVG text.
}

void ExportReportDialog::setKind(const QString& kind)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(kind)));
}

void ExportReportDialog::setBaseSnapshot(qint64 id)
{
    m_base->setCurrentIndex(qMax(0, m_base->findData(id)));
}

void ExportReportDialog::setFormat(ReportWriter::Format format)
{
    m_format->setCurrentIndex(qMax(0, m_format->findData(static_cast<int>(format))));
}

void ExportReportDialog::setSectionIncluded(const QString& key, bool included)
{
    if (QCheckBox* b = m_sections.value(key))
        b->setChecked(included);
}

void ExportReportDialog::setRecommendation(const QString& text)
{
    m_recommendation->setPlainText(text);
}

void ExportReportDialog::setResidualRisk(const QString& text)
{
    m_residualRisk->setPlainText(text);
}

void ExportReportDialog::setMarking(const QString& marking)
{
    m_marking->setText(marking);
}

void ExportReportDialog::setSigning(Signing signing, const QString& certOrBundle, const QString& key)
{
    m_signing->setCurrentIndex(static_cast<int>(signing));
    if (signing == Signing::Pem) {
        m_cert->setText(certOrBundle);
        m_key->setText(key);
    } else if (signing == Signing::Pkcs12) {
        m_p12->setText(certOrBundle);
    }
}

void ExportReportDialog::setOutputPath(const QString& path)
{
    m_output->setText(path);
    if (const auto f = ReportWriter::formatFor(path))
        setFormat(*f);
}

QString ExportReportDialog::outputPath() const
{
    return m_output->text().trimmed();
}

void ExportReportDialog::setOpenWhenDone(bool open)
{
    m_open->setChecked(open);
}

bool ExportReportDialog::isExporting() const
{
    return m_job && m_job->isRunning();
}

ReviewReport::Options ExportReportDialog::reportOptions() const
{
    ReviewReport::Options o;
    o.kind = m_kind->currentData().toString();
    o.snapshotId = m_snapshotId;
    o.baseId = m_base->currentData().toLongLong();
    o.recommendation = m_recommendation->toPlainText().trimmed();
    o.residualRisk = m_residualRisk->toPlainText().trimmed();
    o.marking = m_marking->text().trimmed().isEmpty() ? QStringLiteral("CUI") : m_marking->text().trimmed();
    o.reviewer = m_identity.reviewer();
    for (auto it = m_sections.begin(); it != m_sections.end(); ++it)
        if (!it.value()->isChecked())
            o.omit << it.key();
    return o;
}

bool ExportReportDialog::loadSigner(std::optional<SigningIdentity>& out, QString& error)
{
    auto read = [&error](const QString& path, QByteArray& bytes) {
        QFile f(path);
        if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
            error = tr("Cannot read %1.").arg(path.isEmpty() ? tr("the file (none chosen)") : path);
            return false;
        }
        bytes = f.readAll();
        return true;
    };
    const auto signing = static_cast<Signing>(m_signing->currentIndex());
    if (signing == Signing::None)
        return true;
    if (signing == Signing::Pem) {
        QByteArray cert, key;
        if (!read(m_cert->text().trimmed(), cert) || !read(m_key->text().trimmed(), key))
            return false;
        auto id = SigningIdentity::fromPem(cert, key);
        key.fill('\0');
        if (!id) {
            error = id.error().toString();
            return false;
        }
        out.emplace(std::move(id).value());
        return true;
    }
    QByteArray bundle;
    if (!read(m_p12->text().trimmed(), bundle))
        return false;
    std::optional<QByteArray> password = m_prompt(m_p12->text().trimmed());
    if (!password) {
        error = tr("No password given: nothing exported.");
        return false;
    }
    auto id = SigningIdentity::fromPkcs12(bundle, *password);
    password->fill('\0'); // never kept
    if (!id) {
        error = id.error().toString();
        return false;
    }
    out.emplace(std::move(id).value());
    return true;
}

void ExportReportDialog::startExport()
{
    if (m_job)
        return;
    const QString out = outputPath();
    if (out.isEmpty() || !ReportWriter::formatFor(out)) {
        m_status->setText(tr("Choose an output file ending in .pdf, .html or .json."));
        return;
    }
    std::optional<SigningIdentity> signer;
    QString error;
    if (!loadSigner(signer, error)) {
        m_status->setText(error);
        Dialogs::error(this, tr("Cannot sign"), error);
        return;
    }
    ReportWriter::Request request;
    request.report = reportOptions();
    request.outPath = out;
    m_job = std::make_unique<ReportJob>(m_workspacePath, m_identity, request, std::move(signer));
    connect(m_job.get(), &ReportJob::progress, this, [this](int percent, const QString& step) {
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
        m_status->setText(step + QStringLiteral("..."));
    });
    connect(m_job.get(), &ReportJob::finished, this, &ExportReportDialog::onFinished);
    setBusy(true);
    m_status->setText(tr("Gathering the report..."));
    m_job->start();
}

void ExportReportDialog::cancelExport()
{
    if (m_job) {
        m_status->setText(tr("Cancelling..."));
        m_job->cancel();
    }
}

void ExportReportDialog::reject()
{
    if (m_job) {
        cancelExport();
        return; // closes when the job reports back
    }
    QDialog::reject();
}

void ExportReportDialog::onFinished(bool ok, const QString& path, const QString& signaturePath,
                                    const QString& message)
{
    const bool cancelled = m_job && !ok && message.startsWith(tr("Cancelled"));
    m_job.reset();
    setBusy(false);
    m_lastMessage = message;
    m_status->setText(message);
    if (!ok) {
        m_progress->setValue(0);
        Q_EMIT failed(message);
        if (cancelled) {
            QDialog::reject();
            return;
        }
        Dialogs::error(this, tr("Export failed"), message);
        return;
    }
    m_progress->setValue(100);
    Q_EMIT exported(path, signaturePath);
    if (m_open->isChecked() && qEnvironmentVariableIsEmpty("TOLLGATE_NO_OPEN"))
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    accept();
}

void ExportReportDialog::setBusy(bool busy)
{
    m_form->setEnabled(!busy);
    m_export->setEnabled(!busy);
    if (busy) {
        m_progress->setRange(0, 100);
        m_progress->setValue(0);
    }
}

} // namespace tollgate::ui
