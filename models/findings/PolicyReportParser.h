#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// Admission and audit policy results: wg-policy PolicyReport / ClusterPolicyReport (v1alpha2 and
// v1beta1; the per-resource `scope` form and the older results[].resources[] form; Kyverno, kube-bench
// adapter, Falco), and OPA Gatekeeper constraints with status.violations (which Gatekeeper
// truncates: totalViolations is kept and a partial list says so) or its violation_audited log events.
class PolicyReportParser
{
public:
    [[nodiscard]] static Status parsePolicyReports(const QString& path, ScanSink& sink);
    [[nodiscard]] static Status parseGatekeeper(const QString& path, ScanSink& sink);
};

} // namespace tollgate
