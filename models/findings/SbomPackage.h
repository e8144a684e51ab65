#pragma once

#include <QString>

namespace tollgate {

// One package of an image (or cluster) from an SBOM: inventory, not a finding.
struct SbomPackage
{
    QString name;
    QString version;
    QString type; // library, operating-system, application, container, rpm, ...
    QString purl;
    QString licenses;
};

} // namespace tollgate
