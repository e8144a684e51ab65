#pragma once

#include "findings/Finding.h"

namespace tollgate {

// The stable identity a review decision is keyed by (DESIGN 6): the vulnerability or rule id and
// its subject, never a row id. A vulnerability's subject is the image repository (so a decision
// survives a rebuilt tag), with the package, since one CVE can hit several packages; a check's
// subject is the workload namespace/Kind/name, or what the scan names when there is no workload.
class FindingIdentity
{
public:
    static QString of(const Finding& f);
    static QString subjectOf(const Finding& f);
};

} // namespace tollgate
