#include "app/cli/verbs/InventoryCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"
#include "store/SnapshotStore.h"

#include <QMap>

namespace tollgate::cli {

namespace {
using Listing = SnapshotStore::Listing;
using Col = TabularFormat::Column;

struct KindSpec
{
    Listing listing;
    QList<Col> columns;
};

const QMap<QString, KindSpec>& kinds()
{
    static const QMap<QString, KindSpec> k = {
        {QStringLiteral("workloads"),
         {Listing::Workloads,
          {{QStringLiteral("namespace"), QStringLiteral("NAMESPACE")},
           {QStringLiteral("kind"), QStringLiteral("KIND")},
           {QStringLiteral("name"), QStringLiteral("NAME")},
           {QStringLiteral("replicas"), QStringLiteral("REPLICAS")},
           {QStringLiteral("service_account"), QStringLiteral("SERVICE ACCOUNT")},
           {QStringLiteral("images"), QStringLiteral("IMAGES")},
           {QStringLiteral("source"), QStringLiteral("SOURCE")}}}},
        {QStringLiteral("images"),
         {Listing::Images,
          {{QStringLiteral("registry"), QStringLiteral("REGISTRY")},
           {QStringLiteral("repository"), QStringLiteral("REPOSITORY")},
           {QStringLiteral("tag"), QStringLiteral("TAG")},
           {QStringLiteral("digest"), QStringLiteral("DIGEST")},
           {QStringLiteral("workload_count"), QStringLiteral("WORKLOADS")}}}},
        {QStringLiteral("services"),
         {Listing::Services,
          {{QStringLiteral("namespace"), QStringLiteral("NAMESPACE")},
           {QStringLiteral("name"), QStringLiteral("NAME")},
           {QStringLiteral("type"), QStringLiteral("TYPE")},
           {QStringLiteral("selector"), QStringLiteral("SELECTOR")},
           {QStringLiteral("external_ips"), QStringLiteral("EXTERNAL IPS")},
           {QStringLiteral("source"), QStringLiteral("SOURCE")}}}},
        {QStringLiteral("exposures"),
         {Listing::Exposures,
          {{QStringLiteral("kind"), QStringLiteral("KIND")},
           {QStringLiteral("namespace"), QStringLiteral("NAMESPACE")},
           {QStringLiteral("name"), QStringLiteral("NAME")},
           {QStringLiteral("host"), QStringLiteral("HOST")},
           {QStringLiteral("port"), QStringLiteral("PORT")},
           {QStringLiteral("target"), QStringLiteral("TARGET")},
           {QStringLiteral("detail"), QStringLiteral("DETAIL")}}}},
        {QStringLiteral("namespaces"),
         {Listing::Namespaces,
          {{QStringLiteral("name"), QStringLiteral("NAME")},
           {QStringLiteral("declared"), QStringLiteral("DECLARED")},
           {QStringLiteral("workloads"), QStringLiteral("WORKLOADS")},
           {QStringLiteral("labels"), QStringLiteral("LABELS")}}}},
        {QStringLiteral("files"),
         {Listing::Files,
          {{QStringLiteral("path"), QStringLiteral("PATH")},
           {QStringLiteral("objects"), QStringLiteral("OBJECTS")},
           {QStringLiteral("size"), QStringLiteral("BYTES")},
           {QStringLiteral("sha256"), QStringLiteral("SHA-256")}}}},
        {QStringLiteral("skipped"),
         {Listing::Skipped,
          {{QStringLiteral("path"), QStringLiteral("PATH")},
           {QStringLiteral("line"), QStringLiteral("LINE")},
           {QStringLiteral("reason"), QStringLiteral("REASON")}}}},
        {QStringLiteral("kinds"),
         {Listing::Kinds,
          {{QStringLiteral("group"), QStringLiteral("GROUP")},
           {QStringLiteral("kind"), QStringLiteral("KIND")},
           {QStringLiteral("count"), QStringLiteral("COUNT")},
           {QStringLiteral("analysed"), QStringLiteral("ANALYSED")}}}},
    };
    return k;
}
} // namespace

void InventoryCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption(
        {QStringLiteral("kind"),
         QStringLiteral("workloads (default), images, services, exposures, namespaces, files, skipped, "
                        "kinds."),
         QStringLiteral("K")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default), json or csv."), QStringLiteral("F")});
}

int InventoryCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt =
        format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")});
    if (fmt.isEmpty())
        return ExitUsage;
    const QString kind = parser.isSet(QStringLiteral("kind")) ? parser.value(QStringLiteral("kind"))
                                                              : QStringLiteral("workloads");
    if (!kinds().contains(kind))
        return usageError(ctx, QStringLiteral("unknown kind '%1' (one of: %2)")
                                   .arg(kind, kinds().keys().join(QStringLiteral(", "))));
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    const qint64 snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
    if (!snap)
        return ExitUsage;
    const KindSpec& spec = kinds()[kind];
    auto rows = SnapshotStore(*ws).listing(snap, spec.listing);
    if (!rows)
        return inputError(ctx, rows.error().toString());
    if (fmt == QLatin1String("json"))
        ctx.out << TabularFormat::json(rows.value());
    else if (fmt == QLatin1String("csv"))
        ctx.out << TabularFormat::csv(rows.value(), spec.columns);
    else
        ctx.out << TabularFormat::table(rows.value(), spec.columns);
    return ExitOk;
}

} // namespace tollgate::cli
