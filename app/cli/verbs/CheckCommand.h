#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli check WS [--snapshot ID] [--catalog FILE] [--tailoring FILE] [--fail-on CAT] [--format
// table|json|csv]
class CheckCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override
    {
        return QStringLiteral("Run the control catalog on a snapshot; exit 1 while Open findings at or above "
                              "--fail-on remain.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
