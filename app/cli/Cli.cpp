#include "app/cli/Cli.h"

#include "app/cli/command/Command.h"
#include "app/cli/verbs/AcceptRiskCommand.h"
#include "app/cli/verbs/AuditCommand.h"
#include "app/cli/verbs/BaselineCommand.h"
#include "app/cli/verbs/ChangesCommand.h"
#include "app/cli/verbs/CheckCommand.h"
#include "app/cli/verbs/ControlsCommand.h"
#include "app/cli/verbs/DecideCommand.h"
#include "app/cli/verbs/ExplainCommand.h"
#include "app/cli/verbs/ExportCklCommand.h"
#include "app/cli/verbs/ExportOscalCommand.h"
#include "app/cli/verbs/FindingsCommand.h"
#include "app/cli/verbs/FlowsCommand.h"
#include "app/cli/verbs/GraphCommand.h"
#include "app/cli/verbs/ImportCommand.h"
#include "app/cli/verbs/ImportScanCommand.h"
#include "app/cli/verbs/InitCommand.h"
#include "app/cli/verbs/InventoryCommand.h"
#include "app/cli/verbs/KeygenCommand.h"
#include "app/cli/verbs/MeshCommand.h"
#include "app/cli/verbs/ReportCommand.h"
#include "app/cli/verbs/ReviewCommand.h"
#include "app/cli/verbs/SbomCommand.h"
#include "app/cli/verbs/SnapshotsCommand.h"
#include "app/cli/verbs/TemplatesCommand.h"
#include "app/cli/verbs/VerifyCommand.h"

namespace tollgate::cli {

Cli::Cli()
{
    m_commands.push_back(std::make_unique<InitCommand>());
    m_commands.push_back(std::make_unique<ImportCommand>());
    m_commands.push_back(std::make_unique<SnapshotsCommand>());
    m_commands.push_back(std::make_unique<InventoryCommand>());
    m_commands.push_back(std::make_unique<FlowsCommand>());
    m_commands.push_back(std::make_unique<ExplainCommand>());
    m_commands.push_back(std::make_unique<GraphCommand>());
    m_commands.push_back(std::make_unique<MeshCommand>());
    m_commands.push_back(std::make_unique<ImportScanCommand>());
    m_commands.push_back(std::make_unique<FindingsCommand>());
    m_commands.push_back(std::make_unique<SbomCommand>());
    m_commands.push_back(std::make_unique<CheckCommand>());
    m_commands.push_back(std::make_unique<ControlsCommand>());
    m_commands.push_back(std::make_unique<ReviewCommand>());
    m_commands.push_back(std::make_unique<AcceptRiskCommand>());
    m_commands.push_back(std::make_unique<ChangesCommand>());
    m_commands.push_back(std::make_unique<TemplatesCommand>());
    m_commands.push_back(std::make_unique<DecideCommand>());
    m_commands.push_back(std::make_unique<BaselineCommand>());
    m_commands.push_back(std::make_unique<AuditCommand>());
    m_commands.push_back(std::make_unique<ReportCommand>());
    m_commands.push_back(std::make_unique<KeygenCommand>());
    m_commands.push_back(std::make_unique<VerifyCommand>());
    m_commands.push_back(std::make_unique<ExportOscalCommand>());
    m_commands.push_back(std::make_unique<ExportCklCommand>());
}

Cli::~Cli() = default;

QString Cli::usage() const
{
    QString u =
        QStringLiteral("Usage: tollgate-cli VERB [options] [arguments]\n\n"
                       "Tollgate: offline review of Kubernetes/Istio systems for the ISSO.\n\nVerbs:\n");
    for (const auto& c : m_commands)
        u += QStringLiteral("  %1%2\n").arg(c->name().leftJustified(12), c->summary());
    u += QStringLiteral(
        "\n'tollgate-cli VERB --help' shows a verb's options.\n"
        "Exit codes: 0 success, 1 a check or verification failed, 2 bad usage or bad input.\n");
    return u;
}

int Cli::run(const QStringList& argv, CliContext& ctx)
{
    if (argv.size() < 2) {
        ctx.err << usage();
        ctx.err.flush();
        return ExitUsage;
    }
    const QString verb = argv.at(1);
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb == QLatin1String("help")) {
        ctx.out << usage();
        ctx.out.flush();
        return ExitOk;
    }
    if (verb == QLatin1String("--version")) {
        ctx.out << "tollgate-cli " << TOLLGATE_VERSION << "\n";
        ctx.out.flush();
        return ExitOk;
    }
    for (const auto& c : m_commands) {
        if (c->name() == verb) {
            QStringList args = argv.mid(2);
            args.prepend(QStringLiteral("tollgate-cli ") + verb);
            return c->run(args, ctx);
        }
    }
    ctx.err << "tollgate-cli: unknown verb '" << verb << "'\n\n" << usage();
    ctx.err.flush();
    return ExitUsage;
}

} // namespace tollgate::cli
