#include "ui/dialogs/ImportDialog.h"

#include "ui/dialogs/Dialogs.h"
#include "ui/jobs/ImportJob.h"
#include "ui/widgets/Icons.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

ImportDialog::ImportDialog(QString workspacePath, Identity identity, QWidget* parent)
    : QDialog(parent), m_workspacePath(std::move(workspacePath)), m_identity(std::move(identity))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import snapshot or scans"));
    setWindowIcon(Icons::get("import"));
    resize(640, 420);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Manifests to import as one snapshot (folders are read recursively; YAML, "
                      "JSON and .tar.gz), and scan results (Trivy, Grype, trivy-operator, CycloneDX, SPDX, "
                      "in-toto), told apart by their content. Scans join the new snapshot, or the newest:"),
                   this));
    m_paths = new QListWidget(this);
    m_paths->setObjectName(QStringLiteral("importPaths"));
    layout->addWidget(m_paths, 1);

    auto* pathButtons = new QHBoxLayout;
    m_addFolder = new QPushButton(tr("Add &folder..."), this);
    m_addFiles = new QPushButton(tr("Add f&iles..."), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    pathButtons->addWidget(m_addFolder);
    pathButtons->addWidget(m_addFiles);
    pathButtons->addWidget(remove);
    pathButtons->addStretch();
    layout->addLayout(pathButtons);

    auto* form = new QFormLayout;
    m_label = new QLineEdit(this);
    m_label->setObjectName(QStringLiteral("importLabel"));
    m_label->setPlaceholderText(tr("default: the first path's name"));
    m_cluster = new QLineEdit(this);
    m_cluster->setObjectName(QStringLiteral("importCluster"));
    m_cluster->setPlaceholderText(QStringLiteral("default"));
    m_skipInvalid = new QCheckBox(tr("Skip invalid documents and record them with the snapshot"), this);
    m_skipInvalid->setObjectName(QStringLiteral("importSkipInvalid"));
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Cluster:"), m_cluster);
    form->addRow(QString(), m_skipInvalid);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importStart"));
    m_import->setIcon(Icons::get("import"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    layout->addWidget(buttons);

    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Add manifest folder"));
        if (!d.isEmpty())
            addPaths({d});
    });
    connect(m_addFiles, &QPushButton::clicked, this, [this] {
        addPaths(QFileDialog::getOpenFileNames(
            this, tr("Add manifest files"), QString(),
            tr("Manifests and scans (*.yaml *.yml *.json *.jsonl *.tar.gz *.tgz);;All files (*)")));
    });
    connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(m_paths->selectedItems()); });
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::addPaths(const QStringList& paths)
{
    for (const QString& p : paths)
        if (!p.isEmpty() && m_paths->findItems(p, Qt::MatchExactly).isEmpty())
            m_paths->addItem(p);
}

QStringList ImportDialog::paths() const
{
    QStringList out;
    for (int i = 0; i < m_paths->count(); ++i)
        out << m_paths->item(i)->text();
    return out;
}

bool ImportDialog::isImporting() const
{
    return m_job && m_job->isRunning();
}

void ImportDialog::startImport()
{
    if (m_job)
        return;
    if (paths().isEmpty()) {
        m_status->setText(tr("Add at least one folder or file to import."));
        return;
    }
    SnapshotImporter::Options opt;
    opt.label = m_label->text().trimmed();
    opt.cluster = m_cluster->text().trimmed();
    opt.skipInvalid = m_skipInvalid->isChecked();
    m_job = std::make_unique<ImportJob>(m_workspacePath, paths(), opt, m_identity);
    connect(m_job.get(), &ImportJob::progress, this, [this](int done, int total, const QString& path) {
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(done);
        m_status->setText(path.isEmpty() ? tr("Writing the snapshot...") : tr("Reading %1").arg(path));
    });
    connect(m_job.get(), &ImportJob::finished, this, &ImportDialog::onFinished);
    setBusy(true);
    m_status->setText(tr("Starting..."));
    m_job->start();
}

void ImportDialog::cancelImport()
{
    if (m_job) {
        m_status->setText(tr("Cancelling..."));
        m_job->cancel();
    }
}

void ImportDialog::reject()
{
    if (m_job) {
        cancelImport();
        return; // closes when the job reports back
    }
    QDialog::reject();
}

void ImportDialog::onFinished(bool ok, qint64 snapshotId, const QString& message, const QStringList& warnings)
{
    m_job.reset();
    setBusy(false);
    if (!ok) {
        m_progress->setValue(0);
        m_status->setText(message);
        if (message.contains(QLatin1String("cancelled"))) {
            QDialog::reject();
            return;
        }
        Dialogs::error(this, tr("Import failed"), message);
        if (snapshotId > 0 || message.contains(QLatin1String("Not imported")))
            Q_EMIT imported(snapshotId); // what did import is shown
        return;
    }
    m_snapshotId = snapshotId;
    m_progress->setValue(m_progress->maximum());
    m_status->setText(message);
    if (!warnings.isEmpty())
        Dialogs::warning(
            this, tr("Imported with warnings"),
            message + QStringLiteral("\n\n") + warnings.mid(0, 30).join(QLatin1Char('\n')) +
                (warnings.size() > 30 ? tr("\n... and %1 more").arg(warnings.size() - 30) : QString()));
    Q_EMIT imported(snapshotId);
    accept();
}

void ImportDialog::setBusy(bool busy)
{
    m_import->setEnabled(!busy);
    m_addFolder->setEnabled(!busy);
    m_addFiles->setEnabled(!busy);
    m_label->setEnabled(!busy);
    m_cluster->setEnabled(!busy);
    m_skipInvalid->setEnabled(!busy);
    if (busy)
        m_progress->setRange(0, 0);
}

} // namespace tollgate::ui
