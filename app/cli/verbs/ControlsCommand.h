#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli controls [--catalog FILE] [--format table|json]
class ControlsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("controls"); }
    QString summary() const override { return QStringLiteral("List the control catalog."); }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
