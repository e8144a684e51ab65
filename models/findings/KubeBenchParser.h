#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// kube-bench --json: Controls[].tests[].results[] with PASS, FAIL, WARN and INFO, for the CIS
// benchmarks and the DISA STIG profiles (where test_number is a V-ID). The subject is the node type
// the control section covers (master, etcd, controlplane, node, policies).
class KubeBenchParser
{
public:
    [[nodiscard]] static Status parse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
