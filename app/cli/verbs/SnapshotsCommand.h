#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli snapshots WS [--format table|json]
class SnapshotsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("snapshots"); }
    QString summary() const override
    {
        return QStringLiteral("List the snapshots of a workspace, in import order.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
