#include "network/IntervalSet.h"

#include <QStringList>
#include <algorithm>

namespace tollgate {

IntervalSet IntervalSet::of(quint32 lo, quint32 hi)
{
    IntervalSet s;
    if (lo <= hi)
        s.m_ranges.append({lo, hi});
    return s;
}

bool IntervalSet::contains(quint32 v) const
{
    for (const Range& r : m_ranges) {
        if (v < r.lo)
            return false;
        if (v <= r.hi)
            return true;
    }
    return false;
}

bool IntervalSet::covers(quint32 lo, quint32 hi) const
{
    for (const Range& r : m_ranges)
        if (r.lo <= lo && hi <= r.hi)
            return true;
    return false;
}

void IntervalSet::add(quint32 lo, quint32 hi)
{
    if (lo > hi)
        return;
    *this = united(of(lo, hi));
}

IntervalSet IntervalSet::united(const IntervalSet& o) const
{
    if (o.isEmpty())
        return *this;
    if (isEmpty())
        return o;
    QList<Range> all;
    all.reserve(m_ranges.size() + o.m_ranges.size());
    std::merge(m_ranges.cbegin(), m_ranges.cend(), o.m_ranges.cbegin(), o.m_ranges.cend(),
               std::back_inserter(all), [](const Range& a, const Range& b) { return a.lo < b.lo; });
    IntervalSet out;
    for (const Range& r : all) {
        if (!out.m_ranges.isEmpty() &&
            (r.lo <= out.m_ranges.last().hi || r.lo - 1 == out.m_ranges.last().hi)) {
            out.m_ranges.last().hi = std::max(out.m_ranges.last().hi, r.hi);
        } else {
            out.m_ranges.append(r);
        }
    }
    return out;
}

IntervalSet IntervalSet::intersected(const IntervalSet& o) const
{
    IntervalSet out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < m_ranges.size() && j < o.m_ranges.size()) {
        const Range& a = m_ranges[i];
        const Range& b = o.m_ranges[j];
        const quint32 lo = std::max(a.lo, b.lo);
        const quint32 hi = std::min(a.hi, b.hi);
        if (lo <= hi)
            out.m_ranges.append({lo, hi});
        if (a.hi < b.hi)
            ++i;
        else
            ++j;
    }
    return out;
}

IntervalSet IntervalSet::subtracted(const IntervalSet& o) const
{
    IntervalSet out;
    for (Range r : m_ranges) {
        quint64 lo = r.lo;
        const quint64 hi = r.hi;
        for (const Range& x : o.m_ranges) {
            if (x.hi < lo || x.lo > hi)
                continue;
            if (x.lo > lo)
                out.m_ranges.append({static_cast<quint32>(lo), x.lo - 1});
            lo = quint64(x.hi) + 1;
            if (lo > hi)
                break;
        }
        if (lo <= hi)
            out.m_ranges.append({static_cast<quint32>(lo), static_cast<quint32>(hi)});
    }
    return out;
}

QString IntervalSet::toString() const
{
    QStringList parts;
    for (const Range& r : m_ranges)
        parts << (r.lo == r.hi ? QString::number(r.lo) : QStringLiteral("%1-%2").arg(r.lo).arg(r.hi));
    return parts.join(QLatin1Char(','));
}

} // namespace tollgate
