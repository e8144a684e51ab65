#include "ui/widgets/GraphView.h"

#include "viewmodels/GraphSession.h"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtMath>

namespace tollgate::ui {

namespace {
constexpr qreal kMinScale = 0.01;
constexpr qreal kMaxScale = 4.0;
} // namespace

GraphView::GraphView(GraphSession* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 240);
    setAccessibleName(tr("Service graph"));
    connect(m_session, &GraphSession::graphChanged, this, &GraphView::onGraphChanged);
    connect(m_session, &GraphSession::layoutChanged, this, &GraphView::onLayoutChanged);
    connect(m_session, &GraphSession::collapseChanged, this, [this] {
        if (m_canvas)
            m_canvas->setCollapsed(m_session->collapsedClusters());
        invalidate();
    });
    connect(m_session, &GraphSession::selectionChanged, this, [this] {
        if (m_session->selectedNode() >= 0 || m_session->selectedEdge() >= 0)
            m_cluster = -1;
        update();
    });
    onGraphChanged();
    onLayoutChanged();
}

GraphView::~GraphView() = default;

void GraphView::onGraphChanged()
{
    m_canvas.reset(); // the old graph is gone; the new layout may still be coming
    m_cluster = -1;
    m_match = -1;
    invalidate();
}

void GraphView::onLayoutChanged()
{
    if (!m_session->positions()) {
        m_canvas.reset();
        invalidate();
        return;
    }
    m_canvas = std::make_unique<reports::GraphCanvas>(m_session->graph(), *m_session->positions());
    m_canvas->setSmoothEdgeLimit(SmoothEdgeLimit);
    m_canvas->setCollapsed(m_session->collapsedClusters());
    m_fitPending = true;
    fitAll();
    // A small graph opens readable (names and badges) from its left edge, where the ways in are, rather
    // than fitted too small to read; 0 or Fit shows it whole.
    if (m_session->graph().nodes.size() < ReadableBelow && m_scale < 0.8) {
        m_scale = 0.8;
        const QRectF b = m_canvas->bounds();
        m_origin = QPointF(b.left() - 20, b.center().y() - height() / (2 * m_scale));
        m_fitPending = false;
        invalidate();
    }
}

void GraphView::invalidate()
{
    m_staticValid = false;
    update();
}

QPointF GraphView::toWidget(const QPointF& p) const
{
    return (p - m_origin) * m_scale;
}

QPointF GraphView::toLayout(const QPointF& w) const
{
    return w / m_scale + m_origin;
}

void GraphView::setScale(qreal scale, const QPointF& anchorWidget)
{
    const QPointF anchor = anchorWidget.x() < 0 ? QPointF(width() / 2.0, height() / 2.0) : anchorWidget;
    const QPointF fixed = toLayout(anchor);
    m_scale = qBound(kMinScale, scale, kMaxScale);
    m_origin = fixed - anchor / m_scale;
    invalidate();
}

void GraphView::fitAll()
{
    if (!m_canvas || width() <= 0 || height() <= 0)
        return;
    const QRectF b = m_canvas->bounds().adjusted(-20, -20, 20, 20);
    if (b.isEmpty())
        return;
    m_scale = qBound(kMinScale, qMin(width() / b.width(), height() / b.height()), kMaxScale);
    m_origin = b.center() - QPointF(width(), height()) / (2 * m_scale);
    m_fitPending = false;
    invalidate();
}

void GraphView::centerOn(const QPointF& p)
{
    m_origin = p - QPointF(width(), height()) / (2 * m_scale);
    invalidate();
}

void GraphView::centerOnNode(int node)
{
    if (!m_canvas || node < 0)
        return;
    const int c = m_canvas->clusterOf(node);
    if (c >= 0 && !m_canvas->isVisible(node))
        m_session->setCollapsed(m_session->graph().clusters[c].ns, false);
    // Close enough to read the name.
    if (m_scale < 0.8)
        m_scale = 1.0;
    centerOn(m_canvas->nodeRect(node).center());
}

QPointF GraphView::nodePoint(int node) const
{
    return m_canvas ? toWidget(m_canvas->nodeRect(node).center()) : QPointF();
}

QPointF GraphView::edgePoint(int edge) const
{
    if (!m_canvas || edge < 0 || edge >= m_session->graph().edges.size())
        return {};
    return toWidget(m_canvas->edgePath(edge).pointAtPercent(0.5));
}

void GraphView::setMatchNode(int node)
{
    m_match = node;
    update();
}

void GraphView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (!m_canvas) {
        p.fillRect(rect(), palette().base());
        p.setPen(palette().text().color());
        const Graph& g = m_session->graph();
        QString text;
        if (!m_session->workspace())
            text = tr("Open a workspace to see its service graph.");
        else if (m_session->snapshotId() <= 0)
            text = tr("Import a snapshot to see its service graph.");
        else if (g.nodes.isEmpty())
            text = tr("No workload matches the filters.");
        else
            text = tr("Laying out %1 nodes and %2 flows...").arg(g.nodes.size()).arg(g.edges.size());
        p.drawText(rect(), Qt::AlignCenter, text);
        return;
    }
    const qreal dpr = devicePixelRatioF();
    if (!m_staticValid || m_static.size() != size() * dpr) {
        m_static = QPixmap(size() * dpr);
        m_static.setDevicePixelRatio(dpr);
        m_static.fill(Qt::white);
        QPainter sp(&m_static);
        sp.scale(m_scale, m_scale);
        sp.translate(-m_origin);
        const QRectF area(m_origin, QSizeF(width() / m_scale, height() / m_scale));
        m_canvas->paint(sp, area, m_scale * dpr, reports::GraphCanvas::detailFor(m_scale));
        m_staticValid = true;
    }
    p.drawPixmap(0, 0, m_static);
    p.scale(m_scale, m_scale);
    p.translate(-m_origin);
    reports::GraphCanvas::Marks marks;
    marks.node = m_session->selectedNode();
    marks.edge = m_session->selectedEdge();
    marks.cluster = m_cluster;
    marks.match = m_match;
    m_canvas->paintMarks(p, marks, m_scale);
    if (hasFocus()) {
        p.resetTransform();
        p.setPen(QPen(palette().highlight().color(), 2));
        p.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void GraphView::resizeEvent(QResizeEvent*)
{
    if (m_fitPending)
        fitAll();
    invalidate();
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    setScale(m_scale * qPow(1.2, steps), event->position());
    m_fitPending = false;
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_moved = false;
    m_pressAt = event->position().toPoint();
    m_pressOrigin = m_origin;
    setCursor(Qt::ClosedHandCursor);
}

void GraphView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const QPoint d = event->position().toPoint() - m_pressAt;
    if (!m_moved && d.manhattanLength() < 4)
        return;
    m_moved = true;
    m_fitPending = false;
    m_origin = m_pressOrigin - QPointF(d) / m_scale;
    invalidate();
}

void GraphView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    unsetCursor();
    if (!m_moved)
        clickAt(event->position());
}

void GraphView::clickAt(const QPointF& w)
{
    if (!m_canvas)
        return;
    const QPointF at = toLayout(w);
    const int node = m_canvas->nodeAt(at);
    if (node >= 0) {
        m_session->selectNode(node);
        return;
    }
    const int edge = m_canvas->edgeAt(at, 5 / m_scale);
    if (edge >= 0) {
        m_session->selectEdge(edge);
        return;
    }
    const int cluster = m_canvas->clusterAt(at);
    m_session->clearSelection();
    m_cluster = cluster >= 0 && m_canvas->collapsed().contains(cluster) ? cluster : -1;
    update();
    Q_EMIT clusterSelected(m_cluster);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (!m_canvas)
        return;
    const QPointF at = toLayout(event->position());
    if (m_canvas->nodeAt(at) >= 0)
        return;
    const int cluster = m_canvas->clusterAt(at);
    if (cluster < 0)
        return;
    const QString ns = m_session->graph().clusters[cluster].ns;
    m_session->setCollapsed(ns, !m_session->collapsed().contains(ns));
}

void GraphView::keyPressEvent(QKeyEvent* event)
{
    const qreal step = 60 / m_scale;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setScale(m_scale * 1.25);
        break;
    case Qt::Key_Minus:
        setScale(m_scale / 1.25);
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Left:
        m_origin.rx() -= step;
        invalidate();
        break;
    case Qt::Key_Right:
        m_origin.rx() += step;
        invalidate();
        break;
    case Qt::Key_Up:
        m_origin.ry() -= step;
        invalidate();
        break;
    case Qt::Key_Down:
        m_origin.ry() += step;
        invalidate();
        break;
    case Qt::Key_Escape:
        m_session->clearSelection();
        m_cluster = -1;
        update();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    m_fitPending = false;
}

} // namespace tollgate::ui
