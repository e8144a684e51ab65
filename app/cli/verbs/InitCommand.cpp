#include "app/cli/verbs/InitCommand.h"

#include "store/Workspace.h"

namespace tollgate::cli {

void InitCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace file to create."));
}

int InitCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects exactly one workspace path"));
    auto ws = Workspace::create(parser.positionalArguments().first(), ctx.clock, ctx.identity);
    if (!ws)
        return inputError(ctx, ws.error().toString());
    ctx.out << "created workspace " << parser.positionalArguments().first() << "\n";
    return ExitOk;
}

} // namespace tollgate::cli
