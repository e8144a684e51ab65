#include "diagram/GraphExport.h"

#include <QBuffer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace tollgate::reports {

namespace {
Status needsGui(const QString& path)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return Error(path, 0, QStringLiteral("drawing needs a QGuiApplication (offscreen is fine)"));
    return {};
}
} // namespace

Status GraphExport::svg(const GraphPainter& painter, const QString& path)
{
    if (auto s = needsGui(path); !s)
        return s;
    const QSizeF page = painter.pageSize();
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(page.toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), page));
    gen.setResolution(72);
    gen.setTitle(QStringLiteral("Network-flow diagram"));
    gen.setDescription(QStringLiteral("Tollgate network-flow diagram"));
    QPainter p;
    if (!p.begin(&gen))
        return Error(path, 0, QStringLiteral("cannot write the SVG file"));
    painter.paint(p);
    if (!p.end())
        return Error(path, 0, QStringLiteral("cannot write the SVG file"));
    if (QFileInfo(path).size() == 0)
        return Error(path, 0, QStringLiteral("cannot write the SVG file"));
    return {};
}

Result<QByteArray> GraphExport::svgBytes(const GraphPainter& painter)
{
    if (auto s = needsGui(QStringLiteral("diagram")); !s)
        return s.error();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QSizeF page = painter.pageSize();
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(page.toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), page));
    gen.setResolution(72);
    gen.setTitle(QStringLiteral("Network-flow diagram"));
    gen.setDescription(QStringLiteral("Tollgate network-flow diagram"));
    QPainter p;
    if (!p.begin(&gen))
        return Error(QStringLiteral("cannot draw the diagram"));
    painter.paint(p);
    p.end();
    return buffer.data();
}

Status GraphExport::png(const GraphPainter& painter, const QString& path, qreal scale)
{
    if (auto s = needsGui(path); !s)
        return s;
    const QSizeF page = painter.pageSize();
    // Keep the raster within what QImage and a viewer handle (about 16k pixels a side).
    const qreal side = qMax(page.width(), page.height());
    if (side * scale > 16000)
        scale = qMax<qreal>(0.25, 16000 / side);
    QImage img((page * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (img.isNull())
        return Error(path, 0, QStringLiteral("the diagram is too large for a PNG; export SVG instead"));
    img.fill(Qt::white);
    {
        QPainter p(&img);
        p.scale(scale, scale);
        painter.paint(p);
    }
    if (!img.save(path, "PNG"))
        return Error(path, 0, QStringLiteral("cannot write the PNG file"));
    return {};
}

Status GraphExport::write(const GraphPainter& painter, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return svg(painter, path);
    if (suffix == QLatin1String("png"))
        return png(painter, path);
    return Error(path, 0, QStringLiteral("unknown picture format (use .svg or .png)"));
}

} // namespace tollgate::reports
