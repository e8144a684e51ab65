#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli init WS: creates an empty workspace.
class InitCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override
    {
        return QStringLiteral("Create an empty workspace (one .tollgate file).");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
