#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli import WS PATH... [--label L] [--cluster C] [--skip-invalid]: prints the new snapshot id.
class ImportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override
    {
        return QStringLiteral("Import a cluster snapshot (directories read recursively, YAML/JSON files, "
                              ".tar.gz) as one new snapshot. Prints the snapshot id.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
