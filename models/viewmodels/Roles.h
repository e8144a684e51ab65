#pragma once

#include <Qt>

namespace tollgate {

// Semantic roles of Tollgate's item models. The models say what a cell means; ui/ delegates turn
// that into colours and icons.
enum Roles
{
    RowRole = Qt::UserRole + 1, // the whole row as a QJsonObject
    SortRole,                   // a value that sorts right (numbers as numbers)
    ObjectIdRole,               // the stored object behind the row, for the details panel
    KindRole,                   // what kind of thing the row is (workload kind, exposure kind, ...)
    ExposedRole,                // bool: reachable from outside the cluster
    SeverityRole,               // CAT 1..3, 0 for none
    StatusRole,                 // Open, NotAFinding, Not_Applicable, Not_Reviewed
    DecisionRole,               // approved, rejected, needs-info, refer-ao
};

} // namespace tollgate
