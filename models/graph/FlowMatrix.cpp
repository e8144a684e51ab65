#include "graph/FlowMatrix.h"

#include "network/FlowFormatter.h"

#include <QJsonArray>
#include <QSet>

namespace tollgate {

namespace {
QString labelOf(const GraphNode& n)
{
    if (n.type == GraphNode::Type::Entry)
        return FlowMatrix::outside();
    if (n.type == GraphNode::Type::External)
        return FlowMatrix::external();
    return n.ns;
}
} // namespace

FlowMatrix FlowMatrix::fromGraph(const Graph& graph)
{
    FlowMatrix m;
    QSet<QString> ns;
    bool outsideSeen = false, externalSeen = false;
    for (const GraphNode& n : graph.nodes) {
        if (n.type == GraphNode::Type::Workload)
            ns.insert(n.ns);
        outsideSeen |= n.type == GraphNode::Type::Entry;
        externalSeen |= n.type == GraphNode::Type::External;
    }
    m.m_labels = ns.values();
    m.m_labels.sort();
    if (outsideSeen)
        m.m_labels << outside();
    if (externalSeen)
        m.m_labels << external();
    const int size = static_cast<int>(m.m_labels.size());
    m.m_counts.fill(0, size * size);
    for (const GraphEdge& e : graph.edges) {
        const int r = static_cast<int>(m.m_labels.indexOf(labelOf(graph.nodes[e.src])));
        const int c = static_cast<int>(m.m_labels.indexOf(labelOf(graph.nodes[e.dst])));
        if (r < 0 || c < 0)
            continue;
        ++m.m_counts[r * size + c];
        ++m.m_total;
    }
    return m;
}

QString FlowMatrix::csv() const
{
    QString out = QStringLiteral("from\\to");
    for (const QString& l : m_labels)
        out += QLatin1Char(',') + FlowFormatter::csvField(l);
    out += QLatin1Char('\n');
    for (int r = 0; r < m_labels.size(); ++r) {
        out += FlowFormatter::csvField(m_labels[r]);
        for (int c = 0; c < m_labels.size(); ++c)
            out += QLatin1Char(',') + QString::number(count(r, c));
        out += QLatin1Char('\n');
    }
    return out;
}

QString FlowMatrix::txt() const
{
    // Namespace names as rows; columns numbered, with the key underneath (names are long).
    int width = 8;
    for (const QString& l : m_labels)
        width = qMax(width, static_cast<int>(l.size()));
    QString out = QStringLiteral("%1").arg(QStringLiteral("from \\ to"), -width);
    for (int c = 0; c < m_labels.size(); ++c)
        out += QStringLiteral(" %1").arg(c + 1, 5);
    out += QLatin1Char('\n');
    for (int r = 0; r < m_labels.size(); ++r) {
        out += QStringLiteral("%1").arg(m_labels[r], -width);
        for (int c = 0; c < m_labels.size(); ++c)
            out += QStringLiteral(" %1").arg(count(r, c) ? QString::number(count(r, c)) : QStringLiteral("."),
                                             5);
        out += QLatin1Char('\n');
    }
    out += QLatin1Char('\n');
    for (int c = 0; c < m_labels.size(); ++c)
        out += QStringLiteral("%1 = %2\n").arg(c + 1, 3).arg(m_labels[c]);
    out += QStringLiteral("%1 flows\n").arg(m_total);
    return out;
}

QJsonObject FlowMatrix::json() const
{
    QJsonArray rows;
    for (int r = 0; r < m_labels.size(); ++r) {
        QJsonArray row;
        for (int c = 0; c < m_labels.size(); ++c)
            row.append(count(r, c));
        rows.append(row);
    }
    return {{QStringLiteral("labels"), QJsonArray::fromStringList(m_labels)},
            {QStringLiteral("counts"), rows},
            {QStringLiteral("total"), m_total}};
}

} // namespace tollgate
