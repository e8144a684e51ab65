#include "ui/dialogs/ReviewDialog.h"

#include "findings/Severity.h"
#include "ui/dialogs/Dialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

ReviewDialog::ReviewDialog(int findingCount, const QString& reviewer, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review %n finding(s)", nullptr, findingCount));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The decision is kept by the finding's identity and applies to later "
                                "imports of the same finding. Every change is recorded with your name, "
                                "the operating-system user, the time and the justification."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->addItem(tr("(keep the status)"), QString());
    for (const QString& s : DecisionStore::statuses())
        m_status->addItem(s, s);
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("reviewSeverity"));
    m_severity->addItem(tr("(keep the severity)"), 0);
    for (int c = 1; c <= 3; ++c)
        m_severity->addItem(Severity::label(c), c);
    m_severity->setToolTip(tr("A severity override keeps the original severity beside the new one"));
    m_reviewer = new QLineEdit(reviewer, this);
    m_reviewer->setObjectName(QStringLiteral("reviewReviewer"));
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("reviewReason"));
    m_reason->setPlaceholderText(tr("Justification (required)"));
    form->addRow(tr("Status"), m_status);
    form->addRow(tr("Severity"), m_severity);
    form->addRow(tr("Reviewer"), m_reviewer);
    form->addRow(tr("Justification"), m_reason);
    layout->addLayout(form);
    m_ok = Dialogs::addRecordButtons(this, layout);
    connect(m_status, &QComboBox::currentIndexChanged, this, &ReviewDialog::updateOk);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &ReviewDialog::updateOk);
    connect(m_reviewer, &QLineEdit::textChanged, this, &ReviewDialog::updateOk);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &ReviewDialog::updateOk);
    updateOk();
}

DecisionStore::Review ReviewDialog::review() const
{
    DecisionStore::Review r;
    r.status = m_status->currentData().toString();
    r.severityCat = m_severity->currentData().toInt();
    r.justification = m_reason->toPlainText().trimmed();
    return r;
}

QString ReviewDialog::reviewer() const
{
    return m_reviewer->text().trimmed();
}

void ReviewDialog::updateOk()
{
    const DecisionStore::Review r = review();
    m_ok->setEnabled(!r.justification.isEmpty() && !reviewer().isEmpty() &&
                     (!r.status.isEmpty() || r.severityCat != 0));
}

} // namespace tollgate::ui
