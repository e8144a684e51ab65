#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tollgate {

// Small helpers the scan parsers share.
namespace ScanText {

// "alpine@sha256:abc" -> "sha256:abc"; "sha256:abc" stays; anything else -> "".
QString digestOf(const QString& text);
// The strings of a JSON array, skipping non-strings and blanks.
QStringList strings(const QJsonArray& array);
// "CVE-..." -> {"cve": id}, "GHSA-..." -> {"ghsa": id}, other vendor ids -> {"advisory": id}.
void addVulnerabilityId(QJsonObject& identifiers, const QString& id);
// Where a finding came from in a streamed JSON file: "/Results/0/Vulnerabilities/3 (line 120)".
QString positionOf(const QString& pointer, int line);
// Pass/fail words of the tools -> STIG Viewer status (Open, NotAFinding, Not_Applicable, Not_Reviewed).
QString resultFor(const QString& toolStatus);

} // namespace ScanText

} // namespace tollgate
