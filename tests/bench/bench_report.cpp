// Report benchmark (issue 14): a signed PDF review report of the generated cluster (10,000 pods in 500
// namespaces with Services, NetworkPolicies and a mesh) carrying 100,000 imported vulnerability
// findings. The first report is timed on its own (it runs the controls, computes the flows and lays
// the diagram out; later reports reuse those caches), then Google Benchmark times the report as an
// ISSO re-exports it. Prints seconds, pages and MB; asserts nothing on time.
//   bench_report [--pods N] [--namespaces N] [--findings N] [--iterations N] [--keep FILE.pdf]
//                [benchmark flags]
#include "ClusterGenerator.h"
#include "base/Clock.h"
#include "base/Identity.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "reports/pdf/PdfReport.h"
#include "reports/publish/ReportWriter.h"
#include "reports/signing/CmsSignature.h"
#include "reports/signing/KeyGenerator.h"
#include "reports/signing/SigningIdentity.h"
#include "store/FlowStore.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <memory>

using namespace tollgate;

namespace {

struct Setup
{
    std::unique_ptr<Workspace> ws;
    std::optional<SigningIdentity> identity;
    QString out;
};
Setup* g_setup = nullptr;

QByteArray grypeMatch(int n)
{
    const char* sev[] = {"Critical", "High", "Medium", "Low", "Negligible"};
    return QStringLiteral(
               "{\"vulnerability\":{\"id\":\"CVE-20%1-%2\",\"severity\":\"%3\",\"description\":\"A "
               "synthetic advisory.\",\"fix\":{\"versions\":[\"2.%4.1\"],\"state\":\"fixed\"}},"
               "\"relatedVulnerabilities\":[],\"artifact\":{\"name\":\"pkg-%5\",\"version\":\"1.%4.0\","
               "\"type\":\"rpm\",\"purl\":\"pkg:rpm/pkg-%5@1.%4.0\",\"locations\":[{\"path\":\"/var/lib/"
               "rpm\"}]}}")
        .arg(19 + n % 6)
        .arg(10000 + n % 90000)
        .arg(QLatin1String(sev[n % 5]))
        .arg(n % 97)
        .arg(n % 4999)
        .toUtf8();
}

bool prepare(const QString& dir, const bench::ClusterGenerator::Size& size, int findings, Setup& s)
{
    QElapsedTimer t;
    t.start();
    const QString manifests = dir + QStringLiteral("/cluster");
    bench::ClusterGenerator::write(manifests, size, bench::ClusterGenerator::Format::Json);
    auto ws = Workspace::create(dir + QStringLiteral("/bench.tollgate"), Clock::system(),
                                Identity(QStringLiteral("Bench ISSO"), QStringLiteral("bench")));
    if (!ws)
        return false;
    s.ws = std::move(ws).value();
    auto snap = SnapshotImporter(*s.ws, {}).run({manifests});
    if (!snap) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(snap.error().toString()));
        return false;
    }
    // One Grype report with every finding, for an image that is not deployed: the generated cluster
    // shares six digests among its 2,000 workloads, so 100,000 findings joined to one of them would
    // make 33 million finding-workload joins, which no real cluster has.
    const QString grype = dir + QStringLiteral("/all.grype.json");
    {
        QFile f(grype);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write("{\"matches\":[");
        for (int n = 0; n < findings; ++n) {
            if (n)
                f.write(",");
            f.write(grypeMatch(n));
        }
        f.write("],\"source\":{\"type\":\"image\",\"target\":{\"userInput\":\"registry.example/bench:1\","
                "\"manifestDigest\":\"sha256:" +
                QByteArray(64, '0') +
                "\",\"tags\":[\"registry.example/bench:1\"]}},\"descriptor\":{\"name\":\"grype\",\"version\":"
                "\"0.74.0\"}}\n");
    }
    ScanImporter importer(*s.ws);
    importer.setSnapshot(snap->snapshotId);
    auto scan = importer.importFile(grype);
    if (!scan) {
        std::fprintf(stderr, "scan import failed: %s\n", qPrintable(scan.error().toString()));
        return false;
    }
    auto keys = KeyGenerator::generate(QStringLiteral("CN=Bench ISSO"));
    if (!keys)
        return false;
    auto id = SigningIdentity::fromPem(keys->signerPem, keys->signerKeyPem);
    if (!id)
        return false;
    s.identity.emplace(std::move(id).value());
    s.out = dir + QStringLiteral("/report.pdf");
    std::printf("setup (generate, import, scan import): %d pods, %d namespaces, %d workloads, %d findings "
                "imported in %.1f s\n",
                size.pods, size.namespaces, snap->workloads, scan->findings, t.nsecsElapsed() / 1e9);
    return true;
}

Result<ReportWriter::Written> writeReport(Setup& s)
{
    ReportWriter::Request r;
    r.report.recommendation = QStringLiteral("Benchmark: approve with conditions.");
    r.report.residualRisk = QStringLiteral("Moderate");
    r.outPath = s.out;
    r.identity = &*s.identity;
    return ReportWriter::write(*s.ws, r);
}

void BM_SignedPdfReport(benchmark::State& state)
{
    qint64 bytes = 0;
    for (auto _ : state) {
        auto w = writeReport(*g_setup);
        if (!w) {
            state.SkipWithError(qPrintable(w.error().toString()));
            return;
        }
        bytes = w->bytes;
    }
    state.counters["MB"] = bytes / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // drawing text into a PDF needs one
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    bench::ClusterGenerator::Size size;
    size.mesh = true;
    int findings = 100000;
    int iterations = 2;
    QString keep; // --keep FILE.pdf: a copy of the last report, to look at
    // Our flags first; what is left goes to Google Benchmark.
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (i + 1 < argc && a == "--pods")
            size.pods = QByteArray(argv[++i]).toInt();
        else if (i + 1 < argc && a == "--namespaces")
            size.namespaces = QByteArray(argv[++i]).toInt();
        else if (i + 1 < argc && a == "--findings")
            findings = QByteArray(argv[++i]).toInt();
        else if (i + 1 < argc && a == "--iterations")
            iterations = QByteArray(argv[++i]).toInt();
        else if (i + 1 < argc && a == "--keep")
            keep = QString::fromLocal8Bit(argv[++i]);
        else
            rest.push_back(argv[i]);
    }
    size.services = size.pods / 5;
    size.policies = size.pods * 3 / 10;
    QTemporaryDir dir;
    Setup setup;
    if (!prepare(dir.path(), size, findings, setup))
        return 1;
    g_setup = &setup;

    // The parts of one report, cold: the model (runs the controls, reads the flows, lays the diagram
    // out; all cached for later reports), the model again (warm), the PDF, and the signature.
    QElapsedTimer t;
    t.start();
    ReviewReport::Options options;
    options.recommendation = QStringLiteral("Benchmark: approve with conditions.");
    auto cold = ReviewReport::build(*setup.ws, options);
    const double coldS = t.nsecsElapsed() / 1e9;
    if (!cold) {
        std::fprintf(stderr, "report failed: %s\n", qPrintable(cold.error().toString()));
        return 1;
    }
    std::printf("report model, cold (controls run, flows, diagram layout): %.2f s\n", coldS);
    std::fflush(stdout);
    t.restart();
    ReviewReport::Diagram diagram;
    options.diagramSvg = false; // as ReportWriter builds it for a PDF
    auto model = ReviewReport::build(*setup.ws, options, &diagram);
    const double modelS = t.nsecsElapsed() / 1e9;
    if (!model)
        return 1;
    std::optional<reports::GraphPainter> painter;
    if (diagram.valid)
        painter.emplace(diagram.graph, diagram.positions, diagram.options);
    t.restart();
    reports::PdfReport::Options pdfOptions;
    pdfOptions.diagram = painter ? &*painter : nullptr;
    auto pdf = reports::PdfReport::render(model.value(), pdfOptions);
    const double pdfS = t.nsecsElapsed() / 1e9;
    if (!pdf)
        return 1;
    t.restart();
    auto sig = CmsSignature::sign(pdf.value(), *setup.identity);
    const double signS = t.nsecsElapsed() / 1e9;
    std::printf("report model, warm: %.2f s (%d controls, %d inventory rows, %d diagram nodes); PDF: %.2f s, "
                "%.1f MB; signature: %.3f s\n",
                modelS, static_cast<int>(model->value(QLatin1String("controls")).toArray().size()),
                static_cast<int>(model->value(QLatin1String("inventory")).toArray().size()),
                model->value(QLatin1String("diagram")).toObject().value(QLatin1String("nodes")).toInt(), pdfS,
                pdf->size() / 1e6, sig ? signS : -1.0);
    std::fflush(stdout);

    benchmark::RegisterBenchmark("signed_pdf_report", BM_SignedPdfReport)
        ->Unit(benchmark::kSecond)
        ->Iterations(iterations)
        ->UseRealTime();
    int bargc = static_cast<int>(rest.size());
    benchmark::Initialize(&bargc, rest.data());
    if (benchmark::ReportUnrecognizedArguments(bargc, rest.data()))
        return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!keep.isEmpty()) {
        QFile::remove(keep);
        QFile::copy(setup.out, keep);
    }
    // The report and its signature are on disk.
    return QFile::exists(setup.out) && QFile::exists(setup.out + QStringLiteral(".p7s")) ? 0 : 1;
}
