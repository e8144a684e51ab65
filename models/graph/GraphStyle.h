#pragma once

#include "graph/Graph.h"

namespace tollgate {

// How the diagram shows things, shared by the DOT export (models) and the painter (reports): node
// shape by kind (Graphviz shape names), edge line style by mTLS state, and the legend's words.
class GraphStyle
{
public:
    // box, cylinder, hexagon, octagon, ellipse, invhouse (entry points), parallelogram (external blocks)
    static QString shapeFor(const GraphNode& node);
    // solid (strict), dashed (permissive), dotted (plaintext), bold (fails), tapered (not in mesh)
    static QString lineFor(const QString& mtls);
    // The mTLS states in legend order, and how the legend names them.
    static QStringList mtlsStates();
    static QString mtlsLabel(const QString& mtls);
    // The kinds in legend order with their shapes ("Deployment", "box"), ...
    static QList<std::pair<QString, QString>> shapeLegend();
};

} // namespace tollgate
