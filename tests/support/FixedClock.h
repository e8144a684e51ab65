#pragma once

#include "base/Clock.h"

namespace tollgate {

// A clock that returns a set time, advanced by hand. For tests.
class FixedClock : public Clock
{
public:
    explicit FixedClock(QDateTime now) : m_now(now.toUTC()) {}
    QDateTime nowUtc() const override { return m_now; }
    void advanceSeconds(qint64 s) { m_now = m_now.addSecs(s); }

private:
    QDateTime m_now;
};

} // namespace tollgate
