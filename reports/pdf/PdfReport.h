#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <atomic>
#include <functional>

namespace tollgate::reports {

class GraphPainter;

// The review report (the JSON model of ReviewReport::build) as PDF, drawn with QPdfWriter and
// QPainter: a title page with the recommendation, residual risk and open findings; a table of
// contents with page numbers; the marking banner at the top and bottom of every page and "Page N of
// M"; the network-flow diagram as vector graphics on its own page (landscape when wide); and every
// table paginated with repeated headers and wrapped, never elided, cells. Needs a QGuiApplication.
class PdfReport
{
public:
    struct Options
    {
        // The diagram painted directly (vector); without one the SVG in the model is drawn (also vector).
        const GraphPainter* diagram = nullptr;
        const std::atomic_bool* cancel = nullptr;
        std::function<void(int percent, const QString& step)> progress;
    };

    [[nodiscard]] static Result<QByteArray> render(const QJsonObject& report, const Options& options);
    // The text of one table cell for a model value: lists one item a line, objects as "key: value".
    static QString cellText(const QJsonValue& value);
    // Sets the creation and modification dates and the document ID from `date` and the content,
    // so the same report renders to the same bytes (QPdfWriter writes the wall clock and a random
    // document ID). The replacements keep every byte offset.
    static QByteArray makeDeterministic(QByteArray pdf, const QDateTime& date);
};

} // namespace tollgate::reports
