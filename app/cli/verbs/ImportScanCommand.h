#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// tollgate-cli import-scan WS FILE... [--snapshot ID]
class ImportScanCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import-scan"); }
    QString summary() const override
    {
        return QStringLiteral("Import scan results (Trivy, trivy-operator, Grype, CycloneDX, SPDX, in-toto "
                              "SBOM attestations); the format is detected from content.");
    }

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
