#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli explain WS SRC DST [--port P/PROTO] [--snapshot ID]  (or --dir PATH SRC DST)
class ExplainCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("explain"); }
    QString summary() const override
    {
        return QStringLiteral("Whether SRC may connect to DST, and the policies and rules that decide it.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
