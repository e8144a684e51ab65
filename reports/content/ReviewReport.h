#pragma once

#include "base/Result.h"
#include "controls/Tailoring.h"
#include "diagram/GraphPainter.h"
#include "graph/Graph.h"
#include "graph/GraphLayout.h"

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
        // Sections to leave out (keys of optionalSections()); the report lists them as omitted.
        QStringList omit;
        // With a Diagram to keep: false leaves the SVG text out of the model (the caller paints).
        bool diagramSvg = true;
    };

    // The diagram's graph and layout, kept for a renderer that paints it directly (the PDF) rather
    // than from the SVG in the model. Holds what GraphPainter refers to: keep it in place.
    struct Diagram
    {
        Graph graph;
        GraphLayout::Positions positions;
        reports::GraphPainter::Options options;
        bool valid = false;
    };

    // `diagram`, when given, receives the diagram the report draws.
    [[nodiscard]] static Result<QJsonObject> build(Workspace& ws, const Options& options,
                                                   Diagram* diagram = nullptr);
    // The sections a reviewer may leave out: model key and title. The recommendation, title block,
    // changes, limitations and audit head are always in.
    static QList<QPair<QString, QString>> optionalSections();
    static QByteArray json(const QJsonObject& report);
    static QByteArray html(const QJsonObject& report);
};

} // namespace tollgate
