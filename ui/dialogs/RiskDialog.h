#pragma once

#include "store/DecisionStore.h"

#include <QDialog>

class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tollgate::ui {

// Record the AO's acceptance of the risk of Open findings: who accepted it, the acceptance or POA&M
// reference, the expiry date (today or later), the recorder and a justification. OK stays disabled
// until every field is filled.
class RiskDialog : public QDialog
{
    Q_OBJECT
public:
    RiskDialog(int findingCount, const QString& reviewer, const QDate& today, QWidget* parent = nullptr);

    DecisionStore::RiskAcceptance acceptance() const;
    QString reviewer() const;
    QPushButton* okButton() const { return m_ok; }
    QLineEdit* byEdit() const { return m_by; }
    QLineEdit* referenceEdit() const { return m_reference; }
    QDateEdit* expiresEdit() const { return m_expires; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }

private:
    void updateOk();

    QLineEdit* m_by;
    QLineEdit* m_reference;
    QDateEdit* m_expires;
    QLineEdit* m_reviewer;
    QPlainTextEdit* m_reason;
    QPushButton* m_ok;
};

} // namespace tollgate::ui
