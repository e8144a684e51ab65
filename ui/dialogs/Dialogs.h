#pragma once

#include <QString>
#include <functional>

class QWidget;

class QBoxLayout;
class QDialog;
class QPushButton;

namespace tollgate::ui {

// Every message box goes through here, so GUI tests can record messages instead of blocking on a modal.
class Dialogs
{
public:
    enum class Kind
    {
        Information,
        Warning,
        Error
    };
    using Hook = std::function<void(Kind, const QString& title, const QString& text)>;

    static void error(QWidget* parent, const QString& title, const QString& text);
    // Record and Cancel at the bottom of a decision dialog (accept and reject wired); returns Record,
    // which the dialog enables once its required fields are filled.
    static QPushButton* addRecordButtons(QDialog* dialog, QBoxLayout* layout);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void information(QWidget* parent, const QString& title, const QString& text);

    // Tests install a hook; while set, no dialog is shown.
    static void setTestHook(Hook hook);

private:
    static void show(Kind kind, QWidget* parent, const QString& title, const QString& text);
};

} // namespace tollgate::ui
