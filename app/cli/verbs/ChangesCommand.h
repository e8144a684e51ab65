#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

class ChangesCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("changes"); }
    QString summary() const override;

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
