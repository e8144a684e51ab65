#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli graph WS [--snapshot ID] [--namespace NS]... [--focus W [--depth N]] [--exposed]
//   [--min-cat N] [--protocol P] [--port N] [--marking TEXT] [--system NAME] --out FILE.svg|.png|.dot
class GraphCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("graph"); }
    QString summary() const override
    {
        return QStringLiteral("The network-flow diagram of a snapshot as SVG, PNG or Graphviz DOT.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
