#include "app/cli/verbs/SbomCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"
#include "store/FindingStore.h"

namespace tollgate::cli {

void SbomCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("image"),
                      QStringLiteral("Image reference, digest or part of it (default: every SBOM)."),
                      QStringLiteral("REF")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
}

int SbomCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt = format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json")});
    if (fmt.isEmpty())
        return ExitUsage;
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    const QString image = parser.value(QStringLiteral("image"));
    auto rows = FindingStore(*ws).packages(image);
    if (!rows)
        return inputError(ctx, rows.error().toString());
    if (rows->isEmpty() && !image.isEmpty()) {
        ctx.err << "tollgate-cli sbom: error: no SBOM for an image matching '" << image << "'\n";
        ctx.err.flush();
        return ExitCheckFailed;
    }
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(rows.value());
    } else {
        ctx.out << TabularFormat::table(rows.value(),
                                        {{QStringLiteral("image"), QStringLiteral("IMAGE")},
                                         {QStringLiteral("name"), QStringLiteral("PACKAGE")},
                                         {QStringLiteral("version"), QStringLiteral("VERSION")},
                                         {QStringLiteral("type"), QStringLiteral("TYPE")},
                                         {QStringLiteral("licenses"), QStringLiteral("LICENSES")},
                                         {QStringLiteral("purl"), QStringLiteral("PURL")}});
        ctx.out << rows->size() << " packages\n";
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
