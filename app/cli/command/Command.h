#pragma once

#include "app/cli/command/CliContext.h"

#include <QCommandLineParser>
#include <QStringList>

namespace tollgate::cli {

// One CLI verb: its options, its help, and execute() returning an exit code. Never calls exit().
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // args[0] is "tollgate-cli VERB"; the rest are the verb's arguments.
    [[nodiscard]] int run(const QStringList& args, CliContext& ctx);

protected:
    // Declares options and positional arguments.
    virtual void setup(QCommandLineParser& parser) = 0;
    virtual int execute(const QCommandLineParser& parser, CliContext& ctx) = 0;

    // Prints "tollgate-cli VERB: message" to stderr and returns ExitUsage.
    int usageError(CliContext& ctx, const QString& message) const;
    // Prints an error (file:line: what) to stderr and returns ExitUsage (bad input).
    int inputError(CliContext& ctx, const QString& message) const;
    // Validates --format against the allowed list; empty result means invalid (error printed).
    QString format(const QCommandLineParser& parser, CliContext& ctx, const QStringList& allowed) const;

    QString m_help;
};

} // namespace tollgate::cli
