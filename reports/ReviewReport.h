#pragma once

#include "Result.h"
#include "Tailoring.h"

#include <QJsonObject>
#include <QString>

namespace tollgate {

class Workspace;

// The review report's content (DESIGN 8) as one JSON document, the model every format renders:
// the recommendation and residual risk first, open findings by CAT, the title block with the digest
// of every input, the ports/protocols/services that cross the boundary, inventory, mesh state,
// findings by control with their review history and risk acceptances, the changes with their
// decisions (change review), limitations, and the hash of the newest audit-log entry.
class ReviewReport
{
public:
    struct Options
    {
        QString kind = QStringLiteral("snapshot"); // snapshot or changes
        qint64 snapshotId = 0;                     // 0: the latest
        qint64 baseId = 0;                         // changes: 0 = the baseline, else the first
        QString recommendation;
        QString residualRisk;
        QString marking = QStringLiteral("CUI");
        QString reviewer;
        bool runControls = true; // run (or reuse) the control checks on the snapshot first
        Tailoring tailoring;
    };

    [[nodiscard]] static Result<QJsonObject> build(Workspace& ws, const Options& options);
    static QByteArray json(const QJsonObject& report);
    static QByteArray html(const QJsonObject& report);
};

} // namespace tollgate
