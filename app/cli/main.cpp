#include "Cli.h"
#include "Clock.h"
#include "Identity.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

int main(int argc, char* argv[])
{
    // Verbs that render (graph, report) need a platform; headless by default, never a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QCoreApplication app(argc, argv);
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
