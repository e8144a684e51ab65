#pragma once

#include "stig/StigBenchmark.h"

#include <QList>
#include <QString>

namespace tollgate {

// A STIG checklist for one asset (one cluster) ready to write as CKL or CKLB: the benchmark's
// rules, each with the status and texts a reviewer records (STIG Viewer's vocabulary).
struct StigChecklist
{
    struct Asset
    {
        QString hostName; // the cluster
        QString comment;  // snapshot identity: id, label, digest, import time
        QString marking;  // CUI or the program's classification line
        QString role = QStringLiteral("None");
        QString assetType = QStringLiteral("Computing");
        QString techArea;
    };
    struct Entry
    {
        StigBenchmark::Rule rule;
        QString status = QStringLiteral("Not_Reviewed"); // Open, NotAFinding, Not_Applicable, Not_Reviewed
        QString findingDetails;
        QString comments;
        QString severityOverride; // high, medium, low; empty when none
        QString severityJustification;
    };

    Asset asset;
    QString benchmarkId;
    QString benchmarkTitle;
    QString benchmarkDescription;
    QString version;
    QString releaseInfo;
    QString fileName;
    QString stigUuid;      // stable: derived from the benchmark and the asset
    QString checklistUuid; // stable: derived from the asset and the snapshot
    QString createdAt;     // UTC, ISO 8601
    QList<Entry> entries;
};

} // namespace tollgate
