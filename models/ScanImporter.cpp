#include "ScanImporter.h"

#include "AuditLog.h"
#include "FindingIdentity.h"
#include "FindingJoiner.h"
#include "GrypeReportParser.h"
#include "HdfParser.h"
#include "ImageRef.h"
#include "KubeBenchParser.h"
#include "Logging.h"
#include "PolicyReportParser.h"
#include "SbomParser.h"
#include "ScanSink.h"
#include "Sha256.h"
#include "Statement.h"
#include "StigChecklistParser.h"
#include "TrivyOperatorParser.h"
#include "TrivyReportParser.h"
#include "Workspace.h"
#include "XccdfResultsParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <sqlite3.h>

namespace tollgate {

namespace {

Result<QByteArray> fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    Sha256 h;
    QByteArray buf(1 << 16, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), buf.size());
        if (n < 0)
            return Error(path, 0, QStringLiteral("cannot read: %1").arg(f.errorString()));
        if (n == 0)
            break;
        h.add(buf.constData(), n);
    }
    return h.hexDigest();
}

// Writes what the parser delivers straight into the open transaction.
class StoreSink final : public ScanSink
{
public:
    StoreSink(Workspace& ws, ScanImporter::Report& report, const FindingJoiner& joiner,
              const std::atomic_bool& cancel)
        : m_ws(ws), m_report(report), m_joiner(joiner), m_cancel(cancel),
          m_insert(ws.handle(),
                   "INSERT INTO findings (scan_import_id, snapshot_id, source, rule_id, title, result, "
                   "severity_cat, severity_original, subject_kind, subject, image_digest, image_ref, "
                   "workload_key, identity, identifiers, evidence, evidence_digest, position, category, "
                   "lifecycle, namespace, image_id, package, installed_version, fixed_version, line) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          m_join(ws.handle(),
                 "INSERT OR IGNORE INTO finding_joins (finding_id, workload_id, via) VALUES (?,?,?)"),
          m_package(ws.handle(),
                    "INSERT INTO sbom_packages (scan_import_id, name, version, type, purl, licenses) "
                    "VALUES (?,?,?,?,?,?)")
    {}

    // Set by the importer before parsing.
    QString path;
    QString sha256;
    QString formatId;
    bool sbom = false;

    Status subject(const ScanSubject& given) override
    {
        ScanSubject s = given;
        // History runs per image version (registry/repository:tag, or @digest without a tag), and
        // SBOMs keep their own chain beside the scans of the same tool.
        if (s.kind == QLatin1String("image") && !s.imageRef.isEmpty()) {
            const ImageRef ref = ImageRef::parse(s.imageRef);
            if (ref.isValid())
                s.key = ref.name() + (ref.tag().isEmpty()
                                          ? (ref.digest().isEmpty() ? QStringLiteral(":latest")
                                                                    : QLatin1Char('@') + ref.digest())
                                          : QLatin1Char(':') + ref.tag());
        }
        if (sbom)
            s.key = QStringLiteral("sbom:") + s.key;
        m_subject = s;
        if (m_importId != 0)
            return {}; // a later envelope of the same file: its packages use its own subject
        Statement q(
            m_ws.handle(),
            "INSERT INTO scan_imports (snapshot_id, format, tool, path, sha256, scanned_at, imported_at, "
            "imported_by, os_user, finding_count, subject_kind, subject_key, subject, image_ref, "
            "image_digest, image_id, tool_version) VALUES (?,?,?,?,?,?,?,?,?,0,?,?,?,?,?,?,?)");
        if (m_report.snapshotId > 0)
            q.bind(1, m_report.snapshotId);
        else
            q.bindNull(1);
        q.bind(2, formatId).bind(3, s.tool.isEmpty() ? QStringLiteral("unknown") : s.tool);
        // Where the reviewer finds the file again (a generated run keeps its label).
        q.bind(4, formatId.startsWith(QLatin1String("tollgate")) ? path : QFileInfo(path).absoluteFilePath());
        q.bind(5, sha256).bind(6, s.scannedAt).bind(7, m_ws.nowText());
        q.bind(8, m_ws.identity().reviewer()).bind(9, m_ws.identity().osUser());
        q.bind(10, s.kind).bind(11, s.key).bind(12, s.display.isEmpty() ? s.key : s.display);
        q.bind(13, s.imageRef).bind(14, s.imageDigest).bind(15, s.imageId).bind(16, s.toolVersion);
        if (!q.exec())
            return Error(path, 0, QStringLiteral("cannot record the import: %1").arg(q.errorText()));
        m_importId = sqlite3_last_insert_rowid(m_ws.handle());
        m_report.importId = m_importId;
        m_report.tool = s.tool;
        m_report.subject = s.display.isEmpty() ? s.key : s.display;
        return loadPrevious();
    }

    Status finding(Finding&& f) override
    {
        if (m_cancel)
            return Error(QStringLiteral("import cancelled; the workspace was not changed"));
        if (m_importId == 0)
            return Error(path, f.line, QStringLiteral("finding before the scan's subject (parser defect)"));
        if (f.imageDigest.isEmpty() && f.imageRef.isEmpty() && f.workloadKey.isEmpty()) {
            f.imageDigest = m_subject.imageDigest;
            f.imageRef = m_subject.imageRef;
        }
        if (f.imageId.isEmpty() && f.imageRef == m_subject.imageRef)
            f.imageId = m_subject.imageId;
        if (f.subject.isEmpty() || f.subjectKind == QLatin1String("file")) {
            const QString where = f.subject;
            f.subjectKind = m_subject.kind;
            f.subject = m_subject.display.isEmpty() ? m_subject.key : m_subject.display;
            if (!where.isEmpty() && where != f.subject)
                f.evidence += QStringLiteral("\nIn: ") + where;
        }
        const QString identity = FindingIdentity::of(f);
        const QString lifecycle =
            m_previous.contains(identity) ? QStringLiteral("persisting") : QStringLiteral("new");
        m_seen.insert(identity);
        const QList<FindingJoiner::Join> joins =
            m_joiner.join(f, f.imageRef == m_subject.imageRef ? m_subject.repoDigests : QStringList{});
        if (Status s = insert(f, identity, lifecycle, joins); !s.ok())
            return s;
        ++m_report.findings;
        (lifecycle == QLatin1String("new") ? m_report.newCount : m_report.persisting)++;
        if (joins.isEmpty()) {
            ++m_report.notJoined;
            const QString what = !f.workloadKey.isEmpty() ? f.workloadKey
                                 : !f.imageRef.isEmpty()  ? f.imageRef
                                                          : f.subject;
            if (m_report.notJoinedSample.size() < 5 && !m_report.notJoinedSample.contains(what))
                m_report.notJoinedSample << what;
        } else {
            ++m_report.joined;
        }
        return {};
    }

    Status package(const SbomPackage& p) override
    {
        if (m_importId == 0)
            return Error(path, 0, QStringLiteral("package before the SBOM's subject (parser defect)"));
        m_package.reset();
        m_package.bind(1, m_importId)
            .bind(2, p.name)
            .bind(3, p.version)
            .bind(4, p.type)
            .bind(5, p.purl)
            .bind(6, p.licenses);
        if (!m_package.exec())
            return Error(path, 0, QStringLiteral("cannot store a package: %1").arg(m_package.errorText()));
        ++m_report.packages;
        return {};
    }

    void note(const QString& text) override
    {
        if (!m_report.notes.contains(text))
            m_report.notes << text;
    }

    // Findings of the previous import that this one no longer has: recorded as closed here.
    Status closeMissing()
    {
        if (m_previousId == 0)
            return {};
        Statement q(
            m_ws.handle(),
            "SELECT source, rule_id, title, result, severity_cat, severity_original, subject_kind, subject, "
            "image_digest, image_ref, workload_key, identity, identifiers, evidence, evidence_digest, "
            "position, "
            "category, namespace, image_id, package, installed_version, fixed_version, line "
            "FROM findings WHERE scan_import_id = ? AND lifecycle <> 'closed'");
        q.bind(1, m_previousId);
        QSet<QString> closed;
        while (q.step()) {
            const QString identity = q.text(11);
            if (m_seen.contains(identity) || closed.contains(identity))
                continue;
            closed.insert(identity);
            Finding f;
            f.source = q.text(0);
            f.ruleId = q.text(1);
            f.title = q.text(2);
            f.result = q.text(3);
            f.severityCat = static_cast<int>(q.int64(4));
            f.severityOriginal = q.text(5);
            f.subjectKind = q.text(6);
            f.subject = q.text(7);
            f.imageDigest = q.text(8);
            f.imageRef = q.text(9);
            f.workloadKey = q.text(10);
            f.identifiers = QJsonDocument::fromJson(q.bytes(12)).object();
            f.evidence = q.text(13);
            f.position = q.text(15);
            f.category = q.text(16);
            f.ns = q.text(17);
            f.imageId = q.text(18);
            f.package = q.text(19);
            f.installedVersion = q.text(20);
            f.fixedVersion = q.text(21);
            f.line = static_cast<int>(q.int64(22));
            f.position = QStringLiteral("absent from this scan (was ") + f.position + QLatin1Char(')');
            if (Status s =
                    insert(f, identity, QStringLiteral("closed"), m_joiner.join(f, m_subject.repoDigests));
                !s.ok())
                return s;
            ++m_report.closed;
        }
        if (q.failed())
            return Error(QStringLiteral("cannot read the previous import: %1").arg(q.errorText()));
        return {};
    }

private:
    Status loadPrevious()
    {
        Statement q(m_ws.handle(),
                    "SELECT id FROM scan_imports WHERE tool = ? AND subject_key = ? AND id < ? "
                    "ORDER BY id DESC LIMIT 1");
        q.bind(1, m_subject.tool.isEmpty() ? QStringLiteral("unknown") : m_subject.tool)
            .bind(2, m_subject.key)
            .bind(3, m_importId);
        if (q.step())
            m_previousId = q.int64(0);
        m_report.supersedes = m_previousId;
        if (m_previousId == 0)
            return {};
        Statement ids(
            m_ws.handle(),
            "SELECT DISTINCT identity FROM findings WHERE scan_import_id = ? AND lifecycle <> 'closed'");
        ids.bind(1, m_previousId);
        while (ids.step())
            m_previous.insert(ids.text(0));
        if (ids.failed())
            return Error(QStringLiteral("cannot read the previous import: %1").arg(ids.errorText()));
        return {};
    }

    Status insert(const Finding& f, const QString& identity, const QString& lifecycle,
                  const QList<FindingJoiner::Join>& joins)
    {
        const QByteArray identifiers = QJsonDocument(f.identifiers).toJson(QJsonDocument::Compact);
        Statement& q = m_insert;
        q.reset();
        q.bind(1, m_importId);
        if (m_report.snapshotId > 0)
            q.bind(2, m_report.snapshotId);
        else
            q.bindNull(2);
        q.bind(3, f.source).bind(4, f.ruleId).bind(5, f.title).bind(6, f.result).bind(7, f.severityCat);
        q.bind(8, f.severityOriginal).bind(9, f.subjectKind).bind(10, f.subject).bind(11, f.imageDigest);
        q.bind(12, f.imageRef).bind(13, f.workloadKey).bind(14, identity).bind(15, identifiers);
        q.bind(16, f.evidence).bind(17, Sha256::hex(f.evidence.toUtf8())).bind(18, f.position);
        q.bind(19, f.category).bind(20, lifecycle).bind(21, f.ns).bind(22, f.imageId).bind(23, f.package);
        q.bind(24, f.installedVersion).bind(25, f.fixedVersion).bind(26, f.line);
        if (!q.exec())
            return Error(path, f.line, QStringLiteral("cannot store a finding: %1").arg(q.errorText()));
        const qint64 id = sqlite3_last_insert_rowid(m_ws.handle());
        for (const FindingJoiner::Join& j : joins) {
            m_join.reset();
            m_join.bind(1, id).bind(2, j.workloadId).bind(3, j.via);
            if (!m_join.exec())
                return Error(path, f.line, QStringLiteral("cannot store a join: %1").arg(m_join.errorText()));
        }
        return {};
    }

    Workspace& m_ws;
    ScanImporter::Report& m_report;
    const FindingJoiner& m_joiner;
    const std::atomic_bool& m_cancel;
    Statement m_insert;
    Statement m_join;
    Statement m_package;
    ScanSubject m_subject;
    qint64 m_importId = 0;
    qint64 m_previousId = 0;
    QSet<QString> m_previous;
    QSet<QString> m_seen;
};

Result<qint64> newestSnapshot(const Workspace& ws)
{
    Statement q(ws.handle(), "SELECT COALESCE(MAX(id), 0) FROM snapshots");
    if (!q.step())
        return Error(QStringLiteral("cannot read snapshots: %1").arg(q.errorText()));
    return q.int64(0);
}

} // namespace

ScanImporter::ScanImporter(Workspace& ws) : m_ws(ws) {}

Result<ScanImporter::Report> ScanImporter::importFile(const QString& path)
{
    return importFiles({path}).front();
}

std::vector<Result<ScanImporter::Report>> ScanImporter::importFiles(const QStringList& paths)
{
    std::vector<Result<Report>> results;
    auto allFail = [&](const Error& e) {
        results.clear();
        for (const QString& p : paths)
            results.emplace_back(Error(p, 0, e.what()));
        return results;
    };
    if (m_ws.isReadOnly())
        return allFail(Error(QStringLiteral("the workspace is open read-only")));
    Transaction tx(m_ws);
    if (!tx.active())
        return allFail(tx.beginError());
    for (int i = 0; i < paths.size(); ++i) {
        if (cancelled())
            return allFail(Error(QStringLiteral("import cancelled; the workspace was not changed")));
        if (m_progress)
            m_progress(i, static_cast<int>(paths.size()), paths.at(i));
        if (Status s = m_ws.exec("SAVEPOINT scan_file"); !s.ok())
            return allFail(s.error());
        Result<Report> r = importOne(paths.at(i));
        // Each file is all or nothing: a failed one leaves no row behind, the others stay.
        const Status end =
            r.ok() ? m_ws.exec("RELEASE scan_file") : m_ws.exec("ROLLBACK TO scan_file; RELEASE scan_file");
        if (!end.ok())
            return allFail(end.error());
        results.push_back(std::move(r));
    }
    if (cancelled())
        return allFail(Error(QStringLiteral("import cancelled; the workspace was not changed")));
    if (Status c = tx.commit(); !c.ok())
        return allFail(c.error());
    return results;
}

Result<ScanImporter::Report> ScanImporter::importOne(const QString& path)
{
    QElapsedTimer timer;
    timer.start();
    Report report;
    report.path = path;
    if (!QFileInfo(path).isFile())
        return Error(path, 0, QStringLiteral("no such file"));
    auto format = ScanFormatDetector::detect(path);
    if (!format)
        return format.error();
    report.format = *format;
    report.formatName = ScanFormatDetector::name(*format);
    auto digest = fileDigest(path);
    if (!digest)
        return digest.error();

    const ScanFormat fmt = *format;
    return recordImport(std::move(report), path, ScanFormatDetector::id(fmt), ScanFormatDetector::isSbom(fmt),
                        *digest, [&](ScanSink& sink) -> Status {
                            Status parsed;
                            switch (fmt) {
                            case ScanFormat::TrivyJson:
                                parsed = TrivyReportParser::parseImage(path, sink);
                                break;
                            case ScanFormat::TrivyK8s:
                                parsed = TrivyReportParser::parseCluster(path, sink);
                                break;
                            case ScanFormat::TrivyOperator:
                                parsed = TrivyOperatorParser::parse(path, sink);
                                break;
                            case ScanFormat::GrypeJson:
                                parsed = GrypeReportParser::parse(path, sink);
                                break;
                            case ScanFormat::CycloneDx:
                                parsed = SbomParser::parseCycloneDx(path, sink);
                                break;
                            case ScanFormat::SpdxJson:
                                parsed = SbomParser::parseSpdx(path, sink);
                                break;
                            case ScanFormat::InTotoDsse:
                                parsed = SbomParser::parseDsse(path, sink);
                                break;
                            case ScanFormat::StigCkl:
                                parsed = StigChecklistParser::parseCkl(path, sink);
                                break;
                            case ScanFormat::StigCklb:
                                parsed = StigChecklistParser::parseCklb(path, sink);
                                break;
                            case ScanFormat::XccdfResults:
                                parsed = XccdfResultsParser::parse(path, sink);
                                break;
                            case ScanFormat::Hdf:
                                parsed = HdfParser::parse(path, sink);
                                break;
                            case ScanFormat::KubeBench:
                                parsed = KubeBenchParser::parse(path, sink);
                                break;
                            case ScanFormat::PolicyReport:
                                parsed = PolicyReportParser::parsePolicyReports(path, sink);
                                break;
                            case ScanFormat::Gatekeeper:
                                parsed = PolicyReportParser::parseGatekeeper(path, sink);
                                break;
                            }
                            return parsed;
                        });
}

Result<ScanImporter::Report> ScanImporter::recordImport(Report report, const QString& path,
                                                        const QString& formatId, bool sbom,
                                                        const QByteArray& digest, const Producer& produce)
{
    QElapsedTimer timer;
    timer.start();
    if (m_snapshotId > 0) {
        Statement q(m_ws.handle(), "SELECT 1 FROM snapshots WHERE id = ?");
        q.bind(1, m_snapshotId);
        if (!q.step())
            return Error(QStringLiteral("no snapshot %1 in the workspace").arg(m_snapshotId));
        report.snapshotId = m_snapshotId;
    } else {
        auto newest = newestSnapshot(m_ws);
        if (!newest)
            return newest.error();
        report.snapshotId = *newest;
    }
    {
        // The same bytes against the same snapshot: nothing new to learn, nothing written.
        Statement dup(m_ws.handle(), "SELECT id, tool, subject, finding_count, joined_count, package_count "
                                     "FROM scan_imports WHERE sha256 = ? AND COALESCE(snapshot_id, 0) = ? "
                                     "ORDER BY id LIMIT 1");
        dup.bind(1, QString::fromLatin1(digest)).bind(2, report.snapshotId);
        if (dup.step()) {
            report.duplicateOf = dup.int64(0);
            report.importId = dup.int64(0);
            report.tool = dup.text(1);
            report.subject = dup.text(2);
            report.findings = static_cast<int>(dup.int64(3));
            report.joined = static_cast<int>(dup.int64(4));
            report.notJoined = report.findings - report.joined;
            report.packages = static_cast<int>(dup.int64(5));
            return report;
        }
    }
    if (!m_joiner || m_joinerSnapshot != report.snapshotId) {
        auto joiner = FindingJoiner::load(m_ws, report.snapshotId);
        if (!joiner)
            return joiner.error();
        m_joiner = std::move(joiner).value();
        m_joinerSnapshot = report.snapshotId;
    }
    const FindingJoiner* joiner = &*m_joiner;

    StoreSink sink(m_ws, report, *joiner, m_cancel);
    sink.path = path;
    sink.sha256 = QString::fromLatin1(digest);
    sink.formatId = formatId;
    sink.sbom = sbom;

    Status parsed = produce(sink);
    if (!parsed.ok())
        return parsed.error();
    if (report.importId == 0)
        return Error(path, 0, QStringLiteral("the file names no scan subject"));
    if (Status s = sink.closeMissing(); !s.ok())
        return s.error();

    Statement upd(m_ws.handle(),
                  "UPDATE scan_imports SET finding_count = ?, joined_count = ?, closed_count = ?, "
                  "package_count = ? WHERE id = ?");
    upd.bind(1, report.findings)
        .bind(2, report.joined)
        .bind(3, report.closed)
        .bind(4, report.packages)
        .bind(5, report.importId);
    if (!upd.exec())
        return Error(QStringLiteral("cannot record the import: %1").arg(upd.errorText()));
    const QString detail =
        QStringLiteral("format=%1 file=%2 sha256=%3 findings=%4 joined=%5 closed=%6 packages=%7")
            .arg(sink.formatId, QFileInfo(path).fileName(), sink.sha256)
            .arg(report.findings)
            .arg(report.joined)
            .arg(report.closed)
            .arg(report.packages);
    if (auto a =
            AuditLog::append(m_ws, QStringLiteral("scan.import"), QString::number(report.importId), detail);
        !a)
        return a.error();
    qCInfo(lcFindings) << "imported" << path << report.findings << "findings in" << timer.elapsed() << "ms";
    return report;
}

Result<ScanImporter::Report> ScanImporter::importGenerated(const QString& label, const QString& formatName,
                                                           const QString& formatId, const QByteArray& digest,
                                                           const Producer& produce)
{
    if (m_ws.isReadOnly())
        return Error(QStringLiteral("the workspace is open read-only"));
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    Report report;
    report.path = label;
    report.formatName = formatName;
    auto r = recordImport(std::move(report), label, formatId, false, digest, produce);
    if (!r)
        return r;
    if (Status c = tx.commit(); !c.ok())
        return c.error();
    return r;
}

} // namespace tollgate
