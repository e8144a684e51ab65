#pragma once

#include "diagram/GraphCanvas.h"

#include <QPixmap>
#include <QWidget>
#include <memory>

namespace tollgate {
class GraphSession;
}

namespace tollgate::ui {

// The interactive diagram: pan (drag, arrow keys), zoom (wheel, +/-, 0 fits), click a node, an edge or
// a collapsed namespace to select it, double-click a namespace to collapse or expand it. Draws with
// GraphCanvas at the level of detail the zoom allows; the diagram without the selection is kept as a
// picture (the static layer) until the view, the graph or the collapse state changes, so selecting
// repaints only the marks.
class GraphView : public QWidget
{
    Q_OBJECT
public:
    // Graphs with fewer nodes open at a readable zoom instead of fitted.
    static constexpr int ReadableBelow = 300;
    // Flows in view above which they are drawn without antialiasing (bench_graph measures the frame).
    static constexpr int SmoothEdgeLimit = 250;

    explicit GraphView(GraphSession* session, QWidget* parent = nullptr);
    ~GraphView() override;

    // Device pixels per layout point.
    qreal scale() const { return m_scale; }
    void setScale(qreal scale, const QPointF& anchorWidget = QPointF(-1, -1));
    void fitAll();
    void centerOn(const QPointF& layoutPoint);
    void centerOnNode(int node);
    QPointF toWidget(const QPointF& layoutPoint) const;
    QPointF toLayout(const QPointF& widgetPoint) const;
    // The widget point at the centre of a node, or of the middle of an edge (for tests and keyboard use).
    QPointF nodePoint(int node) const;
    QPointF edgePoint(int edge) const;
    const reports::GraphCanvas* canvas() const { return m_canvas.get(); }
    int selectedCluster() const { return m_cluster; }
    int matchNode() const { return m_match; }
    void setMatchNode(int node);

Q_SIGNALS:
    void clusterSelected(int cluster);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onGraphChanged();
    void onLayoutChanged();
    void invalidate();
    void clickAt(const QPointF& widgetPoint);

    GraphSession* m_session;
    std::unique_ptr<reports::GraphCanvas> m_canvas;
    qreal m_scale = 1.0;
    QPointF m_origin; // the layout point at the widget's top-left corner
    QPixmap m_static;
    bool m_staticValid = false;
    bool m_dragging = false;
    bool m_moved = false;
    QPoint m_pressAt;
    QPointF m_pressOrigin;
    int m_cluster = -1;
    int m_match = -1;
    bool m_fitPending = true;
};

} // namespace tollgate::ui
