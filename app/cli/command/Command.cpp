#include "app/cli/command/Command.h"

namespace tollgate::cli {

int Command::run(const QStringList& args, CliContext& ctx)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    setup(parser);
    m_help = parser.helpText();
    // helpText() names the running binary; say the verb instead.
    if (m_help.startsWith(QLatin1String("Usage: "))) {
        const qsizetype end = m_help.indexOf(QLatin1Char(' '), 7);
        if (end > 0)
            m_help.replace(0, end, QStringLiteral("Usage: tollgate-cli ") + name());
    }
    QStringList argv = args;
    if (argv.isEmpty())
        argv << QStringLiteral("tollgate-cli");
    if (!parser.parse(argv))
        return usageError(ctx, parser.errorText());
    if (parser.isSet(help)) {
        ctx.out << m_help;
        ctx.out.flush();
        return ExitOk;
    }
    const int rc = execute(parser, ctx);
    ctx.out.flush();
    ctx.err.flush();
    return rc;
}

int Command::usageError(CliContext& ctx, const QString& message) const
{
    ctx.err << "tollgate-cli " << name() << ": " << message << "\n"
            << "Try 'tollgate-cli " << name() << " --help'.\n";
    ctx.err.flush();
    return ExitUsage;
}

int Command::inputError(CliContext& ctx, const QString& message) const
{
    ctx.err << "tollgate-cli " << name() << ": error: " << message << "\n";
    ctx.err.flush();
    return ExitUsage;
}

QString Command::format(const QCommandLineParser& parser, CliContext& ctx, const QStringList& allowed) const
{
    const QString f = parser.value(QStringLiteral("format"));
    if (f.isEmpty())
        return allowed.first();
    if (!allowed.contains(f)) {
        (void)usageError(
            ctx,
            QStringLiteral("unknown format '%1' (one of: %2)").arg(f, allowed.join(QStringLiteral(", "))));
        return {};
    }
    return f;
}

} // namespace tollgate::cli
