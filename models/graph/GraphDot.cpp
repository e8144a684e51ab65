#include "graph/GraphDot.h"

#include "graph/GraphStyle.h"
#include "network/FlowFormatter.h"

#include <QJsonDocument>

namespace tollgate {

namespace {
QString attr(const char* key, const QString& value)
{
    return QLatin1String(key) + QLatin1Char('=') + FlowFormatter::dotId(value);
}

QString nodeLine(const GraphNode& n, const QString& indent)
{
    QStringList a{attr("label", n.name), attr("kind", n.kind), attr("shape", GraphStyle::shapeFor(n))};
    if (!n.ns.isEmpty())
        a << attr("namespace", n.ns);
    if (n.type == GraphNode::Type::Entry)
        a << attr("entry", QStringLiteral("true"));
    if (n.type == GraphNode::Type::External)
        a << attr("external", QStringLiteral("true"));
    if (n.worstCat > 0)
        a << attr("worst_cat", QString::number(n.worstCat))
          << attr("open_findings", QString::number(n.openFindings));
    if (!n.change.isEmpty())
        a << attr("change", n.change);
    return indent + FlowFormatter::dotId(n.id) + QStringLiteral(" [") + a.join(QLatin1Char(' ')) +
           QStringLiteral("]\n");
}
} // namespace

QString GraphDot::dot(const Graph& graph, const Title& title)
{
    QString out = QStringLiteral("digraph \"tollgate\" {\n");
    QStringList head;
    if (!title.marking.isEmpty())
        head << attr("marking", title.marking);
    if (!title.system.isEmpty())
        head << attr("system", title.system);
    if (!title.cluster.isEmpty())
        head << attr("cluster", title.cluster);
    if (!title.snapshot.isEmpty())
        head << attr("snapshot", title.snapshot);
    if (!title.date.isEmpty())
        head << attr("date", title.date);
    head << attr("rankdir", QStringLiteral("LR")) << attr("compound", QStringLiteral("true"));
    out += QStringLiteral("\tgraph [") + head.join(QLatin1Char(' ')) + QStringLiteral("]\n");
    for (const GraphCluster& c : graph.clusters) {
        out += QStringLiteral("\tsubgraph ") + FlowFormatter::dotId(QStringLiteral("cluster_") + c.ns) +
               QStringLiteral(" {\n\t\t") + attr("label", c.ns) + QLatin1Char('\n');
        if (c.inherited)
            out += QStringLiteral("\t\tstyle=\"dashed\" inherited=\"true\"\n");
        for (int i : c.nodes)
            out += nodeLine(graph.nodes[i], QStringLiteral("\t\t"));
        out += QStringLiteral("\t}\n");
    }
    for (const GraphNode& n : graph.nodes)
        if (n.type != GraphNode::Type::Workload)
            out += nodeLine(n, QStringLiteral("\t"));
    for (const GraphEdge& e : graph.edges) {
        QStringList a{attr("ports", e.conn), attr("mtls", e.mtls), attr("style", GraphStyle::lineFor(e.mtls)),
                      attr("why", e.why.join(QStringLiteral("; ")))};
        if (!e.change.isEmpty())
            a << attr("change", e.change);
        if (!e.mtlsWhy.isEmpty())
            a << attr("mtls_why", e.mtlsWhy.join(QStringLiteral("; ")));
        if (!e.mtlsPorts.isEmpty())
            a << attr("mtls_ports",
                      QString::fromUtf8(QJsonDocument(e.mtlsPorts).toJson(QJsonDocument::Compact)));
        const QString authz = e.authz.value(QLatin1String("state")).toString();
        if (!authz.isEmpty())
            a << attr("authz", authz);
        out += QLatin1Char('\t') + FlowFormatter::dotId(graph.nodes[e.src].id) + QStringLiteral(" -> ") +
               FlowFormatter::dotId(graph.nodes[e.dst].id) + QStringLiteral(" [") + a.join(QLatin1Char(' ')) +
               QStringLiteral("]\n");
    }
    out += QStringLiteral("}\n");
    return out;
}

} // namespace tollgate
