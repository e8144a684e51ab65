#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// MITRE Heimdall Data Format (InSpec and converted tools): one finding per control of every
// profile, its status from the control's results (failed over error over skipped over passed),
// tags kept as identifiers (gid as STIG V-ID, rid, stig_id, cci, nist — NIST only where HDF states
// it), impact mapped to CAT (0.7 and above CAT I, 0.4 and above CAT II, else CAT III).
class HdfParser
{
public:
    [[nodiscard]] static Status parse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
