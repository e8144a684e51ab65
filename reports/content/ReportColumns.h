#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace tollgate::reports {

// The columns of the review report's tables, one list per table, so that the HTML and the PDF show
// the same columns under the same headings: (key in the report model's row, heading).
class ReportColumns
{
public:
    using Columns = QList<QPair<QString, QString>>;

    // inputs, scans, changes, boundary_flows, control_results, scan_findings, inventory, mesh,
    // skipped_documents; empty for another name.
    static Columns of(const QString& table);
};

} // namespace tollgate::reports
