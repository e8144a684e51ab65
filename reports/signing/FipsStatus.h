#pragma once

#include <QString>

namespace tollgate {

// Whether OpenSSL's default library context runs in FIPS mode, in the words a report prints.
// Debian 12 ships no FIPS provider: then the answer is "not available", never a pretended "on".
class FipsStatus
{
public:
    enum class State
    {
        On,
        Off,
        NotAvailable
    };
    static State state();
    static QString describe();
};

} // namespace tollgate
