#include "controls/ControlRunner.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "controls/CheckRegistry.h"
#include "kube/ImageRef.h"
#include "store/ChangeStore.h"
#include "store/FindingStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <algorithm>

namespace tollgate {

namespace {

// Scans the workspace holds, by image digest and reference, with their newest date.
Status loadScans(const Workspace& ws, CheckContext& ctx)
{
    auto note = [](QHash<QString, QDateTime>& map, const QString& key, const QDateTime& when) {
        if (key.isEmpty() || !when.isValid())
            return;
        if (!map.contains(key) || map.value(key) < when)
            map.insert(key, when);
    };
    auto scanned = FindingStore(ws).scannedImages();
    if (!scanned)
        return scanned.error();
    for (const FindingStore::ScannedImage& image : scanned.value()) {
        note(ctx.scannedDigests, image.digest, image.when);
        const ImageRef ref = ImageRef::parse(image.ref);
        if (ref.isValid()) {
            note(ctx.scannedRefs,
                 ref.name() + QLatin1Char(':') + (ref.tag().isEmpty() ? QStringLiteral("latest") : ref.tag()),
                 image.when);
            if (!ref.digest().isEmpty())
                note(ctx.scannedDigests, ref.digest(), image.when);
        }
    }
    return {};
}

// The approved baseline's components (ChangeStore decides what the baseline is).
Status loadBaseline(Workspace& ws, CheckContext& ctx)
{
    auto baseline = ChangeStore(ws).baseline();
    if (!baseline)
        return baseline.error();
    const qint64 id = baseline->value(QLatin1String("snapshot")).toInteger();
    if (!id)
        return {};
    ctx.hasBaseline = true;
    auto components = SnapshotStore(ws).componentKeys(id);
    if (!components)
        return components.error();
    ctx.baselineComponents = components.value();
    return {};
}

} // namespace

Result<QList<Finding>> ControlRunner::evaluate(qint64 snapshotId) const
{
    auto snapshot = SnapshotContext::load(m_ws, snapshotId);
    if (!snapshot)
        return snapshot.error();
    return evaluate(snapshot.value());
}

Result<QList<Finding>> ControlRunner::evaluate(const SnapshotContext& snapshot) const
{
    QElapsedTimer phase;
    phase.start();
    CheckContext ctx;
    // Implicitly shared copies: the context's objects and inventory are not copied.
    ctx.objects = snapshot.objects();
    ctx.inventory = snapshot.inventory();
    ctx.mesh = snapshot.mesh();
    ctx.tailoring = m_tailoring;
    ctx.now = m_ws.clock().nowUtc();
    if (auto scans = loadScans(m_ws, ctx); !scans)
        return scans.error();
    if (auto baseline = loadBaseline(m_ws, ctx); !baseline)
        return baseline.error();
    qCDebug(lcFindings) << "controls: context built in" << phase.restart() << "ms";
    QList<Finding> all;
    for (const Control& control : m_catalog.controls()) {
        CheckEmitter out(control);
        if (m_tailoring.notApplicable.contains(control.id)) {
            CheckEmitter::Subject s;
            s.kind = QStringLiteral("cluster");
            s.name = QStringLiteral("cluster");
            out.notApplicable(s, QStringLiteral("tailored out by the program: ") +
                                     m_tailoring.notApplicable.value(control.id));
        } else {
            CheckRegistry::get(control.check)(control, ctx, out);
        }
        all += out.take();
        qCDebug(lcFindings) << "control" << control.id << phase.restart() << "ms";
    }
    return all;
}

Result<ScanImporter::Report> ControlRunner::run(qint64 snapshotId)
{
    auto snapshot = SnapshotContext::load(m_ws, snapshotId);
    if (!snapshot)
        return snapshot.error();
    return run(snapshot.value());
}

Result<ScanImporter::Report> ControlRunner::run(const SnapshotContext& snapshot)
{
    const qint64 snapshotId = snapshot.snapshotId();
    auto findings = evaluate(snapshot);
    if (!findings)
        return findings.error();
    // The run's identity: engine version, catalog, tailoring and the evidence itself (scans and a
    // baseline change results without changing the snapshot).
    QByteArrayList parts;
    for (const Finding& f : findings.value())
        parts << f.ruleId.toUtf8() + '\n' + f.subject.toUtf8() + '\n' + f.result.toUtf8() + '\n' +
                     f.evidence.toUtf8();
    std::sort(parts.begin(), parts.end());
    const QByteArray input = QByteArray(Version) + m_catalog.digest() + parts.join('\0');
    const QByteArray digest = Sha256::hex(input);
    ScanImporter importer(m_ws);
    importer.setSnapshot(snapshotId);
    const QList<Finding> list = std::move(findings).value();
    return importer.importGenerated(
        QStringLiteral("tollgate controls (%1, catalog %2)")
            .arg(QLatin1String(Version), QString::fromLatin1(m_catalog.digest().left(12))),
        QStringLiteral("Tollgate control checks"), QStringLiteral("tollgate-controls"), digest,
        [&](ScanSink& sink) -> Status {
            ScanSubject subject;
            subject.tool = QStringLiteral("tollgate");
            subject.kind = QStringLiteral("cluster");
            subject.key = QStringLiteral("controls");
            subject.display = QStringLiteral("controls on snapshot %1").arg(snapshotId);
            subject.toolVersion = QLatin1String(Version);
            subject.scannedAt = m_ws.nowText();
            if (Status s = sink.subject(subject); !s.ok())
                return s;
            for (Finding f : list)
                if (Status s = sink.finding(std::move(f)); !s.ok())
                    return s;
            return {};
        });
}

} // namespace tollgate
