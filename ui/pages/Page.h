#pragma once

#include <QIcon>
#include <QWidget>

namespace tollgate {
class Workspace;
}

namespace tollgate::ui {

// One page of the main window, reached from the side bar.
class Page : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual QString pageId() const = 0; // "inventory", used by --page
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;
    // The workspace (null when none is open) and the snapshot the user is looking at (0 for none).
    virtual void setContext(Workspace* ws, qint64 snapshotId) = 0;
    // Still working (a layout, a load): --screenshot waits until the page is done.
    virtual bool isBusy() const { return false; }
};

} // namespace tollgate::ui
