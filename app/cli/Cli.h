#pragma once

#include "app/cli/command/CliContext.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace tollgate::cli {

class Command;

// The verb dispatcher of tollgate-cli. In-process and stream-injected, so tests run it on buffers.
class Cli
{
public:
    Cli();
    ~Cli();
    // argv as main() gets it: argv[0] the program, argv[1] the verb.
    [[nodiscard]] int run(const QStringList& argv, CliContext& ctx);
    QString usage() const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace tollgate::cli
