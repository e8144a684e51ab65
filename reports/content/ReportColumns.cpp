#include "reports/content/ReportColumns.h"

#include <QHash>

namespace tollgate::reports {

ReportColumns::Columns ReportColumns::of(const QString& table)
{
    static const QHash<QString, Columns> columns{
        {QStringLiteral("inputs"),
         {{QStringLiteral("path"), QStringLiteral("File")},
          {QStringLiteral("sha256"), QStringLiteral("SHA-256")}}},
        {QStringLiteral("scans"),
         {{QStringLiteral("file"), QStringLiteral("File")},
          {QStringLiteral("format"), QStringLiteral("Format")},
          {QStringLiteral("scanned_at"), QStringLiteral("Scanned")},
          {QStringLiteral("sha256"), QStringLiteral("SHA-256")}}},
        {QStringLiteral("changes"),
         {{QStringLiteral("id"), QStringLiteral("Change")},
          {QStringLiteral("kind"), QStringLiteral("Kind")},
          {QStringLiteral("summary"), QStringLiteral("What")},
          {QStringLiteral("decision"), QStringLiteral("Decision")},
          {QStringLiteral("rationale"), QStringLiteral("Rationale")},
          {QStringLiteral("decided_by"), QStringLiteral("Reviewer")},
          {QStringLiteral("decided_at"), QStringLiteral("When")},
          {QStringLiteral("templates"), QStringLiteral("Template conformance")}}},
        {QStringLiteral("boundary_flows"),
         {{QStringLiteral("from"), QStringLiteral("From")},
          {QStringLiteral("to"), QStringLiteral("To")},
          {QStringLiteral("ports"), QStringLiteral("Ports")},
          {QStringLiteral("mtls"), QStringLiteral("mTLS")}}},
        {QStringLiteral("control_results"),
         {{QStringLiteral("status"), QStringLiteral("Status")},
          {QStringLiteral("subject"), QStringLiteral("Subject")},
          {QStringLiteral("where"), QStringLiteral("Where")},
          {QStringLiteral("evidence"), QStringLiteral("Evidence")},
          {QStringLiteral("risk"), QStringLiteral("Risk acceptance")},
          {QStringLiteral("review_history"), QStringLiteral("Review history")}}},
        {QStringLiteral("scan_findings"),
         {{QStringLiteral("group"), QStringLiteral("Group")},
          {QStringLiteral("source"), QStringLiteral("Source")},
          {QStringLiteral("Open"), QStringLiteral("Open")},
          {QStringLiteral("NotAFinding"), QStringLiteral("NotAFinding")},
          {QStringLiteral("Not_Applicable"), QStringLiteral("N/A")},
          {QStringLiteral("Not_Reviewed"), QStringLiteral("Not reviewed")},
          {QStringLiteral("closed"), QStringLiteral("Closed")}}},
        {QStringLiteral("inventory"),
         {{QStringLiteral("namespace"), QStringLiteral("Namespace")},
          {QStringLiteral("kind"), QStringLiteral("Kind")},
          {QStringLiteral("name"), QStringLiteral("Name")},
          {QStringLiteral("images"), QStringLiteral("Images")}}},
        {QStringLiteral("mesh"),
         {{QStringLiteral("workload"), QStringLiteral("Workload")},
          {QStringLiteral("injected"), QStringLiteral("Sidecar")},
          {QStringLiteral("mode"), QStringLiteral("mTLS mode")},
          {QStringLiteral("access_logging"), QStringLiteral("Access log")},
          {QStringLiteral("egress"), QStringLiteral("Egress")}}},
        {QStringLiteral("skipped_documents"),
         {{QStringLiteral("path"), QStringLiteral("Skipped document")},
          {QStringLiteral("line"), QStringLiteral("Line")},
          {QStringLiteral("reason"), QStringLiteral("Reason")}}},
    };
    return columns.value(table);
}

} // namespace tollgate::reports
