#pragma once

#include <QString>
#include <QStringList>

namespace tollgate {

// What one scan file is about, as the file states it. `key` names the subject for history: a newer
// import with the same tool and key supersedes the older one (findings gone from it are closed).
struct ScanSubject
{
    QString kind;    // image, cluster, workload, namespace
    QString key;     // image repository (registry/repo), cluster:NAME, ns/Kind/name
    QString display; // what the user reads
    QString imageRef;
    QString imageDigest; // manifest digest, sha256:...
    QStringList repoDigests;
    QString imageId; // config digest
    QString tool;
    QString toolVersion;
    QString scannedAt; // ISO 8601 from the file, empty when it gives none
};

} // namespace tollgate
