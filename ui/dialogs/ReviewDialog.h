#pragma once

#include "store/DecisionStore.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tollgate::ui {

// Review one or more findings: a status in STIG Viewer's vocabulary and/or a severity override, the
// reviewer's name and a justification. OK stays disabled until a reason (and a change) is given.
class ReviewDialog : public QDialog
{
    Q_OBJECT
public:
    ReviewDialog(int findingCount, const QString& reviewer, QWidget* parent = nullptr);

    DecisionStore::Review review() const;
    QString reviewer() const;
    QPushButton* okButton() const { return m_ok; }
    QComboBox* statusBox() const { return m_status; }
    QComboBox* severityBox() const { return m_severity; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }

private:
    void updateOk();

    QComboBox* m_status;
    QComboBox* m_severity;
    QLineEdit* m_reviewer;
    QPlainTextEdit* m_reason;
    QPushButton* m_ok;
};

} // namespace tollgate::ui
