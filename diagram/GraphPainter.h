#pragma once

#include "diagram/GraphCanvas.h"
#include "graph/Graph.h"
#include "graph/GraphLayout.h"

#include <QColor>
#include <QSizeF>

class QPainter;

namespace tollgate::reports {

// Draws the network-flow diagram with QPainter: marking banners, title block (system, cluster,
// snapshot, date), the system boundary, namespaces as labelled boxes, workloads (shape by kind, full
// names, never elided), entry points and external blocks on the boundary line, flows with direction and
// a protocol/port badge, line style by mTLS state, finding badges, and a legend that explains them.
// The same code paints into an SVG, a PNG and (later) the on-screen view. Needs a QGuiApplication.
class GraphPainter
{
public:
    struct Options
    {
        QString marking = QStringLiteral("UNCLASSIFIED");
        QString system;
        QString cluster;
        QString snapshot;
        QString date;
        int portBadgeLimit = 600; // above this many edges the port badges are left out (the DOT has them)
        QString comparedWith;     // "snapshot 1": what a comparison graph (GraphDiff::merge) compares with
        QSet<int> collapsed;      // namespaces (cluster indices) drawn collapsed, as on the Graph page
        GraphCanvas::Marks marks; // the selection of the Graph page, when exporting what it shows
    };

    GraphPainter(const Graph& graph, const GraphLayout::Positions& positions, Options options);

    // The whole page in painter units (1 unit = 1 pt of the layout).
    QSizeF pageSize() const;
    void paint(QPainter& p) const;

    static QColor catColor(int cat);
    static QColor mtlsColor(const QString& mtls);
    static QColor markingColor(const QString& marking);
    static QString catLabel(int cat);

private:
    void paintBanner(QPainter& p, qreal y) const;
    void paintTitle(QPainter& p, qreal y) const;
    void paintDiagram(QPainter& p) const;
    void paintLegend(QPainter& p, qreal y) const;

    const Graph& m_graph;
    const GraphLayout::Positions& m_pos;
    Options m_options;
    qreal m_width = 0;
};

} // namespace tollgate::reports
