#include "SnapshotImporter.h"

#include "AuditLog.h"
#include "InventoryBuilder.h"
#include "Logging.h"
#include "ManifestParser.h"
#include "Sha256.h"
#include "SnapshotStore.h"
#include "SourceReader.h"
#include "Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>
#include <numeric>

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
    const auto mode =
        m_options.skipInvalid ? ManifestParser::Mode::SkipInvalid : ManifestParser::Mode::Strict;
    const int total = static_cast<int>(sources->size());
    for (int i = 0; i < total; ++i) {
        if (cancelled())
            return Error(QStringLiteral("import cancelled; the workspace was not changed"));
        SourceFile& f = (*sources)[i];
        if (m_progress)
            m_progress(i, total, f.path);
        if (auto s = SourceReader::load(f); !s)
            return s.error();
        auto parsed = ManifestParser::parse(f.path, f.bytes, mode);
        if (!parsed)
            return Error(parsed.error().file(), parsed.error().line(),
                         parsed.error().what() +
                             QStringLiteral(" (nothing was imported; use --skip-invalid to "
                                            "import the rest and record what was skipped)"));
        snap.files.append({f.path, Sha256::hex(f.bytes), f.bytes.size()});
        report.bytes += f.bytes.size();
        snap.objects << parsed->objects;
        snap.skipped << parsed->skipped;
        report.warnings << parsed->warnings;
        f.bytes = QByteArray(); // bounded memory: keep parsed objects only
    }
    if (m_progress)
        m_progress(total, total, QString());
    if (snap.objects.isEmpty())
        return Error(paths.join(QStringLiteral(", ")), 0,
                     QStringLiteral("no Kubernetes objects found (%1 file(s) read, %2 document(s) skipped)")
                         .arg(total)
                         .arg(snap.skipped.size()));

    // Content digest over the normalised objects (keys sorted, compact), independent of file order.
    snap.bodies.reserve(snap.objects.size());
    for (const ManifestDocument& d : std::as_const(snap.objects))
        snap.bodies << QJsonDocument(d.body).toJson(QJsonDocument::Compact);
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

    snap.inventory = InventoryBuilder::build(snap.objects);
    report.workloads =
        static_cast<int>(std::count_if(snap.inventory.workloads.cbegin(), snap.inventory.workloads.cend(),
                                       [](const WorkloadInfo& w) { return w.topLevel; }));
    snap.label =
        m_options.label.isEmpty() ? QFileInfo(QDir::cleanPath(paths.first())).fileName() : m_options.label;
    snap.cluster = m_options.cluster.isEmpty() ? QStringLiteral("default") : m_options.cluster;

    if (cancelled())
        return Error(QStringLiteral("import cancelled; the workspace was not changed"));
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    auto id = store.insert(snap);
    if (!id)
        return id.error();
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
    qCInfo(lcImport) << "imported snapshot" << report.snapshotId << report.objects << "objects";
    return report;
}

} // namespace tollgate
