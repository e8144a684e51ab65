#pragma once

#include "network/ConnectivityResult.h"

#include <QString>

namespace tollgate {

// What became allowed, disallowed or changed between two connectivity results, in netpol-analyzer's
// diff format. External blocks are refined to be disjoint across both sides, then touching blocks
// that carry the same change are merged back.
class FlowDiff
{
public:
    struct Entry
    {
        QString type; // changed, added, removed
        QString src;
        QString dst;
        QString conn1;
        QString conn2;
        QString info; // "workload X added", "workload X and Y removed", or empty
    };

    [[nodiscard]] static QList<Entry> compute(const ConnectivityResult& before,
                                              const ConnectivityResult& after);

    static QString txt(const QList<Entry>& entries, const QString& label1 = QStringLiteral("dir1"),
                       const QString& label2 = QStringLiteral("dir2"));
    static QString csv(const QList<Entry>& entries, const QString& label1 = QStringLiteral("dir1"),
                       const QString& label2 = QStringLiteral("dir2"));
    static QString md(const QList<Entry>& entries, const QString& label1 = QStringLiteral("dir1"),
                      const QString& label2 = QStringLiteral("dir2"));
    static QString json(const QList<Entry>& entries, const QString& label1 = QStringLiteral("dir1"),
                        const QString& label2 = QStringLiteral("dir2"));
};

} // namespace tollgate
