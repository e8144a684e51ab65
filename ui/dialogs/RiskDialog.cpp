#include "ui/dialogs/RiskDialog.h"

#include "ui/dialogs/Dialogs.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

RiskDialog::RiskDialog(int findingCount, const QString& reviewer, const QDate& today, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("riskDialog"));
    setWindowTitle(tr("Accept the risk of %n finding(s)", nullptr, findingCount));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A risk acceptance is a record on an Open finding, not a status: the "
                                "finding stays Open and exports with the reference. The Authorizing "
                                "Official accepts the risk; it is flagged once it expires."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_by = new QLineEdit(this);
    m_by->setObjectName(QStringLiteral("riskBy"));
    m_by->setPlaceholderText(tr("The AO who accepted the risk"));
    m_reference = new QLineEdit(this);
    m_reference->setObjectName(QStringLiteral("riskReference"));
    m_reference->setPlaceholderText(tr("Acceptance or POA&M reference"));
    m_expires = new QDateEdit(today.addDays(90), this);
    m_expires->setObjectName(QStringLiteral("riskExpires"));
    m_expires->setMinimumDate(today);
    m_expires->setCalendarPopup(true);
    m_expires->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_reviewer = new QLineEdit(reviewer, this);
    m_reviewer->setObjectName(QStringLiteral("riskReviewer"));
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("riskReason"));
    m_reason->setPlaceholderText(tr("Justification (required)"));
    form->addRow(tr("Accepted by"), m_by);
    form->addRow(tr("Reference"), m_reference);
    form->addRow(tr("Expires"), m_expires);
    form->addRow(tr("Recorded by"), m_reviewer);
    form->addRow(tr("Justification"), m_reason);
    layout->addLayout(form);
    m_ok = Dialogs::addRecordButtons(this, layout);
    for (QLineEdit* e : {m_by, m_reference, m_reviewer})
        connect(e, &QLineEdit::textChanged, this, &RiskDialog::updateOk);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &RiskDialog::updateOk);
    updateOk();
}

DecisionStore::RiskAcceptance RiskDialog::acceptance() const
{
    DecisionStore::RiskAcceptance a;
    a.by = m_by->text().trimmed();
    a.reference = m_reference->text().trimmed();
    a.expires = m_expires->date();
    a.justification = m_reason->toPlainText().trimmed();
    return a;
}

QString RiskDialog::reviewer() const
{
    return m_reviewer->text().trimmed();
}

void RiskDialog::updateOk()
{
    const DecisionStore::RiskAcceptance a = acceptance();
    m_ok->setEnabled(!a.by.isEmpty() && !a.reference.isEmpty() && !a.justification.isEmpty() &&
                     !reviewer().isEmpty());
}

} // namespace tollgate::ui
