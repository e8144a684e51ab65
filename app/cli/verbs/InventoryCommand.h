#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli inventory WS [--snapshot ID] [--kind K] [--format table|json|csv]
class InventoryCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("inventory"); }
    QString summary() const override
    {
        return QStringLiteral("List what is inside the boundary: workloads, images, services, exposures, "
                              "namespaces (and the snapshot's files, skipped documents and kinds).");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
