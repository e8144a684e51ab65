#pragma once

#include "base/Result.h"

#include <QString>

namespace tollgate {

enum class ScanFormat
{
    TrivyJson,     // trivy image / fs / config --format json
    TrivyK8s,      // trivy k8s --format json (cluster report)
    TrivyOperator, // trivy-operator report CRDs (YAML or JSON, single objects or a List)
    GrypeJson,     // grype -o json
    CycloneDx,     // CycloneDX JSON SBOM
    SpdxJson,      // SPDX 2.x JSON SBOM
    InTotoDsse,    // DSSE envelope(s) around an in-toto statement whose predicate is an SBOM
    StigCkl,       // DISA STIG Viewer 2 checklist (.ckl, XML)
    StigCklb,      // DISA STIG Viewer 3 checklist (.cklb, JSON)
    XccdfResults,  // XCCDF 1.1/1.2 TestResult (OpenSCAP, DISA SCC, Evaluate-STIG)
    Hdf,           // MITRE Heimdall Data Format JSON
    KubeBench,     // kube-bench --json (CIS or STIG profiles)
    PolicyReport,  // wg-policy PolicyReport / ClusterPolicyReport (Kyverno and others)
    Gatekeeper,    // OPA Gatekeeper constraints (status.violations) and audit-log events
};

// Tells a scan file's format from its content (never its name): the top-level keys and values of a
// JSON head, or the apiVersion/kind of YAML documents.
class ScanFormatDetector
{
public:
    [[nodiscard]] static Result<ScanFormat> detect(const QString& path);
    static QString name(ScanFormat format); // "Trivy JSON", "Grype JSON", ...
    static QString id(ScanFormat format);   // "trivy-json", "grype-json", ... (stored)
    static bool isSbom(ScanFormat format);
    // The root element of an XML file, read with QXmlStreamReader (no entity is ever expanded). A
    // DOCTYPE that declares entities is refused: it is how entity-expansion bombs arrive.
    [[nodiscard]] static Result<QString> xmlRoot(const QString& path, bool* hasTestResult = nullptr);
};

} // namespace tollgate
