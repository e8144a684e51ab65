#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli review WS FINDING --status S --reason TEXT --reviewer NAME [--severity CAT]
// FINDING is a finding row id as `findings` prints it, or an identity. The decision is keyed by the
// finding's identity, so it carries to later imports of the same finding.
class ReviewCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("review"); }
    QString summary() const override
    {
        return QStringLiteral("Record a reviewer's status or severity override on a finding.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
