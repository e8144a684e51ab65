#include "ui/dialogs/ChangeDecisionDialog.h"

#include "ui/dialogs/Dialogs.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

ChangeDecisionDialog::ChangeDecisionDialog(const QString& verdictLabel, const QString& changeSummary,
                                           const QString& reviewer, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("changeDecisionDialog"));
    setWindowTitle(tr("%1: security impact analysis").arg(verdictLabel));
    auto* layout = new QVBoxLayout(this);
    auto* change = new QLabel(changeSummary, this);
    change->setWordWrap(true);
    change->setStyleSheet(QStringLiteral("font-weight: bold;"));
    layout->addWidget(change);
    auto* intro = new QLabel(tr("The decision is recorded with your name, the operating-system user, the "
                                "UTC time and the rationale, in the append-only audit log."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    form->addRow(tr("Decision"), new QLabel(verdictLabel, this));
    m_reviewer = new QLineEdit(reviewer, this);
    m_reviewer->setObjectName(QStringLiteral("changeReviewer"));
    m_rationale = new QPlainTextEdit(this);
    m_rationale->setObjectName(QStringLiteral("changeRationale"));
    m_rationale->setPlaceholderText(tr("Rationale (required)"));
    form->addRow(tr("Reviewer"), m_reviewer);
    form->addRow(tr("Rationale"), m_rationale);
    layout->addLayout(form);
    m_ok = Dialogs::addRecordButtons(this, layout);
    connect(m_reviewer, &QLineEdit::textChanged, this, &ChangeDecisionDialog::updateOk);
    connect(m_rationale, &QPlainTextEdit::textChanged, this, &ChangeDecisionDialog::updateOk);
    updateOk();
}

QString ChangeDecisionDialog::rationale() const
{
    return m_rationale->toPlainText().trimmed();
}

QString ChangeDecisionDialog::reviewer() const
{
    return m_reviewer->text().trimmed();
}

void ChangeDecisionDialog::updateOk()
{
    m_ok->setEnabled(!rationale().isEmpty() && !reviewer().isEmpty());
}

} // namespace tollgate::ui
