#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// Grype's JSON (`grype -o json`): the source (image target with manifest digest, repo digests,
// tags, image ID) is read first, then matches[] one at a time. Grype writes `source` after the
// matches, so the file is read twice; neither pass holds more than one match.
class GrypeReportParser
{
public:
    [[nodiscard]] static Status parse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
