#include "import/SnapshotImporter.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "io/SourceReader.h"
#include "kube/InventoryBuilder.h"
#include "kube/ManifestParser.h"
#include "store/AuditLog.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <thread>
#include <vector>

namespace tollgate {

Result<SnapshotImporter::Report> SnapshotImporter::run(const QStringList& paths)
{
    if (m_ws.isReadOnly())
        return Error(m_ws.path(), 0,
                     QStringLiteral("the workspace is open read-only (read-only media?); "
                                    "copy it to writable storage to import"));
    auto sources = SourceReader::enumerate(paths);
    if (!sources)
        return sources.error();
    if (sources->isEmpty())
        return Error(paths.join(QStringLiteral(", ")), 0,
                     QStringLiteral("no manifest files (.yaml, .yml, .json) found"));

    Report report;
    SnapshotStore::NewSnapshot snap;
    QElapsedTimer phase;
    phase.start();
    const auto mode =
        m_options.skipInvalid ? ManifestParser::Mode::SkipInvalid : ManifestParser::Mode::Strict;
    const QList<SourceFile>& files = sources.value();
    const int total = static_cast<int>(files.size());

    // Files are read, hashed, parsed and serialised on two threads (the machine this targets has two
    // cores); results are merged in file order, so the outcome does not depend on scheduling. Every
    // file below a failing one is still finished, so the first error reported is the lowest file's.
    struct Parsed
    {
        QByteArray sha256;
        qint64 size = 0;
        ManifestParser::Output output;
        QList<QByteArray> bodies;
        std::optional<Error> error;
    };
    std::vector<Parsed> parsed(static_cast<size_t>(total));
    std::atomic_int next{0};
    std::atomic_bool stop{false};
    auto work = [&](bool reportProgress) {
        for (;;) {
            if (stop || cancelled())
                return;
            const int i = next.fetch_add(1);
            if (i >= total)
                return;
            SourceFile f = files.at(i);
            if (reportProgress && m_progress)
                m_progress(i, total, f.path);
            Parsed& p = parsed[static_cast<size_t>(i)];
            if (auto s = SourceReader::load(f); !s) {
                p.error = s.error();
                stop = true;
                return;
            }
            p.sha256 = Sha256::hex(f.bytes);
            p.size = f.bytes.size();
            auto r = ManifestParser::parse(f.path, f.bytes, mode);
            if (!r) {
                p.error =
                    Error(r.error().file(), r.error().line(),
                          r.error().what() + QStringLiteral(" (nothing was imported; use --skip-invalid to "
                                                            "import the rest and record what was skipped)"));
                stop = true;
                return;
            }
            p.output = std::move(r).value();
            p.bodies.reserve(p.output.objects.size());
            for (const ManifestDocument& d : std::as_const(p.output.objects))
                p.bodies << QJsonDocument(d.body).toJson(QJsonDocument::Compact);
        }
    };
    if (total > 1) {
        std::thread helper(work, false);
        work(true);
        helper.join();
    } else {
        work(true);
    }
    if (cancelled())
        return Error(QStringLiteral("import cancelled; the workspace was not changed"));
    for (Parsed& p : parsed) {
        if (p.error)
            return *p.error;
    }
    for (int i = 0; i < total; ++i) {
        Parsed& p = parsed[static_cast<size_t>(i)];
        snap.files.append({files.at(i).path, p.sha256, p.size});
        report.bytes += p.size;
        snap.objects << std::move(p.output.objects);
        snap.bodies << std::move(p.bodies);
        snap.skipped << std::move(p.output.skipped);
        report.warnings << std::move(p.output.warnings);
    }
    parsed.clear();
    if (m_progress)
        m_progress(total, total, QString());
    if (snap.objects.isEmpty())
        return Error(paths.join(QStringLiteral(", ")), 0,
                     QStringLiteral("no Kubernetes objects found (%1 file(s) read, %2 document(s) skipped)")
                         .arg(total)
                         .arg(snap.skipped.size()));

    const qint64 parseMs = phase.restart();

    // Content digest over the normalised objects (keys sorted, compact), independent of file order.
    QList<int> order(snap.bodies.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return snap.bodies[a] < snap.bodies[b]; });
    Sha256 digest;
    for (int i : order) {
        digest.add(snap.bodies[i]);
        digest.add("\n", 1);
    }
    snap.digest = digest.hexDigest();
    report.digest = snap.digest;
    report.files = total;
    report.objects = static_cast<int>(snap.objects.size());
    report.skipped = snap.skipped;

    SnapshotStore store(m_ws);
    if (const qint64 dup = store.findByDigest(snap.digest)) {
        report.duplicateOf = dup;
        report.snapshotId = dup;
        return report;
    }

    const qint64 digestMs = phase.restart();
    snap.label =
        m_options.label.isEmpty() ? QFileInfo(QDir::cleanPath(paths.first())).fileName() : m_options.label;
    snap.cluster = m_options.cluster.isEmpty() ? QStringLiteral("default") : m_options.cluster;

    if (cancelled())
        return Error(QStringLiteral("import cancelled; the workspace was not changed"));
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    // The inventory is derived on a second thread while this one writes the objects.
    Inventory inventory;
    std::thread derive([&] { inventory = InventoryBuilder::build(snap.objects); });
    auto written = store.insertObjects(snap);
    derive.join();
    const qint64 inventoryMs = phase.restart();
    if (!written)
        return written.error();
    if (auto inv = store.insertInventory(written->snapshotId, written->objectIds, inventory); !inv)
        return inv.error();
    report.workloads =
        static_cast<int>(std::count_if(inventory.workloads.cbegin(), inventory.workloads.cend(),
                                       [](const WorkloadInfo& w) { return w.topLevel; }));
    const Result<qint64> id = written->snapshotId;
    const QString detail = QStringLiteral("label=%1 cluster=%2 objects=%3 skipped=%4 digest=%5")
                               .arg(snap.label, snap.cluster)
                               .arg(snap.objects.size())
                               .arg(snap.skipped.size())
                               .arg(QString::fromLatin1(snap.digest));
    if (auto a =
            AuditLog::append(m_ws, QStringLiteral("snapshot.import"), QString::number(id.value()), detail);
        !a)
        return a.error();
    if (cancelled())
        return Error(QStringLiteral("import cancelled; the workspace was not changed"));
    if (auto c = tx.commit(); !c)
        return c.error();
    report.snapshotId = id.value();
    qCDebug(lcImport) << "phases (ms): parse" << parseMs << "digest" << digestMs << "objects+inventory"
                      << inventoryMs << "rest" << phase.elapsed();
    qCInfo(lcImport) << "imported snapshot" << report.snapshotId << report.objects << "objects";
    return report;
}

} // namespace tollgate
