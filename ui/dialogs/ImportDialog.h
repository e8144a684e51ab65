#pragma once

#include "base/Identity.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace tollgate::ui {

class ImportJob;

// Import a cluster snapshot: the paths, a label and cluster name, strict or skip-invalid; the import
// runs off the GUI thread with a progress bar and Cancel.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(QString workspacePath, Identity identity, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void addPaths(const QStringList& paths);
    QStringList paths() const;
    qint64 importedSnapshot() const { return m_snapshotId; }
    bool isImporting() const;

public Q_SLOTS:
    void startImport();
    void cancelImport();

Q_SIGNALS:
    void imported(qint64 snapshotId);

protected:
    void reject() override;

private:
    void onFinished(bool ok, qint64 snapshotId, const QString& message, const QStringList& warnings);
    void setBusy(bool busy);

    QString m_workspacePath;
    Identity m_identity;
    QListWidget* m_paths;
    QLineEdit* m_label;
    QLineEdit* m_cluster;
    QCheckBox* m_skipInvalid;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_import;
    QPushButton* m_cancel;
    QPushButton* m_addFolder;
    QPushButton* m_addFiles;
    std::unique_ptr<ImportJob> m_job;
    qint64 m_snapshotId = 0;
};

} // namespace tollgate::ui
