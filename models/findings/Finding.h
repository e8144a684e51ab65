#pragma once

#include <QJsonObject>
#include <QString>

namespace tollgate {

// One observation from one scan import: immutable once stored. Review decisions live apart and are
// keyed by identity() (DESIGN 2 and 6).
struct Finding
{
    QString source;   // the tool: trivy, grype, trivy-operator, kube-bench, ...
    QString category; // vulnerability, misconfiguration, rbac, compliance, secret
    QString ruleId;   // CVE-2019-1549, KSV001, V-242383, ...
    QString title;
    QString result = QStringLiteral("Open"); // STIG Viewer vocabulary: Open, NotAFinding, ...
    int severityCat = 3;                     // 1, 2 or 3 (CAT I/II/III)
    QString severityOriginal;                // what the tool said, unchanged

    QString subjectKind; // image, workload, namespace, node, cluster
    QString subject;     // what a reader calls it: an image reference or ns/Kind/name
    QString imageDigest; // manifest (repo) digest "sha256:...", the join key
    QString imageId;     // config digest, kept but never joined on
    QString imageRef;    // registry/repository:tag as the scan names it
    QString workloadKey; // namespace/Kind/name as the scan names it
    QString ns;

    QString package;
    QString installedVersion;
    QString fixedVersion;

    QJsonObject identifiers; // cve, ghsa, rule, stig (V-ID), cci[], nist[], url
    QString evidence;
    QString position; // where in the source file: JSON pointer or document, and line
    int line = 0;
};

} // namespace tollgate
