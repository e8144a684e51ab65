#pragma once

#include <QDateTime>

namespace tollgate {

// The injected clock: production code asks this, never QDateTime::currentDateTimeUtc() directly,
// so tests are deterministic.
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual QDateTime nowUtc() const = 0;

    // The process-wide system clock.
    static const Clock& system();
};

} // namespace tollgate
