#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace tollgate {

// A set of unsigned integers as sorted, disjoint, non-adjacent closed intervals: port ranges and IPv4
// address ranges.
class IntervalSet
{
public:
    struct Range
    {
        quint32 lo;
        quint32 hi;
        bool operator==(const Range& o) const { return lo == o.lo && hi == o.hi; }
    };

    IntervalSet() = default;
    static IntervalSet of(quint32 lo, quint32 hi);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    const QList<Range>& ranges() const { return m_ranges; }
    bool contains(quint32 v) const;
    bool covers(quint32 lo, quint32 hi) const; // every value of [lo, hi] is in the set

    void add(quint32 lo, quint32 hi);
    IntervalSet united(const IntervalSet& o) const;
    IntervalSet intersected(const IntervalSet& o) const;
    IntervalSet subtracted(const IntervalSet& o) const;
    bool operator==(const IntervalSet& o) const { return m_ranges == o.m_ranges; }
    bool operator!=(const IntervalSet& o) const { return !(*this == o); }

    // "80,443,8000-8080"
    QString toString() const;

private:
    QList<Range> m_ranges;
};

} // namespace tollgate
