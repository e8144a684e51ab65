#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli findings WS [--snapshot ID] [--source S] [--severity CAT] [--status S] [--workload W]
//                          [--namespace NS] [--id ID] [--history] [--format table|json|csv]
class FindingsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("findings"); }
    QString summary() const override
    {
        return QStringLiteral("List findings of every status, joined to workloads or not, with filters.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
