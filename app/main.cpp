#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationName(QStringLiteral("Tollgate"));
    QApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    tollgate::ui::MainWindow w;
    w.show();
    return app.exec();
}
