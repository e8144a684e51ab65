#include "CliRun.h"

#include "TestSupport.h"
#include "app/cli/Cli.h"

#include <QTextStream>

namespace tollgate::test {

CliRun runCli(const QStringList& args)
{
    CliRun r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    tollgate::cli::CliContext ctx{out, err, fixedClock(), testIdentity()};
    tollgate::cli::Cli cli;
    r.code = cli.run(QStringList{QStringLiteral("tollgate-cli")} + args, ctx);
    out.flush();
    err.flush();
    return r;
}

} // namespace tollgate::test
