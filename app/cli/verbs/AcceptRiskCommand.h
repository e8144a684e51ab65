#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli accept-risk WS FINDING --by NAME --reference REF --expires DATE --reason TEXT
// [--reviewer NAME]. A risk acceptance is a record on an Open finding, not a status.
class AcceptRiskCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("accept-risk"); }
    QString summary() const override
    {
        return QStringLiteral("Record the AO's risk acceptance (reference, expiry) of an Open finding.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
