#include "FlowsCommand.h"

#include "ConnectivityEngine.h"
#include "FlowFormatter.h"
#include "FlowStore.h"
#include "ManifestLoader.h"
#include "WorkspaceAccess.h"

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
    parser.addOption({QStringLiteral("focus"),
                      QStringLiteral("Only flows from or to this workload (name, ns/name or ns/name[Kind])."),
                      QStringLiteral("WORKLOAD")});
}

int FlowsCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QString fmt = format(parser, ctx,
                               {QStringLiteral("txt"), QStringLiteral("json"), QStringLiteral("csv"),
                                QStringLiteral("md"), QStringLiteral("dot")});
    if (fmt.isEmpty())
        return ExitUsage;
    const QStringList pos = parser.positionalArguments();
    const bool dir = parser.isSet(QStringLiteral("dir"));
    if (dir == (pos.size() == 1) || pos.size() > 1)
        return usageError(ctx, QStringLiteral("give either a workspace or --dir PATH"));

    ConnectivityResult result;
    if (dir) {
        auto loaded = ManifestLoader::load({parser.value(QStringLiteral("dir"))});
        if (!loaded)
            return inputError(ctx, loaded.error().toString());
        for (const Error& w : loaded->warnings)
            ctx.err << "warning: " << w.toString() << "\n";
        auto computed = ConnectivityEngine::compute(loaded->objects);
        if (!computed)
            return inputError(ctx, computed.error().toString());
        result = std::move(computed).value();
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
    const auto lines = FlowFormatter::lines(result, parser.value(QStringLiteral("focus")));
    QString out;
    if (!FlowFormatter::format(fmt, lines, result, out))
        return usageError(ctx, QStringLiteral("unknown format"));
    ctx.out << out;
    return ExitOk;
}

} // namespace tollgate::cli
