#pragma once

#include "graph/Graph.h"
#include "graph/GraphLayout.h"

#include <QFont>
#include <QPainterPath>
#include <QSet>
#include <limits>

class QPainter;

namespace tollgate::reports {

// The diagram part of the network-flow picture, in layout coordinates (points): system boundary,
// namespaces, flows, nodes and badges. The exported diagram (GraphPainter) draws it at full detail;
// the Graph page draws it at the level of detail its zoom allows:
// - Overview: namespaces with bundled namespace-level flows (one line per pair of namespaces, width
//   by count), workloads as plain boxes, no labels, no antialiasing;
// - Shapes: every flow and node shape, no labels, no antialiasing;
// - Full: labels, finding badges, port badges (when few enough flows are in view), antialiased.
// Flows between two namespaces are bundled: they leave their namespace through the side facing the
// other one and run together (a cubic curve through both namespaces' border points, Holten's
// hierarchical bundling with strength 0.8). A collapsed namespace is drawn as its box with a summary;
// its flows end at the box, merged per other end. In a comparison (GraphDiff::merge) added flows get a
// green halo, changed ones amber, removed ones are drawn red and dashed, and added/removed nodes get a
// green/red dashed border. Pure geometry and painting: no store, no widgets.
class GraphCanvas
{
public:
    enum class Detail
    {
        Overview,
        Shapes,
        Full
    };

    // What is selected, found or compared; drawn on top of the diagram.
    struct Marks
    {
        int node = -1;    // selected node
        int edge = -1;    // selected edge
        int cluster = -1; // selected (collapsed) namespace
        int match = -1;   // the node "find" centred
    };

    // One drawn line that stands for several flows (collapsed namespaces, overview).
    struct Bundle
    {
        int from = 0; // node index, or -(cluster index + 1); at overview -(clusters + 1) stands for every
                      // external block and -(clusters + 2) for every entry point
        int to = 0;
        QList<int> edges;
        QString mtls; // the common mTLS state, or "mixed"
        QLineF line;
    };

    GraphCanvas(const Graph& graph, const GraphLayout::Positions& positions);

    const Graph& graph() const { return m_graph; }
    QRectF bounds() const { return m_bounds; }
    QRectF nodeRect(int node) const { return m_nodeRects.value(node); }
    QRectF clusterRect(int cluster) const { return m_pos.clusters.value(cluster); }
    int clusterOf(int node) const { return m_nodeCluster.value(node, -1); }
    const QPainterPath& edgePath(int edge) const { return m_edges[edge].path; }

    void setCollapsed(const QSet<int>& clusters);
    const QSet<int>& collapsed() const { return m_collapsed; }
    bool isVisible(int node) const; // false inside a collapsed namespace
    void setPortBadgeLimit(int limit) { m_portBadgeLimit = limit; }
    // Above this many flows in view, flows are drawn without antialiasing (on screen: dashed smooth
    // strokes are what makes a close-zoom frame slow). Exports keep the default: always smooth.
    void setSmoothEdgeLimit(int limit) { m_smoothEdgeLimit = limit; }

    // Device pixels per point -> what to draw.
    static Detail detailFor(qreal scale);
    // Paints what lies in `area` (layout coordinates; the painter maps them to the device). `scale` is the
    // device pixels per point, used for line widths and screen-sized text at low detail.
    void paint(QPainter& p, const QRectF& area, qreal scale, Detail detail) const;
    // Selection, search hit and the selected element's flows, over what paint() drew.
    void paintMarks(QPainter& p, const Marks& marks, qreal scale) const;

    // Hit tests in layout coordinates; -1 when nothing is there. `tolerance` in points.
    int nodeAt(const QPointF& at) const;
    int edgeAt(const QPointF& at, qreal tolerance) const;
    // Every flow within `tolerance`, nearest first (bundled flows run close together).
    QList<int> edgesAt(const QPointF& at, qreal tolerance) const;
    int clusterAt(const QPointF& at) const;
    // Edges drawn for the current collapse state and detail (bundles stand for merged ones).
    QList<Bundle> bundles(Detail detail) const;

    // Shared drawing pieces (the legend uses them too).
    static QFont font(qreal px, bool bold = false);
    static void paintShape(QPainter& p, const QString& shape, const QRectF& r);
    static void setEdgePen(QPainter& p, const QString& mtls, qreal width = 1.2);
    static void arrowHead(QPainter& p, const QPointF& tip, const QPointF& from, qreal size = 8);
    static QPointF clipToRect(const QRectF& r, const QPointF& to);

private:
    struct EdgeGeometry
    {
        QPainterPath path;
        QPolygonF polyline; // for hit tests
        QRectF box;
        QPointF arrowFrom;
        QPointF badgeAt;
    };

    void computeEdges();
    QList<Bundle> aggregate(const QSet<int>& collapsedClusters, bool dropInternal) const;
    void paintBoundary(QPainter& p, qreal scale, Detail detail) const;
    void paintClusters(QPainter& p, const QRectF& area, qreal scale, Detail detail) const;
    void paintEdges(QPainter& p, const QRectF& area, qreal scale, Detail detail) const;
    void paintBundles(QPainter& p, const QList<Bundle>& bundles, const QRectF& area, qreal scale,
                      Detail detail) const;
    void paintNodes(QPainter& p, const QRectF& area, qreal scale, Detail detail) const;
    void paintDiff(QPainter& p, const QRectF& area, qreal scale) const;
    bool edgeHidden(const GraphEdge& e) const;

    const Graph& m_graph;
    const GraphLayout::Positions& m_pos;
    QList<QRectF> m_nodeRects; // grown to fit the full name
    QList<int> m_nodeCluster;
    QList<EdgeGeometry> m_edges;
    QRectF m_bounds;
    QSet<int> m_collapsed;
    QList<Bundle> m_collapsedBundles; // for m_collapsed
    QList<Bundle> m_overviewBundles;  // every namespace merged
    bool m_hasChanges = false;        // some node or flow is marked added/changed/removed (a comparison)
    int m_portBadgeLimit = 600;
    int m_smoothEdgeLimit = std::numeric_limits<int>::max();
};

} // namespace tollgate::reports
