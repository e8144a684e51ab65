// Controls benchmark (issue 9): every control of the built-in catalog on the generated cluster
// (10,000 pods in 500 namespaces with Services and NetworkPolicies, a mesh), timed without storing,
// then run and recorded. Prints seconds, findings and peak RSS; asserts nothing on time.
//   bench_controls [--pods N] [--namespaces N] [--services N] [--policies N]
#include "ChildMeasure.h"
#include "ClusterGenerator.h"
#include "base/Clock.h"
#include "base/Identity.h"
#include "controls/ControlRunner.h"
#include "import/SnapshotImporter.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace tollgate;

namespace {
struct Figures
{
    double evaluate = 0;
    double record = 0;
    int findings = 0;
    int open = 0;
    int workloads = 0;
};
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    bench::ClusterGenerator::Size size;
    size.mesh = true;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
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
    QTemporaryDir root;
    long rss = 0;
    const Figures f = bench::measureInChild<Figures>(
        [&](Figures& out) {
            const QString dir = root.filePath(QStringLiteral("json"));
            bench::ClusterGenerator::write(dir, size, bench::ClusterGenerator::Format::Json);
            auto ws = Workspace::create(root.filePath(QStringLiteral("ws.tollgate")), Clock::system(),
                                        Identity::fromEnvironment());
            if (!ws)
                return;
            auto imp = SnapshotImporter(*ws.value(), {}).run({dir});
            if (!imp) {
                std::fprintf(stderr, "import failed: %s\n", qPrintable(imp.error().toString()));
                return;
            }
            out.workloads = imp->workloads;
            auto catalog = ControlCatalog::builtIn();
            ControlRunner runner(*ws.value(), catalog.value(), Tailoring());
            QElapsedTimer t;
            t.start();
            auto findings = runner.evaluate(imp->snapshotId);
            out.evaluate = t.nsecsElapsed() / 1e9;
            if (!findings)
                return;
            out.findings = static_cast<int>(findings->size());
            for (const Finding& x : findings.value())
                out.open += x.result == QLatin1String("Open");
            t.restart();
            auto run = runner.run(imp->snapshotId);
            out.record = t.nsecsElapsed() / 1e9;
            if (!run)
                std::fprintf(stderr, "run failed: %s\n", qPrintable(run.error().toString()));
        },
        rss);
    std::printf("controls: %d pods, %d namespaces, %d services, %d policies, mesh: %d top-level workloads\n",
                size.pods, size.namespaces, size.services, size.policies, f.workloads);
    std::printf("  evaluate all 30 controls: %.2f s, %d results (%d Open)\n", f.evaluate, f.findings, f.open);
    std::printf("  evaluate again and record as findings (joins, history, audit): %.2f s\n", f.record);
    std::printf("  peak RSS %.0f MB\n", rss / 1024.0);
    return f.findings > 0 ? 0 : 1;
}
