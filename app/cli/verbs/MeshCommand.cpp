#include "app/cli/verbs/MeshCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"
#include "kube/InventoryBuilder.h"
#include "network/MeshModel.h"

namespace tollgate::cli {

void MeshCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace (or use --dir)."),
                                 QStringLiteral("[WS]"));
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Read manifests in PATH without a workspace."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
}

int MeshCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    const QString fmt = format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json")});
    if (fmt.isEmpty())
        return ExitUsage;
    const QStringList pos = parser.positionalArguments();
    const bool dir = parser.isSet(QStringLiteral("dir"));
    if (dir == (pos.size() == 1) || pos.size() > 1)
        return usageError(ctx, QStringLiteral("give either a workspace or --dir PATH"));
    const auto loaded = WorkspaceAccess::objects(parser, dir ? QString() : pos.first(), ctx, name());
    if (!loaded)
        return ExitUsage;
    const QList<ManifestDocument>& objects = *loaded;
    const Inventory inv = InventoryBuilder::build(objects);
    const MeshModel mesh = MeshModel::build(objects, inv);
    const QList<QJsonObject> rows = mesh.report(inv);
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(rows);
        return ExitOk;
    }
    if (!mesh.hasMesh())
        ctx.out
            << "no service mesh in this snapshot: no workload is injected and no Istio object is present\n";
    ctx.out << TabularFormat::table(rows, {{QStringLiteral("workload"), QStringLiteral("WORKLOAD")},
                                           {QStringLiteral("injected"), QStringLiteral("SIDECAR")},
                                           {QStringLiteral("mode"), QStringLiteral("MTLS MODE")},
                                           {QStringLiteral("port_modes"), QStringLiteral("PORT MODES")},
                                           {QStringLiteral("circuit_breaker"), QStringLiteral("BREAKER")},
                                           {QStringLiteral("egress"), QStringLiteral("EGRESS")},
                                           {QStringLiteral("access_logging"), QStringLiteral("ACCESS LOG")}});
    return ExitOk;
}

} // namespace tollgate::cli
