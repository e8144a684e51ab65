#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// Software bills of materials: CycloneDX JSON, SPDX 2.x JSON, and DSSE envelopes (one per line,
// `.jsonl` as cosign writes them) whose in-toto statement carries a CycloneDX or SPDX predicate.
// An SBOM yields the packages of an image (or a cluster, for a trivy KBOM), never findings.
class SbomParser
{
public:
    [[nodiscard]] static Status parseCycloneDx(const QString& path, ScanSink& sink);
    [[nodiscard]] static Status parseSpdx(const QString& path, ScanSink& sink);
    [[nodiscard]] static Status parseDsse(const QString& path, ScanSink& sink);
};

} // namespace tollgate
