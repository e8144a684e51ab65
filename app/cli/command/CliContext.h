#pragma once

#include "base/Clock.h"
#include "base/Identity.h"

#include <QTextStream>

namespace tollgate::cli {

// What a verb may use: injected output streams, clock and identity (tests pass buffers and fixed ones).
struct CliContext
{
    QTextStream& out;
    QTextStream& err;
    const Clock& clock;
    Identity identity;
};

// Exit codes of every verb (DESIGN section 2).
enum ExitCode
{
    ExitOk = 0,
    ExitCheckFailed = 1,
    ExitUsage = 2
};

} // namespace tollgate::cli
