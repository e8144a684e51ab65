#pragma once

#include "base/Result.h"
#include "io/SourceFile.h"

#include <QList>
#include <QStringList>

namespace tollgate {

// Expands what the user named (directories read recursively, files, .tar.gz / .tgz archives) into
// the list of manifest files to read, in a stable order.
class SourceReader
{
public:
    static constexpr qint64 MaxFileBytes = qint64(1) << 30; // 1 GiB: larger files are refused

    [[nodiscard]] static Result<QList<SourceFile>> enumerate(const QStringList& paths);
    // Loads file bytes if not already loaded.
    [[nodiscard]] static Status load(SourceFile& file);
    static bool isManifestName(const QString& name);
    static bool isArchiveName(const QString& name);

private:
    [[nodiscard]] static Status readArchive(const QString& path, QList<SourceFile>& out);
};

} // namespace tollgate
