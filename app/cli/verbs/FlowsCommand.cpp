#include "app/cli/verbs/FlowsCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "graph/FlowMatrix.h"
#include "graph/GraphBuilder.h"
#include "kube/ManifestLoader.h"
#include "network/ConnectivityEngine.h"
#include "network/FlowDiff.h"
#include "network/FlowFormatter.h"
#include "store/FlowStore.h"

#include <QJsonDocument>

namespace tollgate::cli {

void FlowsCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace (or use --dir)."),
                                 QStringLiteral("[WS]"));
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("Analyse manifests in PATH (read recursively) without a workspace."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("txt (default), json, csv, md or dot."),
                      QStringLiteral("F")});
    parser.addOption(
        {QStringLiteral("diff"),
         QStringLiteral("Compare two versions: --diff A B, two directories (or, with WS, two snapshot ids); "
                        "B is the next positional argument.")});
    parser.addOption(
        {QStringLiteral("entries"),
         QStringLiteral("Also list Tollgate's entry nodes: LoadBalancer, NodePort and externalIPs Services, "
                        "host ports, host networking, Istio Gateways (not in netpol-analyzer's output).")});
    parser.addOption(
        {QStringLiteral("mesh"), QStringLiteral("Add the mTLS state of each flow to txt, csv and md.")});
    parser.addOption({QStringLiteral("focus"),
                      QStringLiteral("Only flows from or to this workload (name, ns/name or ns/name[Kind])."),
                      QStringLiteral("WORKLOAD")});
    parser.addOption(
        {QStringLiteral("matrix"),
         QStringLiteral(
             "Count flows namespace by namespace (rows: from, columns: to; entry points are "
             "(outside), external blocks (external)), as the Flows page shows them: txt, csv or json.")});
}

int FlowsCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QString fmt = format(parser, ctx,
                               {QStringLiteral("txt"), QStringLiteral("json"), QStringLiteral("csv"),
                                QStringLiteral("md"), QStringLiteral("dot")});
    if (fmt.isEmpty())
        return ExitUsage;
    const QStringList pos = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("diff")))
        return diff(parser, ctx, fmt);
    const bool dir = parser.isSet(QStringLiteral("dir"));
    if (dir == (pos.size() == 1) || pos.size() > 1)
        return usageError(ctx, QStringLiteral("give either a workspace or --dir PATH"));

    ConnectivityResult result;
    if (dir) {
        auto computed = computeDirectory(parser.value(QStringLiteral("dir")), ctx);
        if (!computed)
            return ExitUsage;
        result = std::move(*computed);
    } else {
        auto ws = WorkspaceAccess::open(pos.first(), Workspace::OpenMode::ReadWrite, ctx, name());
        if (!ws)
            return ExitUsage;
        const qint64 snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
        if (!snap)
            return ExitUsage;
        auto flows = FlowStore(*ws).flows(snap);
        if (!flows)
            return inputError(ctx, flows.error().toString());
        result = std::move(flows).value();
    }
    for (const Error& w : result.warnings)
        ctx.err << "warning: " << w.toString() << "\n";
    if (parser.isSet(QStringLiteral("matrix"))) {
        GraphFilter filter;
        filter.focus = parser.value(QStringLiteral("focus"));
        const FlowMatrix m = FlowMatrix::fromGraph(GraphBuilder::build(result, {}, filter));
        if (fmt == QLatin1String("csv"))
            ctx.out << m.csv();
        else if (fmt == QLatin1String("json"))
            ctx.out << QJsonDocument(m.json()).toJson(QJsonDocument::Indented);
        else if (fmt == QLatin1String("txt"))
            ctx.out << m.txt();
        else
            return usageError(ctx, QStringLiteral("--matrix prints txt, csv or json"));
        return ExitOk;
    }
    const auto lines = FlowFormatter::lines(result, parser.value(QStringLiteral("focus")),
                                            parser.isSet(QStringLiteral("entries")));
    QString out;
    if (!FlowFormatter::format(fmt, lines, result, out, parser.isSet(QStringLiteral("mesh"))))
        return usageError(ctx, QStringLiteral("unknown format"));
    ctx.out << out;
    return ExitOk;
}

std::optional<ConnectivityResult> FlowsCommand::computeDirectory(const QString& path, CliContext& ctx) const
{
    auto loaded = ManifestLoader::load({path});
    if (!loaded) {
        (void)inputError(ctx, loaded.error().toString());
        return std::nullopt;
    }
    for (const Error& w : loaded->warnings)
        ctx.err << "warning: " << w.toString() << "\n";
    auto computed = ConnectivityEngine::compute(loaded->objects);
    if (!computed) {
        (void)inputError(ctx, computed.error().toString());
        return std::nullopt;
    }
    return std::move(computed).value();
}

int FlowsCommand::diff(const QCommandLineParser& parser, CliContext& ctx, const QString& fmt)
{
    if (fmt == QLatin1String("dot"))
        return usageError(ctx, QStringLiteral("--diff prints txt, json, csv or md"));
    const QStringList pos = parser.positionalArguments();
    ConnectivityResult sides[2];
    if (pos.size() == 2) {
        for (int i = 0; i < 2; ++i) {
            auto computed = computeDirectory(pos[i], ctx);
            if (!computed)
                return ExitUsage;
            sides[i] = std::move(*computed);
        }
    } else if (pos.size() == 3) {
        auto ws = WorkspaceAccess::open(pos[0], Workspace::OpenMode::ReadWrite, ctx, name());
        if (!ws)
            return ExitUsage;
        for (int i = 0; i < 2; ++i) {
            bool ok = false;
            const qint64 id = pos[i + 1].toLongLong(&ok);
            if (!ok)
                return usageError(ctx, QStringLiteral("--diff with a workspace takes two snapshot ids"));
            auto flows = FlowStore(*ws).flows(id);
            if (!flows)
                return inputError(ctx, flows.error().toString());
            sides[i] = std::move(flows).value();
        }
    } else {
        return usageError(
            ctx, QStringLiteral("--diff takes two directories (A B), or a workspace and two snapshot ids"));
    }
    const auto entries = FlowDiff::compute(sides[0], sides[1]);
    if (fmt == QLatin1String("json"))
        ctx.out << FlowDiff::json(entries);
    else if (fmt == QLatin1String("csv"))
        ctx.out << FlowDiff::csv(entries);
    else if (fmt == QLatin1String("md"))
        ctx.out << FlowDiff::md(entries);
    else
        ctx.out << FlowDiff::txt(entries);
    return ExitOk;
}

} // namespace tollgate::cli
