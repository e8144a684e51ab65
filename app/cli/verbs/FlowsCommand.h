#pragma once

#include "app/cli/command/Command.h"
#include "network/ConnectivityResult.h"

#include <optional>

namespace tollgate::cli {

// tollgate-cli flows WS [--snapshot ID] | --dir PATH  [--format txt|json|csv|md|dot] [--focus WORKLOAD]
// tollgate-cli flows --diff A B | WS --diff ID1 ID2  [--format txt|json|csv|md]
class FlowsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("flows"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Every connection the NetworkPolicies allow, with its ports and the rules that allow "
            "it (netpol-analyzer's formats).");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;

private:
    int diff(const QCommandLineParser& parser, CliContext& ctx, const QString& fmt);
    // Reads and analyses a directory of manifests; errors and warnings are printed.
    std::optional<ConnectivityResult> computeDirectory(const QString& path, CliContext& ctx) const;
};

} // namespace tollgate::cli
