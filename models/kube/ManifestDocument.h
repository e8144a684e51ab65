#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace tollgate {

// One Kubernetes object as read from a manifest file, secret values already removed.
struct ManifestDocument
{
    QString file;     // the path the user gave, or archive.tar.gz!inner/path
    int line = 0;     // 1-based line where the object starts
    QJsonObject body; // the whole object
};

// A document that was not imported, and why. Kept with the snapshot: a silently missing component
// is a review gap.
struct SkippedDocument
{
    QString file;
    int line = 0;
    QString reason;
};

} // namespace tollgate
