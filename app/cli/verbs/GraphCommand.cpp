#include "app/cli/verbs/GraphCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "diagram/GraphExport.h"
#include "diagram/GraphPainter.h"
#include "findings/Severity.h"
#include "graph/GraphBuilder.h"
#include "graph/GraphDiff.h"
#include "graph/GraphDot.h"
#include "graph/GraphStyle.h"
#include "posture/GraphBadges.h"
#include "store/ChangeStore.h"
#include "store/FlowStore.h"
#include "store/GraphLayoutStore.h"
#include "store/SnapshotStore.h"

#include <QFile>
#include <QFileInfo>

namespace tollgate::cli {

void GraphCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Write the diagram to FILE: .svg, .png or .dot (by the suffix)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("namespace"),
                      QStringLiteral("Only this namespace (repeat, or separate with commas)."),
                      QStringLiteral("NS")});
    parser.addOption(
        {QStringLiteral("focus"),
         QStringLiteral("Only this workload (name, ns/name or ns/name[Kind]) and its neighbours."),
         QStringLiteral("WORKLOAD")});
    parser.addOption({QStringLiteral("depth"), QStringLiteral("Neighbours of --focus to this depth: 1 or 2."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("blast-radius"),
                      QStringLiteral("With --focus: everything the workload can reach, transitively, along "
                                     "allowed flows (what a compromise of it exposes).")});
    parser.addOption({QStringLiteral("hide-namespace"),
                      QStringLiteral("Leave these namespaces out (repeat, or separate with commas)."),
                      QStringLiteral("NS")});
    parser.addOption({QStringLiteral("no-external"),
                      QStringLiteral("Leave external IP blocks and the flows to and from them out.")});
    parser.addOption({QStringLiteral("mtls"),
                      QStringLiteral("Only flows in this mTLS state: strict, permissive, plaintext, fails, "
                                     "not-in-mesh."),
                      QStringLiteral("STATE")});
    parser.addOption(
        {QStringLiteral("compare"),
         QStringLiteral("Highlight flows added, changed and removed since snapshot ID (\"baseline\": "
                        "the approved baseline)."),
         QStringLiteral("ID")});
    parser.addOption({QStringLiteral("exposed"),
                      QStringLiteral("Only workloads an entry point or an external block reaches.")});
    parser.addOption(
        {QStringLiteral("min-cat"),
         QStringLiteral("Only workloads with an open finding at this CAT (I, II, III) or worse."),
         QStringLiteral("CAT")});
    parser.addOption({QStringLiteral("protocol"), QStringLiteral("Only flows allowing TCP, UDP or SCTP."),
                      QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("port"), QStringLiteral("Only flows allowing this port."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("inherited"),
         QStringLiteral("Namespaces drawn as inherited platform parts, comma-separated (default: "
                        "istio-system, kube-system, monitoring, istio-ingress, istio-gateways; "
                        "empty for none)."),
         QStringLiteral("NS,...")});
    parser.addOption({QStringLiteral("scale"), QStringLiteral("PNG pixels per point (default 2)."),
                      QStringLiteral("F"), QStringLiteral("2")});
    parser.addOption({QStringLiteral("marking"),
                      QStringLiteral("The marking banner (default: UNCLASSIFIED)."), QStringLiteral("TEXT"),
                      QStringLiteral("UNCLASSIFIED")});
    parser.addOption(
        {QStringLiteral("system"),
         QStringLiteral("The system name in the title block (default: the workspace's file name)."),
         QStringLiteral("NAME")});
}

int GraphCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return usageError(ctx, QStringLiteral("give one workspace"));
    const QString out = parser.value(QStringLiteral("out"));
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (out.isEmpty() ||
        !(suffix == QLatin1String("svg") || suffix == QLatin1String("png") || suffix == QLatin1String("dot")))
        return usageError(ctx, QStringLiteral("--out FILE.svg, FILE.png or FILE.dot is required"));

    GraphBuilder::Filter filter;
    for (const QString& v : parser.values(QStringLiteral("namespace")))
        for (const QString& ns : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
            filter.namespaces << ns.trimmed();
    if (parser.isSet(QStringLiteral("inherited"))) {
        filter.inheritedSet = true;
        for (const QString& ns :
             parser.value(QStringLiteral("inherited")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            filter.inherited << ns.trimmed();
    }
    for (const QString& v : parser.values(QStringLiteral("hide-namespace")))
        for (const QString& ns : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
            filter.hiddenNamespaces << ns.trimmed();
    filter.focus = parser.value(QStringLiteral("focus"));
    filter.blastRadius = parser.isSet(QStringLiteral("blast-radius"));
    filter.hideExternal = parser.isSet(QStringLiteral("no-external"));
    if (filter.blastRadius && filter.focus.isEmpty())
        return usageError(ctx, QStringLiteral("--blast-radius needs --focus WORKLOAD"));
    filter.mtls = parser.value(QStringLiteral("mtls")).toLower();
    if (!filter.mtls.isEmpty() && !GraphStyle::mtlsStates().contains(filter.mtls))
        return usageError(
            ctx,
            QStringLiteral("--mtls is one of: %1").arg(GraphStyle::mtlsStates().join(QStringLiteral(", "))));
    bool ok = false;
    filter.depth = parser.value(QStringLiteral("depth")).toInt(&ok);
    if (!ok || filter.depth < 1 || filter.depth > 2)
        return usageError(ctx, QStringLiteral("--depth is 1 or 2"));
    filter.exposedOnly = parser.isSet(QStringLiteral("exposed"));
    if (parser.isSet(QStringLiteral("min-cat"))) {
        filter.minCat = Severity::parseCat(parser.value(QStringLiteral("min-cat")));
        if (!filter.minCat)
            return usageError(ctx, QStringLiteral("--min-cat is I, II or III"));
    }
    filter.protocol = parser.value(QStringLiteral("protocol")).toUpper();
    if (!filter.protocol.isEmpty() && filter.protocol != QLatin1String("TCP") &&
        filter.protocol != QLatin1String("UDP") && filter.protocol != QLatin1String("SCTP"))
        return usageError(ctx, QStringLiteral("--protocol is TCP, UDP or SCTP"));
    if (parser.isSet(QStringLiteral("port"))) {
        filter.port = parser.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || filter.port < 1 || filter.port > 65535)
            return usageError(ctx, QStringLiteral("--port is 1-65535"));
    }

    auto ws = WorkspaceAccess::open(pos.first(), Workspace::OpenMode::ReadWrite, ctx, name());
    if (!ws)
        return ExitUsage;
    const qint64 snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
    if (!snap)
        return ExitUsage;
    auto flows = FlowStore(*ws).flows(snap);
    if (!flows)
        return inputError(ctx, flows.error().toString());
    auto badges = GraphBadges::forSnapshot(*ws, snap);
    if (!badges)
        return inputError(ctx, badges.error().toString());
    Graph graph = GraphBuilder::build(flows.value(), badges.value(), filter);
    if (!filter.focus.isEmpty() && graph.nodes.isEmpty())
        return usageError(ctx, QStringLiteral("no workload matches --focus %1").arg(filter.focus));

    GraphDiff diff;
    QString comparedWith;
    if (parser.isSet(QStringLiteral("compare"))) {
        const QString v = parser.value(QStringLiteral("compare"));
        qint64 base = 0;
        if (v == QLatin1String("baseline")) {
            auto b = ChangeStore(*ws).baseline();
            if (!b)
                return inputError(ctx, b.error().toString());
            base = b->value(QLatin1String("snapshot")).toInteger();
            if (!base)
                return usageError(ctx, QStringLiteral("--compare baseline: no baseline is approved yet"));
        } else {
            base = WorkspaceAccess::snapshotByName(*ws, v, ctx, name());
            if (!base)
                return ExitUsage;
        }
        auto before = FlowStore(*ws).flows(base);
        if (!before)
            return inputError(ctx, before.error().toString());
        const Graph old = GraphBuilder::build(before.value(), badges.value(), filter);
        diff = GraphDiff::compare(old, graph);
        graph = GraphDiff::merge(old, graph); // one layout for both: nodes keep their places
        comparedWith = QStringLiteral("snapshot %1").arg(base);
    }

    auto info = SnapshotStore(*ws).get(snap);
    if (!info)
        return inputError(ctx, info.error().toString());
    GraphDot::Title title;
    title.marking = parser.value(QStringLiteral("marking"));
    title.system = parser.isSet(QStringLiteral("system")) ? parser.value(QStringLiteral("system"))
                                                          : QFileInfo(pos.first()).completeBaseName();
    title.cluster = info->cluster;
    title.snapshot = info->label.isEmpty()
                         ? QString::number(snap)
                         : QStringLiteral("%1 (%2)").arg(QString::number(snap), info->label);
    title.date = info->importedAt.left(10);

    if (suffix == QLatin1String("dot")) {
        QFile f(out);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(GraphDot::dot(graph, title).toUtf8()) < 0)
            return inputError(ctx, QStringLiteral("%1: cannot write: %2").arg(out, f.errorString()));
    } else {
        bool cached = false;
        auto positions = GraphLayoutStore(*ws).positions(snap, graph, &cached);
        if (!positions)
            return inputError(ctx, positions.error().toString());
        reports::GraphPainter::Options o;
        o.marking = title.marking;
        o.system = title.system;
        o.cluster = title.cluster;
        o.snapshot = title.snapshot;
        o.date = title.date;
        o.comparedWith = comparedWith;
        const reports::GraphPainter painter(graph, positions.value(), o);
        const qreal scale = parser.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || scale <= 0 || scale > 8)
            return usageError(ctx, QStringLiteral("--scale is a number above 0, at most 8"));
        const Status s = suffix == QLatin1String("png") ? reports::GraphExport::png(painter, out, scale)
                                                        : reports::GraphExport::svg(painter, out);
        if (!s)
            return inputError(ctx, s.error().toString());
    }
    ctx.out << QStringLiteral("%1: %2 nodes, %3 flows (of %4 stored)\n")
                   .arg(out)
                   .arg(graph.nodes.size())
                   .arg(graph.edges.size())
                   .arg(graph.storedEdges);
    if (parser.isSet(QStringLiteral("compare")))
        ctx.out << QStringLiteral("compared with %1: %2 flows added, %3 changed, %4 removed\n")
                       .arg(comparedWith)
                       .arg(diff.added.size())
                       .arg(diff.changed.size())
                       .arg(diff.removed.size());
    return ExitOk;
}

} // namespace tollgate::cli
