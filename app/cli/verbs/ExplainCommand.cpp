#include "app/cli/verbs/ExplainCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "network/ConnectivityEngine.h"

namespace tollgate::cli {

void ExplainCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace (omit with --dir)."),
                                 QStringLiteral("[WS]"));
    parser.addPositionalArgument(
        QStringLiteral("SRC"),
        QStringLiteral("Source workload (name, ns/name or ns/name[Kind]) or IPv4 address."));
    parser.addPositionalArgument(QStringLiteral("DST"),
                                 QStringLiteral("Destination workload or IPv4 address."));
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Analyse manifests in PATH without a workspace."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("Ask about one port, e.g. 8080/TCP."),
                      QStringLiteral("P/PROTO")});
}

int ExplainCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    QStringList pos = parser.positionalArguments();
    const bool dir = parser.isSet(QStringLiteral("dir"));
    if (pos.size() != (dir ? 2 : 3))
        return usageError(ctx, QStringLiteral("expects WS SRC DST, or --dir PATH SRC DST"));
    ConnectionSet::Protocol proto = ConnectionSet::TCP;
    quint32 port = 0;
    if (parser.isSet(QStringLiteral("port"))) {
        const QStringList pp = parser.value(QStringLiteral("port")).split(QLatin1Char('/'));
        bool ok = false;
        port = pp.value(0).toUInt(&ok);
        if (!ok || port < 1 || port > 65535 || (pp.size() > 1 && !ConnectionSet::parseProtocol(pp[1], proto)))
            return usageError(ctx, QStringLiteral("--port takes PORT/PROTOCOL, e.g. 8080/TCP"));
    }
    const auto objects = WorkspaceAccess::objects(parser, dir ? QString() : pos.takeFirst(), ctx, name());
    if (!objects)
        return ExitUsage;
    auto e = ConnectivityEngine::explain(*objects, pos[0], pos[1]);
    if (!e)
        return inputError(ctx, e.error().toString());
    bool allowed = !e->allowed.isEmpty();
    QString verdict =
        allowed ? QStringLiteral("ALLOWED: ") + e->allowed.toString() : QStringLiteral("DENIED");
    if (port) {
        allowed = e->allowed.allows(proto, port);
        verdict = QStringLiteral("%1 on %2/%3")
                      .arg(allowed ? QStringLiteral("ALLOWED") : QStringLiteral("DENIED"))
                      .arg(port)
                      .arg(ConnectionSet::protocolName(proto));
    }
    if (e->authz == QLatin1String("deny") || e->authz == QLatin1String("partial")) {
        const bool meshOnPort = port ? e->meshAllows.allows(proto, port) : !e->meshAllows.isEmpty();
        verdict += QStringLiteral("\nMESH %1 (AuthorizationPolicy): %2")
                       .arg(e->authz == QLatin1String("deny") || !meshOnPort ? QStringLiteral("DENIES")
                                                                             : QStringLiteral("LIMITS"),
                            e->meshAllows.toString());
    }
    ctx.out << e->src << " => " << e->dst << "\n" << verdict << "\n";
    for (const QString& l : e->lines)
        ctx.out << "  " << l << "\n";
    return ExitOk;
}

} // namespace tollgate::cli
