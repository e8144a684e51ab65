#pragma once

#include "findings/ScanFormat.h"

#include <QString>
#include <QStringList>

namespace tollgate {

// What importing one scan file (or one generated run) did: the import's row, its subject and counts.
struct ScanImportReport
{
    qint64 importId = 0;
    qint64 snapshotId = 0; // 0 when the workspace has no snapshot yet
    QString path;
    ScanFormat format = ScanFormat::TrivyJson;
    QString formatName;
    QString tool;
    QString subject;
    int findings = 0;
    int joined = 0;
    int notJoined = 0;
    int newCount = 0;
    int persisting = 0;
    int closed = 0;
    int packages = 0;
    qint64 supersedes = 0;       // the previous import of the same tool and subject
    qint64 duplicateOf = 0;      // the same file was already imported against the same snapshot
    QStringList notJoinedSample; // a few subjects that did not join, for the message
    QStringList notes;           // what the parser says besides findings (truncated lists, ...)
};

} // namespace tollgate
