#pragma once

#include "base/Result.h"
#include "diagram/GraphPainter.h"

namespace tollgate::reports {

// Writes the diagram as SVG (vector, text kept as text) or PNG (raster at `scale`). Needs a
// QGuiApplication (offscreen is fine).
class GraphExport
{
public:
    [[nodiscard]] static Status svg(const GraphPainter& painter, const QString& path);
    // The same SVG in memory (the review report embeds it).
    [[nodiscard]] static Result<QByteArray> svgBytes(const GraphPainter& painter);
    [[nodiscard]] static Status png(const GraphPainter& painter, const QString& path, qreal scale = 2.0);
    // By the file's suffix: .svg or .png.
    [[nodiscard]] static Status write(const GraphPainter& painter, const QString& path);
};

} // namespace tollgate::reports
