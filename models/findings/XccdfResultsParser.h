#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// XCCDF 1.1 and 1.2 results (OpenSCAP, DISA SCC, Evaluate-STIG; prefixed or not), read with
// QXmlStreamReader: the TestResult's target and facts, and one finding per rule-result with its
// result and idents (CCI kept as it comes).
class XccdfResultsParser
{
public:
    [[nodiscard]] static Status parse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
