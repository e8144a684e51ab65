#pragma once

#include <QString>
#include <QStringList>

namespace tollgate::test {

// tollgate-cli run in-process on buffers, with the fixed clock and test identity.
struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args);

} // namespace tollgate::test
