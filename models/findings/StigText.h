#pragma once

#include "base/Result.h"
#include "findings/Finding.h"

#include <QString>
#include <QStringList>

class QXmlStreamReader;

namespace tollgate {

// One rule of a STIG checklist (CKL or CKLB) as the file states it, before it becomes a Finding.
struct StigRule
{
    QString vulnId;   // V-ID: Vuln_Num / group_id
    QString ruleId;   // SV-..._rule: Rule_ID / rule_id_src
    QString stigId;   // STIG id of the rule: Rule_Ver / rule_version
    QString severity; // high, medium, low
    QString groupTitle;
    QString ruleTitle;
    QStringList ccis; // as given
    QStringList legacy;
    QString status; // as given: Open, NotAFinding, not_a_finding, ...
    QString findingDetails;
    QString comments;
    QString severityOverride;
    QString justification;
    QString benchmark; // "VPN_TRUNCATED V2R5"
    QString stigTitle;
    QStringList unread; // fields present but unreadable, or missing ones a reviewer expects
};

// Helpers the STIG checklist and XCCDF results parsers share.
namespace StigText {

// Open / NotAFinding / Not_Applicable / Not_Reviewed from a checklist status in any spelling
// ("not_a_finding", "NotAFinding", "Not Applicable"); empty when it is none of them.
QString checklistStatus(const QString& raw);
// XCCDF rule-result result -> STIG Viewer status; empty when the word is not an XCCDF result.
QString xccdfStatus(const QString& raw);
// CAT of a severity override ("high", "CAT I", "1", ...); 0 when unreadable.
int overrideCat(const QString& text);
// "VPN_TRUNCATED V2R5" from a STIG id, a version ("2", "V2R5", "003.005") and release info
// ("Release: 5 Benchmark Date: ..."); parts missing are left out.
QString benchmarkLabel(const QString& stigId, const QString& version, const QString& releaseInfo);
// "openscap" and "1.2.17" from "cpe:/a:redhat:openscap:1.2.17" or "cpe:2.3:a:navsea:evaluate-stig:1.2407.1".
QString productOfCpe(const QString& cpe, QString* version);
// "A — B" for a subject's display.
QString displayOf(const QString& host, const QStringList& titles);
// The error to return when the reader stands on a DOCTYPE that declares entities, else an ok Status.
[[nodiscard]] Status refuseEntities(const QXmlStreamReader& xml, const QString& path);
// The reader's error as "invalid XML: ..." at its line.
Error xmlError(const QXmlStreamReader& xml, const QString& path);
// Severity, the override and its justification into f (severityOriginal, severityCat, identifiers,
// evidence lines); fields it cannot read go to unread.
void applySeverity(Finding& f, const QString& severity, const QString& override, const QString& justification,
                   QStringList& unread, QStringList& evidence);
// The Finding of one checklist rule, source and subject set; position and line left to the caller.
Finding checklistFinding(const StigRule& rule, const QString& source, const QString& host);

} // namespace StigText

} // namespace tollgate
