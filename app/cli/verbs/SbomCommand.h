#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli sbom WS [--image REF] [--format table|json]
class SbomCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("sbom"); }
    QString summary() const override
    {
        return QStringLiteral("List the packages of an image from its imported SBOM.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
