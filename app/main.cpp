// tollgate: the desktop GUI. `tollgate [WS] [--page NAME] [--screenshot FILE.png]`.
#include "ui/MainWindow.h"
#include "ui/pages/Page.h"
#include "ui/widgets/Icons.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

namespace {
bool hasArg(int argc, char* argv[], const char* name)
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], name) == 0 || QByteArray(argv[i]).startsWith(QByteArray(QByteArray(name) + "=")))
            return true;
    return false;
}
} // namespace

int main(int argc, char* argv[])
{
    const bool screenshot = hasArg(argc, argv, "--screenshot");
    const bool help = hasArg(argc, argv, "--help") || hasArg(argc, argv, "-h");
    if ((screenshot || help) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // render without a display
    if (!screenshot && !help && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
        qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::fprintf(stderr,
                     "tollgate: no display is available (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                     "Use the command line instead, for example:\n"
                     "  tollgate-cli inventory WS\n"
                     "or render a page to a picture: tollgate WS --page inventory --screenshot out.png\n");
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tollgate"));
    QApplication::setOrganizationName(QStringLiteral("Tollgate"));
    QApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tollgate"));
    tollgate::ui::Icons::initResources();
    QApplication::setWindowIcon(tollgate::ui::Icons::app());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tollgate: offline review workbench for the ISSO."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("A workspace (.tollgate) to open."),
                                 QStringLiteral("[WS]"));
    parser.addOption(
        {QStringLiteral("page"),
         QStringLiteral("Page to show: inventory, findings, dashboard, graph, flows, changes, reports."),
         QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id to show (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Render the window offscreen after loading, save it as PNG and exit."),
                      QStringLiteral("FILE.png")});
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "tollgate: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("tollgate %s\n", TOLLGATE_VERSION);
        return 0;
    }

    tollgate::ui::MainWindow window;
    const QStringList pos = parser.positionalArguments();
    if (!pos.isEmpty() && !window.openWorkspace(pos.first()))
        return screenshot ? 2 : app.exec();
    if (parser.isSet(QStringLiteral("snapshot")))
        window.selectSnapshot(parser.value(QStringLiteral("snapshot")).toLongLong());
    if (parser.isSet(QStringLiteral("page")) && !window.setPage(parser.value(QStringLiteral("page")))) {
        std::fprintf(stderr, "tollgate: unknown page '%s' (one of: %s)\n",
                     qPrintable(parser.value(QStringLiteral("page"))),
                     qPrintable(window.pageIds().join(QStringLiteral(", "))));
        return 2;
    }
    if (screenshot) {
        window.resize(1440, 900);
        window.show();
        const QString out = parser.value(QStringLiteral("screenshot"));
        int rc = 0;
        // Let the page finish (a graph layout runs on its own thread), up to 60 s.
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 60000 && window.currentPage() && window.currentPage()->isBusy())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QTimer::singleShot(300, &window, [&] {
            const QPixmap shot = window.grab();
            if (!shot.save(out, "PNG")) {
                std::fprintf(stderr, "tollgate: cannot write %s\n", qPrintable(out));
                rc = 2;
            } else {
                std::printf("%s\n", qPrintable(out));
            }
            app.quit();
        });
        app.exec();
        return rc;
    }
    window.show();
    return app.exec();
}
