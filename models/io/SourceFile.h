#pragma once

#include <QByteArray>
#include <QString>

namespace tollgate {

// One manifest or scan file to read: where it comes from, and its bytes once loaded.
struct SourceFile
{
    QString path;     // as shown to the user and stored: the given path, or archive.tar.gz!member
    QString fsPath;   // the file on disk to read; empty for an archive member (bytes preloaded)
    QByteArray bytes; // loaded content
    qint64 size = 0;
};

} // namespace tollgate
