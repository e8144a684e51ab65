#pragma once

#include "graph/Graph.h"

#include <QJsonObject>
#include <QStringList>
#include <QVector>

namespace tollgate {

// Flows counted namespace by namespace: rows are where flows start, columns where they end. Entry
// points count as "(outside)", external IP blocks as "(external)". Built from a (filtered) graph, so
// the Flows page's matrix and `flows --matrix` agree with the diagram.
class FlowMatrix
{
public:
    static QString outside() { return QStringLiteral("(outside)"); }
    static QString external() { return QStringLiteral("(external)"); }

    static FlowMatrix fromGraph(const Graph& graph);

    const QStringList& labels() const { return m_labels; } // namespaces sorted, then (outside), (external)
    int count(int from, int to) const { return m_counts.value(from * m_labels.size() + to); }
    int total() const { return m_total; }

    QString csv() const;
    QString txt() const;
    QJsonObject json() const;

private:
    QStringList m_labels;
    QVector<int> m_counts; // row-major
    int m_total = 0;
};

} // namespace tollgate
