#pragma once

#include <QString>
#include <functional>

class QWidget;

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
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void information(QWidget* parent, const QString& title, const QString& text);

    // Tests install a hook; while set, no dialog is shown.
    static void setTestHook(Hook hook);

private:
    static void show(Kind kind, QWidget* parent, const QString& title, const QString& text);
};

} // namespace tollgate::ui
