#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"

namespace tollgate {

// DISA STIG Viewer checklists: CKL (STIG Viewer 2, XML, read with QXmlStreamReader) and CKLB
// (STIG Viewer 3, JSON). One finding per rule of every STIG in the file, with V-ID, rule id, STIG
// id, CCIs, status (Open, NotAFinding, Not_Applicable, Not_Reviewed), finding details, comments and
// severity overrides with their justification. The subject is the checklist's asset.
class StigChecklistParser
{
public:
    [[nodiscard]] static Status parseCkl(const QString& path, ScanSink& sink);
    [[nodiscard]] static Status parseCklb(const QString& path, ScanSink& sink);
};

} // namespace tollgate
