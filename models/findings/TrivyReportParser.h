#pragma once

#include "base/Result.h"
#include "findings/Finding.h"
#include "findings/ScanSink.h"

#include <QJsonObject>

namespace tollgate {

// Trivy's JSON: an image/filesystem/config scan (SchemaVersion 2, ArtifactName, Metadata, Results)
// and `trivy k8s` cluster reports (ClusterName with Vulnerabilities/Misconfigurations per
// resource, or Resources in newer versions). Streams the file: one result element at a time.
class TrivyReportParser
{
public:
    [[nodiscard]] static Status parseImage(const QString& path, ScanSink& sink);
    [[nodiscard]] static Status parseCluster(const QString& path, ScanSink& sink);

    // One element of Results[] (or its Vulnerabilities/Misconfigurations/Secrets element) turned
    // into a finding; shared with the cluster report, whose resources hold the same Results.
    static Finding vulnerability(const QJsonObject& v, const QString& target);
    static Finding misconfiguration(const QJsonObject& m, const QString& target);
    static Finding secret(const QJsonObject& s, const QString& target);
};

} // namespace tollgate
