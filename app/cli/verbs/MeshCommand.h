#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli mesh WS [--snapshot ID] [--format table|json]   (or --dir PATH)
class MeshCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("mesh"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Per workload: sidecar injection, effective mTLS mode, mesh policies in force, circuit "
            "breakers, egress limits, access logging.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
