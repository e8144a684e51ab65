#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

class TemplatesCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("templates"); }
    QString summary() const override;

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
