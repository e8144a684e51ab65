// Connectivity benchmark (issue 4): on the generated cluster, the seconds to compute the flows and to
// store them, the number of equivalence classes and flows, and peak RSS; then the same at twice the
// size. Each size runs in a forked child so its peak RSS is its own. Prints figures; asserts nothing.
//   bench_flows [--pods N] [--namespaces N] [--services N] [--policies N]
#include "ChildMeasure.h"
#include "ClusterGenerator.h"
#include "base/Clock.h"
#include "base/Identity.h"
#include "import/SnapshotImporter.h"
#include "kube/ManifestLoader.h"
#include "network/ConnectivityEngine.h"
#include "network/FlowDiff.h"
#include "store/FlowStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace tollgate;

namespace {
struct Figures
{
    double diff = -1;   // FlowDiff of the two versions, when measured
    double second = -1; // compute of the changed copy
    int changes = 0;
    double compute = -1;
    double store = -1;
    int classes = 0;
    int flows = 0;
    int workloads = 0;
    long rssKb = 0;
};

Figures runOnce(const bench::ClusterGenerator::Size& size, const QString& root, bool withDiff = false)
{
    long rss = 0;
    Figures out = bench::measureInChild<Figures>(
        [&](Figures& f) {
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
                    if (withDiff) {
                        // A copy with 5% of its NetworkPolicies changed, compared with the original.
                        bench::ClusterGenerator::Size changed = size;
                        changed.variant = 1;
                        const QString dir2 = root + QStringLiteral("/json2");
                        bench::ClusterGenerator::write(dir2, changed, bench::ClusterGenerator::Format::Json);
                        auto loaded = ManifestLoader::load({dir2});
                        t.restart();
                        auto r2 = ConnectivityEngine::compute(loaded->objects);
                        f.second = t.nsecsElapsed() / 1e9;
                        t.restart();
                        const auto entries = FlowDiff::compute(r.value(), r2.value());
                        f.diff = t.nsecsElapsed() / 1e9;
                        f.changes = static_cast<int>(entries.size());
                    }
                } else {
                    std::fprintf(stderr, "compute failed: %s\n", qPrintable(r.error().toString()));
                }
            } else {
                std::fprintf(stderr, "import failed: %s\n", qPrintable(imp.error().toString()));
            }
        },
        rss);
    out.rssKb = rss;
    return out;
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
    int anps = 200;
    int ingresses = 50;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--anps"))
            anps = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--ingresses"))
            ingresses = args[i + 1].toInt();
    }
    std::printf("%-28s %8s %6s %8s %9s %8s %9s %10s %10s %11s\n", "run", "pods", "ns", "policies",
                "workloads", "classes", "flows*", "compute s", "store s", "peak RSS MB");
    double first = 0;
    auto row = [&](const char* label, const bench::ClusterGenerator::Size& s2, const Figures& f) {
        std::printf("%-28s %8d %6d %8d %9d %8d %9d %10.2f %10.2f %11.0f\n", label, s2.pods, s2.namespaces,
                    s2.policies, f.workloads, f.classes, f.flows, f.compute, f.store, f.rssKb / 1024.0);
        std::fflush(stdout);
    };
    for (int scale = 1; scale <= 2; ++scale) {
        bench::ClusterGenerator::Size s2 = size;
        s2.pods *= scale;
        s2.namespaces *= scale;
        s2.services *= scale;
        s2.policies *= scale;
        QTemporaryDir tmp;
        const Figures f = runOnce(s2, tmp.path());
        row(scale == 1 ? "NetworkPolicies" : "NetworkPolicies, 2x", s2, f);
        if (f.compute < 0)
            return 1;
        if (scale == 1)
            first = f.compute;
        else if (first > 0)
            std::printf("doubling the input cost %.2fx the compute time\n", f.compute / first);
    }
    {
        bench::ClusterGenerator::Size s2 = size;
        s2.adminPolicies = anps;
        s2.ingresses = ingresses;
        QTemporaryDir tmp;
        const Figures f = runOnce(s2, tmp.path());
        const QByteArray label =
            QStringLiteral("+%1 ANPs, BANP, %2 Ingresses").arg(anps).arg(ingresses).toUtf8();
        row(label.constData(), s2, f);
        if (f.compute < 0)
            return 1;
    }
    {
        // The mesh overlay: every namespace injected, one PeerAuthentication and two AuthorizationPolicies
        // per namespace (500 and 1,000 at the default size). Same pods and policies otherwise.
        bench::ClusterGenerator::Size s2 = size;
        s2.intraNamespace = true;
        QTemporaryDir tmpA;
        const Figures a = runOnce(s2, tmpA.path());
        row("+traffic within namespaces", s2, a);
        s2.mesh = true;
        QTemporaryDir tmp;
        const Figures f = runOnce(s2, tmp.path());
        const QByteArray label =
            QStringLiteral("  and a mesh: %1 PA, %2 AP").arg(s2.namespaces).arg(2 * s2.namespaces).toUtf8();
        row(label.constData(), s2, f);
        if (f.compute < 0 || a.compute < 0)
            return 1;
        std::printf("the mesh overlay added %.2f s, %.0f%% of the flow computation without it\n",
                    f.compute - a.compute, 100.0 * (f.compute - a.compute) / a.compute);
    }
    {
        QTemporaryDir tmp;
        const Figures f = runOnce(size, tmp.path(), true);
        std::printf(
            "diff against a copy with 5%% of its policies changed: compute %.2f s + %.2f s, diff %.2f s, "
            "%d changes; the whole diff costs %.2fx one flow computation\n",
            f.compute, f.second, f.diff, f.changes,
            f.compute > 0 ? (f.compute + f.second + f.diff) / f.compute : 0.0);
    }
    std::printf("* flows between equivalence classes (pod classes and external blocks), as stored\n");
    return 0;
}
