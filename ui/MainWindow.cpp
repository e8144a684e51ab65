#include "MainWindow.h"

#include <QLabel>

namespace tollgate::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Tollgate"));
    auto* label = new QLabel(tr("Open a workspace to begin."), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1280, 800);
}

} // namespace tollgate::ui
