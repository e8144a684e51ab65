#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// trivy-operator's report CRDs (aquasecurity.github.io): VulnerabilityReport, ConfigAuditReport,
// ClusterConfigAuditReport, RbacAssessmentReport, ClusterRbacAssessmentReport, ExposedSecretReport
// and ClusterComplianceReport, as YAML or JSON, single objects, several documents or a List.
// The scanned resource comes from the trivy-operator.resource.* labels.
class TrivyOperatorParser
{
public:
    [[nodiscard]] static Status parse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
