// Import benchmark (issue 3): generates a synthetic cluster as YAML and as JSON, then prints input MB,
// import seconds, MB/s and peak RSS of the import (measured in a forked child), and the time to merely
// parse the same files with yaml-cpp and with QJsonDocument, as ratios. Prints figures; asserts nothing
// about time.
//   bench_import [--pods N] [--namespaces N] [--services N] [--policies N] [--keep DIR]
#include "ChildMeasure.h"
#include "ClusterGenerator.h"
#include "base/Clock.h"
#include "base/Identity.h"
#include "import/SnapshotImporter.h"
#include "io/SourceReader.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstdio>
#include <yaml-cpp/yaml.h>

using namespace tollgate;

namespace {
QStringList filesIn(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

double bareYaml(const QStringList& files)
{
    QElapsedTimer t;
    t.start();
    size_t docs = 0;
    for (const QString& f : files) {
        QFile file(f);
        file.open(QIODevice::ReadOnly);
        const QByteArray b = file.readAll();
        docs += YAML::LoadAll(b.toStdString()).size();
    }
    if (!docs)
        std::fprintf(stderr, "no YAML documents parsed\n");
    return t.nsecsElapsed() / 1e9;
}

double bareJson(const QStringList& files)
{
    QElapsedTimer t;
    t.start();
    qsizetype items = 0;
    for (const QString& f : files) {
        QFile file(f);
        file.open(QIODevice::ReadOnly);
        items += QJsonDocument::fromJson(file.readAll()).object().size();
    }
    if (!items)
        std::fprintf(stderr, "no JSON parsed\n");
    return t.nsecsElapsed() / 1e9;
}

struct ImportFigures
{
    double seconds = -1;
    long peakRssKb = 0;
    int objects = 0;
    int workloads = 0;
};

// Runs the import in a forked child so its peak RSS is its own.
ImportFigures importInChild(const QString& input, const QString& wsPath)
{
    long rss = 0;
    ImportFigures out = bench::measureInChild<ImportFigures>(
        [&](ImportFigures& f) {
            auto ws = Workspace::create(wsPath, Clock::system(), Identity::fromEnvironment());
            if (ws) {
                QElapsedTimer t;
                t.start();
                auto r = SnapshotImporter(*ws.value(), {}).run({input});
                f.seconds = t.nsecsElapsed() / 1e9;
                if (r) {
                    f.objects = r->objects;
                    f.workloads = r->workloads;
                } else {
                    std::fprintf(stderr, "import failed: %s\n", qPrintable(r.error().toString()));
                    f.seconds = -1;
                }
            }
        },
        rss);
    out.peakRssKb = rss;
    return out;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    bench::ClusterGenerator::Size size;
    QString keep;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString& k = args[i];
        const int v = args[i + 1].toInt();
        if (k == QLatin1String("--pods"))
            size.pods = v;
        else if (k == QLatin1String("--namespaces"))
            size.namespaces = v;
        else if (k == QLatin1String("--services"))
            size.services = v;
        else if (k == QLatin1String("--policies"))
            size.policies = v;
        else if (k == QLatin1String("--keep"))
            keep = args[i + 1];
    }
    QTemporaryDir tmp;
    const QString root = keep.isEmpty() ? tmp.path() : keep;
    std::printf("synthetic cluster: %d namespaces, %d pods, %d services, %d network policies\n",
                size.namespaces, size.pods, size.services, size.policies);
    std::printf("%-5s %9s %10s %9s %11s %12s %8s %10s\n", "fmt", "input MB", "import s", "MB/s",
                "bare parse s", "import/parse", "objects", "peak RSS MB");
    for (auto fmt : {bench::ClusterGenerator::Format::Yaml, bench::ClusterGenerator::Format::Json}) {
        const bool json = fmt == bench::ClusterGenerator::Format::Json;
        const QString dir = root + (json ? QStringLiteral("/json") : QStringLiteral("/yaml"));
        const qint64 bytes = bench::ClusterGenerator::write(dir, size, fmt);
        const QStringList files = filesIn(dir);
        const double parse = json ? bareJson(files) : bareYaml(files);
        const QString ws =
            root + (json ? QStringLiteral("/json.tollgate") : QStringLiteral("/yaml.tollgate"));
        QFile::remove(ws);
        const ImportFigures f = importInChild(dir, ws);
        const double mb = bytes / 1e6;
        std::printf("%-5s %9.1f %10.2f %9.1f %11.2f %11.2fx %8d %10.0f\n", json ? "json" : "yaml", mb,
                    f.seconds, f.seconds > 0 ? mb / f.seconds : 0.0, parse,
                    f.seconds > 0 ? f.seconds / parse : 0.0, f.objects, f.peakRssKb / 1024.0);
        std::fflush(stdout);
        if (f.seconds < 0)
            return 1;
    }
    return 0;
}
