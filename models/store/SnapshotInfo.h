#pragma once

#include <QString>

namespace tollgate {

struct SnapshotInfo
{
    qint64 id = 0;
    QString label;
    QString cluster;
    QString importedAt;
    QString importedBy;
    QString osUser;
    QString digest;
    int objectCount = 0;
    int skippedCount = 0;
};

} // namespace tollgate
