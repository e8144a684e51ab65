#pragma once

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tollgate::ui {

// One decision on one change (approve, reject, needs information, refer to the AO): the reviewer's
// name and a rationale, both required; OK stays disabled until they are given.
class ChangeDecisionDialog : public QDialog
{
    Q_OBJECT
public:
    ChangeDecisionDialog(const QString& verdictLabel, const QString& changeSummary, const QString& reviewer,
                         QWidget* parent = nullptr);

    QString rationale() const;
    QString reviewer() const;
    QPushButton* okButton() const { return m_ok; }
    QPlainTextEdit* rationaleEdit() const { return m_rationale; }
    QLineEdit* reviewerEdit() const { return m_reviewer; }

private:
    void updateOk();

    QLineEdit* m_reviewer;
    QPlainTextEdit* m_rationale;
    QPushButton* m_ok;
};

} // namespace tollgate::ui
