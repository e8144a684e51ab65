#pragma once

#include "app/cli/command/Command.h"

namespace tollgate::cli {

// export-ckl: the snapshot's cluster as a DISA STIG Viewer checklist (.ckl or .cklb by the suffix)
// with the full Kubernetes STIG; statuses only where Tollgate's check is exactly the STIG's.
class ExportCklCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("export-ckl"); }
    QString summary() const override;

protected:
    void setup(QCommandLineParser& parser) override;
    int execute(const QCommandLineParser& parser, CliContext& ctx) override;
};

} // namespace tollgate::cli
