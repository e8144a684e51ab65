// Findings import benchmark (issue 7): 100,000 vulnerability findings over 2,000 images, as 2,000
// Trivy JSON files (one import each, joined by digest to a snapshot of 2,000 Deployments) and as one
// Grype JSON file of the same size (streaming: peak memory should not follow the file size).
// Prints seconds, findings/s and peak RSS (each measured in a forked child); asserts nothing on time.
//   bench_findings [--images N] [--per-image M]
#include "ChildMeasure.h"
#include "base/Clock.h"
#include "base/Identity.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>

using namespace tollgate;

namespace {

QString digestFor(int i)
{
    return QStringLiteral("sha256:%1")
        .arg(QString::number(0x10000000ULL + static_cast<quint64>(i) * 7919, 16).repeated(8).left(64));
}

QString imageFor(int i)
{
    return QStringLiteral("registry1.dso.mil/ironbank/bench/svc-%1:1.%2.0").arg(i).arg(i % 7);
}

QByteArray vulnJson(int image, int v, bool grype)
{
    const char* sev[] = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"};
    const QString id =
        QStringLiteral("CVE-20%1-%2").arg(19 + v % 6).arg(10000 + (image * 31 + v * 17) % 40000);
    const QString pkg = QStringLiteral("pkg-%1").arg(v % 23);
    if (grype)
        return QStringLiteral(
                   "{\"vulnerability\":{\"id\":\"%1\",\"severity\":\"%2\",\"description\":\"A synthetic "
                   "advisory for the benchmark.\",\"fix\":{\"versions\":[\"2.%3.1\"],\"state\":\"fixed\"}},"
                   "\"relatedVulnerabilities\":[],\"artifact\":{\"name\":\"%4\",\"version\":\"1.%3.0\","
                   "\"type\":\"rpm\",\"purl\":\"pkg:rpm/%4@1.%3.0\",\"locations\":[{\"path\":\"/var/lib/"
                   "rpm\"}]}}")
            .arg(id, QLatin1String(sev[v % 5]))
            .arg(v)
            .arg(pkg)
            .toUtf8();
    return QStringLiteral(
               "{\"VulnerabilityID\":\"%1\",\"PkgName\":\"%2\",\"InstalledVersion\":\"1.%3.0\","
               "\"FixedVersion\":\"2.%3.1\",\"Status\":\"fixed\",\"Severity\":\"%4\",\"Title\":\"%2: a "
               "synthetic advisory for the benchmark\",\"PrimaryURL\":\"https://avd.aquasec.com/nvd/%1\","
               "\"Layer\":{\"Digest\":\"sha256:%5\"}}")
        .arg(id, pkg)
        .arg(v)
        .arg(QLatin1String(sev[v % 5]), QString(64, QLatin1Char('a')))
        .toUtf8();
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Figures
{
    double seconds = 0;
    int findings = 0;
    int joined = 0;
    int failures = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int images = 2000;
    int perImage = 50;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--images"))
            images = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--per-image"))
            perImage = args[i + 1].toInt();
    }
    QTemporaryDir dir;
    const Identity who(QStringLiteral("bench"), QStringLiteral("bench"));

    // The snapshot: one Deployment per image, pinned by digest.
    QByteArray manifests;
    for (int i = 0; i < images; ++i)
        manifests +=
            QStringLiteral("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-%1\n  "
                           "namespace: ns-%2\nspec:\n  selector:\n    matchLabels:\n      app: svc-%1\n  "
                           "template:\n    metadata:\n      labels:\n        app: svc-%1\n    spec:\n      "
                           "containers:\n      - name: app\n        image: %3@%4\n")
                .arg(i)
                .arg(i % 40)
                .arg(imageFor(i), digestFor(i))
                .toUtf8();
    QDir().mkpath(dir.filePath(QStringLiteral("snapshot")));
    QDir().mkpath(dir.filePath(QStringLiteral("scans")));
    if (!write(dir.filePath(QStringLiteral("snapshot/deployments.yaml")), manifests))
        return 2;

    QStringList files;
    qint64 trivyBytes = 0;
    for (int i = 0; i < images; ++i) {
        QByteArray doc =
            QStringLiteral(
                "{\"SchemaVersion\":2,\"ArtifactName\":\"%1@%2\",\"ArtifactType\":\"container_image\","
                "\"Metadata\":{\"ImageID\":\"sha256:%3\",\"RepoTags\":[\"%1\"],\"RepoDigests\":[\"%4@%2\"]},"
                "\"Results\":[{\"Target\":\"%1 (redhat 9.3)\",\"Class\":\"os-pkgs\",\"Type\":\"redhat\","
                "\"Vulnerabilities\":[")
                .arg(imageFor(i), digestFor(i), QString(64, QLatin1Char('c')),
                     imageFor(i).section(QLatin1Char(':'), 0, 0))
                .toUtf8();
        for (int v = 0; v < perImage; ++v) {
            if (v)
                doc += ',';
            doc += vulnJson(i, v, false);
        }
        doc += "]}]}\n";
        const QString path = dir.filePath(QStringLiteral("scans/trivy-%1.json").arg(i));
        if (!write(path, doc))
            return 2;
        trivyBytes += doc.size();
        files << path;
    }
    // One Grype file with every finding, for one image (the streaming case).
    const QString grypePath = dir.filePath(QStringLiteral("scans/all.grype.json"));
    {
        QFile f(grypePath);
        if (!f.open(QIODevice::WriteOnly))
            return 2;
        f.write("{\"matches\":[");
        for (int n = 0; n < images * perImage; ++n) {
            if (n)
                f.write(",");
            f.write(vulnJson(n / perImage, n % perImage, true));
        }
        f.write(
            QStringLiteral(
                "],\"source\":{\"type\":\"image\",\"target\":{\"userInput\":\"%1\",\"manifestDigest\":\"%2\","
                "\"tags\":[\"%1\"]}},\"descriptor\":{\"name\":\"grype\",\"version\":\"0.74.0\"}}\n")
                .arg(imageFor(0), digestFor(0))
                .toUtf8());
    }
    const qint64 grypeBytes = QFileInfo(grypePath).size();

    const QString wsPath = dir.filePath(QStringLiteral("bench.tollgate"));
    {
        auto ws = Workspace::create(wsPath, Clock::system(), who);
        if (!ws)
            return 2;
        auto snap = SnapshotImporter(*ws.value(), {}).run({dir.filePath(QStringLiteral("snapshot"))});
        if (!snap) {
            std::fprintf(stderr, "snapshot import failed: %s\n", qPrintable(snap.error().toString()));
            return 2;
        }
    }
    const QString copy = dir.filePath(QStringLiteral("copy.tollgate"));
    QFile::copy(wsPath, copy);

    long rssTrivy = 0;
    const Figures trivy = bench::measureInChild<Figures>(
        [&](Figures& f) {
            auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadWrite, Clock::system(), who);
            if (!ws)
                return;
            QElapsedTimer t;
            t.start();
            ScanImporter importer(*ws.value());
            for (const auto& r : importer.importFiles(files)) {
                if (!r) {
                    ++f.failures;
                    continue;
                }
                f.findings += r->findings;
                f.joined += r->joined;
            }
            f.seconds = t.nsecsElapsed() / 1e9;
        },
        rssTrivy);
    long rssGrype = 0;
    const Figures grype = bench::measureInChild<Figures>(
        [&](Figures& f) {
            auto ws = Workspace::open(copy, Workspace::OpenMode::ReadWrite, Clock::system(), who);
            if (!ws)
                return;
            QElapsedTimer t;
            t.start();
            auto r = ScanImporter(*ws.value()).importFile(grypePath);
            if (!r) {
                std::fprintf(stderr, "grype import failed: %s\n", qPrintable(r.error().toString()));
                ++f.failures;
                return;
            }
            f.findings = r->findings;
            f.joined = r->joined;
            f.seconds = t.nsecsElapsed() / 1e9;
        },
        rssGrype);

    std::printf("findings import: %d images x %d vulnerabilities\n", images, perImage);
    std::printf(
        "  %d Trivy files (%.1f MB): %d findings, %d joined, %.2f s, %.0f findings/s, peak RSS %.0f MB%s\n",
        images, trivyBytes / 1e6, trivy.findings, trivy.joined, trivy.seconds,
        trivy.seconds > 0 ? trivy.findings / trivy.seconds : 0.0, rssTrivy / 1024.0,
        trivy.failures ? " (FAILURES)" : "");
    std::printf("  1 Grype file (%.1f MB): %d findings, %.2f s, %.0f findings/s, peak RSS %.0f MB%s\n",
                grypeBytes / 1e6, grype.findings, grype.seconds,
                grype.seconds > 0 ? grype.findings / grype.seconds : 0.0, rssGrype / 1024.0,
                grype.failures ? " (FAILURES)" : "");
    const int expected = images * perImage;
    return trivy.failures == 0 && grype.failures == 0 && trivy.findings == expected &&
                   grype.findings == expected
               ? 0
               : 1;
}
