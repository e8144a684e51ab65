#pragma once

#include "base/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tollgate {

class Workspace;

// Reads findings, scan imports and SBOM packages back, as rows (one JSON object each) that the
// CLI prints and the GUI's models show. All finding SQL lives here and in ScanImporter.
class FindingStore
{
public:
    struct Filter
    {
        qint64 snapshotId = 0; // imports attached to this snapshot only
        QString source;        // trivy, grype, trivy-operator, ... (exact, case-insensitive)
        int cat = 0;           // 1..3, 0 = any
        QString status;        // Open, NotAFinding, Not_Applicable, Not_Reviewed, closed, new, persisting
        QString workload;      // substring of a joined workload or of the scanner's workload key
        QString ns;            // namespace (exact)
        QString identifier;    // rule id, CVE, CCI, ... (substring of rule or identifiers)
        qint64 workloadId = 0; // joined to this workload row
        bool history = false;  // include imports superseded by a newer one of the same subject
    };

    explicit FindingStore(const Workspace& ws) : m_ws(ws) {}

    // Every finding matching the filter, CAT I first, closed last, then newest import first. Each row has:
    // id, import, snapshot, source, format, category, rule, title, result, lifecycle, status, severity,
    // severity_cat, severity_original, subject_kind, subject, image_ref, image_digest, image_id,
    // workload, namespace, joined (bool), joined_workloads, package, installed_version,
    // fixed_version, identifiers, evidence, file, file_sha256, position, line, identity, imported_at,
    // import_subject, group, evidence_digest, and the effective review (DecisionStore::annotate):
    // review_status, reviewed, severity_override, risk, rereview. The status filter matches
    // review_status (or lifecycle).
    [[nodiscard]] Result<QList<QJsonObject>> findings(const Filter& filter) const;
    // The rows findings({snapshotId}) returns, in its order, with only what a review report reads:
    // source, category, rule, status, severity, severity_cat, joined_workloads, identity,
    // import_subject, evidence_digest, group and the review (DecisionStore::annotate); Tollgate's own
    // results also carry title, subject, evidence and position.
    [[nodiscard]] Result<QList<QJsonObject>> reportRows(qint64 snapshotId) const;
    // What a reviewer groups results by: the STIG (benchmark and release) for checklist and XCCDF
    // rules, the CIS section for kube-bench, the policy for admission reports, else the scan's subject.
    static QString groupOf(const QJsonObject& row);
    // Per group: Open, NotAFinding, Not_Applicable, Not_Reviewed, closed and total counts.
    static QList<QJsonObject> summarise(const QList<QJsonObject>& rows);
    // The same identity across every import, oldest first: the finding's history.
    [[nodiscard]] Result<QList<QJsonObject>> history(const QString& identity) const;
    // One finding: by row id (digits, as `findings` prints it) or by identity (its newest row).
    [[nodiscard]] Result<QJsonObject> find(const QString& finding) const;
    // Every scan import, newest first.
    [[nodiscard]] Result<QList<QJsonObject>> imports() const;
    // Packages of the SBOMs whose image reference, digest or subject contains `image` (all when
    // empty), from the newest SBOM import of each subject.
    [[nodiscard]] Result<QList<QJsonObject>> packages(const QString& image) const;

    // An image some scan covers: a vulnerability finding's image, or the subject of an image scan
    // (Trivy or Grype JSON) that found nothing; `when` is the scan's time, else its import's.
    struct ScannedImage
    {
        QString digest;
        QString ref;
        QDateTime when;
    };
    // Every scanned image, once per digest, reference and time.
    [[nodiscard]] Result<QList<ScannedImage>> scannedImages() const;

private:
    const Workspace& m_ws;
};

} // namespace tollgate
