#include "store/ScanWriter.h"

#include "Statement.h"
#include "base/Sha256.h"
#include "findings/FindingIdentity.h"
#include "kube/ImageRef.h"
#include "store/FindingJoiner.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <sqlite3.h>

namespace tollgate {

class ScanWriter::Impl
{
public:
    Impl(Workspace& ws, ScanImportReport& report, const FindingJoiner& joiner, const std::atomic_bool& cancel)
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
    ScanImportReport& report() { return m_report; }
    Workspace& workspace() { return m_ws; }

    Status subject(const ScanSubject& given)
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

    Status finding(Finding&& f)
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

    Status package(const SbomPackage& p)
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

    void note(const QString& text)
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
    ScanImportReport& m_report;
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

ScanWriter::ScanWriter(Workspace& ws, ScanImportReport& report, const FindingJoiner& joiner,
                       const std::atomic_bool& cancel, Input input)
    : m_impl(std::make_unique<Impl>(ws, report, joiner, cancel))
{
    m_impl->path = std::move(input.path);
    m_impl->sha256 = std::move(input.sha256);
    m_impl->formatId = std::move(input.formatId);
    m_impl->sbom = input.sbom;
}

ScanWriter::~ScanWriter() = default;

Status ScanWriter::subject(const ScanSubject& subject)
{
    return m_impl->subject(subject);
}

Status ScanWriter::finding(Finding&& finding)
{
    return m_impl->finding(std::move(finding));
}

Status ScanWriter::package(const SbomPackage& package)
{
    return m_impl->package(package);
}

void ScanWriter::note(const QString& text)
{
    m_impl->note(text);
}

Status ScanWriter::finish()
{
    if (Status s = m_impl->closeMissing(); !s.ok())
        return s;
    const ScanImportReport& report = m_impl->report();
    Statement upd(m_impl->workspace().handle(),
                  "UPDATE scan_imports SET finding_count = ?, joined_count = ?, closed_count = ?, "
                  "package_count = ? WHERE id = ?");
    upd.bind(1, report.findings)
        .bind(2, report.joined)
        .bind(3, report.closed)
        .bind(4, report.packages)
        .bind(5, report.importId);
    if (!upd.exec())
        return Error(QStringLiteral("cannot record the import: %1").arg(upd.errorText()));
    return {};
}

Result<qint64> ScanWriter::targetSnapshot(const Workspace& ws, qint64 requested)
{
    if (requested > 0) {
        Statement q(ws.handle(), "SELECT 1 FROM snapshots WHERE id = ?");
        q.bind(1, requested);
        if (!q.step())
            return Error(QStringLiteral("no snapshot %1 in the workspace").arg(requested));
        return requested;
    }
    Statement q(ws.handle(), "SELECT COALESCE(MAX(id), 0) FROM snapshots");
    if (!q.step())
        return Error(QStringLiteral("cannot read snapshots: %1").arg(q.errorText()));
    return q.int64(0);
}

Result<bool> ScanWriter::findDuplicate(const Workspace& ws, const QByteArray& sha256,
                                       ScanImportReport& report)
{
    Statement dup(ws.handle(), "SELECT id, tool, subject, finding_count, joined_count, package_count "
                               "FROM scan_imports WHERE sha256 = ? AND COALESCE(snapshot_id, 0) = ? "
                               "ORDER BY id LIMIT 1");
    dup.bind(1, QString::fromLatin1(sha256)).bind(2, report.snapshotId);
    if (!dup.step()) {
        if (dup.failed())
            return Error(QStringLiteral("cannot read the scan imports: %1").arg(dup.errorText()));
        return false;
    }
    report.duplicateOf = dup.int64(0);
    report.importId = dup.int64(0);
    report.tool = dup.text(1);
    report.subject = dup.text(2);
    report.findings = static_cast<int>(dup.int64(3));
    report.joined = static_cast<int>(dup.int64(4));
    report.notJoined = report.findings - report.joined;
    report.packages = static_cast<int>(dup.int64(5));
    return true;
}

} // namespace tollgate
