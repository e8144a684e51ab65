#include "ui/dialogs/Dialogs.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>

namespace tollgate::ui {

namespace {
Dialogs::Hook& hook()
{
    static Dialogs::Hook h;
    return h;
}
} // namespace

void Dialogs::setTestHook(Hook h)
{
    hook() = std::move(h);
}

void Dialogs::error(QWidget* parent, const QString& title, const QString& text)
{
    show(Kind::Error, parent, title, text);
}

void Dialogs::warning(QWidget* parent, const QString& title, const QString& text)
{
    show(Kind::Warning, parent, title, text);
}

void Dialogs::information(QWidget* parent, const QString& title, const QString& text)
{
    show(Kind::Information, parent, title, text);
}

void Dialogs::show(Kind kind, QWidget* parent, const QString& title, const QString& text)
{
    if (hook()) {
        hook()(kind, title, text);
        return;
    }
    switch (kind) {
    case Kind::Error:
        QMessageBox::critical(parent, title, text);
        break;
    case Kind::Warning:
        QMessageBox::warning(parent, title, text);
        break;
    case Kind::Information:
        QMessageBox::information(parent, title, text);
        break;
    }
}

QPushButton* Dialogs::addRecordButtons(QDialog* dialog, QBoxLayout* layout)
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(QCoreApplication::translate("Dialogs", "Record"));
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return ok;
}

} // namespace tollgate::ui
