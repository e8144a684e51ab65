// Connectivity benchmark (issue 4): on the generated cluster, the seconds to compute the flows and to
// store them, the number of equivalence classes and flows, and peak RSS; then the same at twice the
// size. Each size runs in a forked child so its peak RSS is its own. Prints figures; asserts nothing.
//   bench_flows [--pods N] [--namespaces N] [--services N] [--policies N]
#include "Clock.h"
#include "ClusterGenerator.h"
#include "ConnectivityEngine.h"
#include "FlowStore.h"
#include "Identity.h"
#include "SnapshotImporter.h"
#include "SnapshotStore.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tollgate;

namespace {
struct Figures
{
    double compute = -1;
    double store = -1;
    int classes = 0;
    int flows = 0;
    int workloads = 0;
    long rssKb = 0;
};

Figures runOnce(const bench::ClusterGenerator::Size& size, const QString& root)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Figures f;
        const QString dir = root + QStringLiteral("/json");
        bench::ClusterGenerator::write(dir, size, bench::ClusterGenerator::Format::Json);
        auto ws = Workspace::create(root + QStringLiteral("/ws.tollgate"), Clock::system(),
                                    Identity::fromEnvironment());
        auto imp = ws ? SnapshotImporter(*ws.value(), {}).run({dir})
                      : Result<SnapshotImporter::Report>(Error(QStringLiteral("no workspace")));
        if (imp) {
            auto objects = SnapshotStore(*ws.value()).objects(imp->snapshotId);
            QElapsedTimer t;
            t.start();
            auto r = ConnectivityEngine::compute(objects.value());
            f.compute = t.nsecsElapsed() / 1e9;
            if (r) {
                f.classes = static_cast<int>(r->classes.size());
                f.flows = static_cast<int>(r->flows.size());
                f.workloads = r->workloads;
                t.restart();
                if (FlowStore(*ws.value()).save(imp->snapshotId, r.value()))
                    f.store = t.nsecsElapsed() / 1e9;
            } else {
                std::fprintf(stderr, "compute failed: %s\n", qPrintable(r.error().toString()));
            }
        } else {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(imp.error().toString()));
        }
        (void)!write(fds[1], &f, sizeof f);
        _exit(0);
    }
    close(fds[1]);
    Figures f;
    (void)!read(fds[0], &f, sizeof f);
    close(fds[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    f.rssKb = ru.ru_maxrss;
    return f;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    bench::ClusterGenerator::Size size;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const int v = args[i + 1].toInt();
        if (args[i] == QLatin1String("--pods"))
            size.pods = v;
        else if (args[i] == QLatin1String("--namespaces"))
            size.namespaces = v;
        else if (args[i] == QLatin1String("--services"))
            size.services = v;
        else if (args[i] == QLatin1String("--policies"))
            size.policies = v;
    }
    std::printf("%8s %6s %8s %9s %8s %9s %10s %10s %11s\n", "pods", "ns", "policies", "workloads", "classes",
                "flows*", "compute s", "store s", "peak RSS MB");
    double first = 0;
    for (int scale = 1; scale <= 2; ++scale) {
        bench::ClusterGenerator::Size s = size;
        s.pods *= scale;
        s.namespaces *= scale;
        s.services *= scale;
        s.policies *= scale;
        QTemporaryDir tmp;
        const Figures f = runOnce(s, tmp.path());
        std::printf("%8d %6d %8d %9d %8d %9d %10.2f %10.2f %11.0f\n", s.pods, s.namespaces, s.policies,
                    f.workloads, f.classes, f.flows, f.compute, f.store, f.rssKb / 1024.0);
        std::fflush(stdout);
        if (f.compute < 0)
            return 1;
        if (scale == 1)
            first = f.compute;
        else if (first > 0)
            std::printf("doubling the input cost %.2fx the compute time\n", f.compute / first);
    }
    std::printf("* flows between equivalence classes (pod classes and external blocks), as stored\n");
    return 0;
}
