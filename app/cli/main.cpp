#include "app/cli/Cli.h"
#include "base/Clock.h"
#include "base/Identity.h"

#include <QGuiApplication>
#include <QTextStream>
#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    // Verbs that render (graph, report) need a platform; headless by default, never a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Drawing text needs a QGuiApplication (on the offscreen platform above); other verbs stay light.
    const bool renders = argc > 1 && (qstrcmp(argv[1], "graph") == 0 || qstrcmp(argv[1], "report") == 0);
    std::unique_ptr<QCoreApplication> app;
    if (renders)
        app = std::make_unique<QGuiApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tollgate-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    tollgate::cli::CliContext ctx{
        out, err, tollgate::Clock::system(),
        tollgate::Identity::fromEnvironment(qEnvironmentVariable("TOLLGATE_REVIEWER"))};
    tollgate::cli::Cli cli;
    return cli.run(QCoreApplication::arguments(), ctx);
}
