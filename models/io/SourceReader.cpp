#include "io/SourceReader.h"

#include "base/Logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <archive.h>
#include <archive_entry.h>

namespace tollgate {

bool SourceReader::isManifestName(const QString& name)
{
    return name.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive) ||
           name.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive) ||
           name.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
}

bool SourceReader::isArchiveName(const QString& name)
{
    return name.endsWith(QLatin1String(".tar.gz"), Qt::CaseInsensitive) ||
           name.endsWith(QLatin1String(".tgz"), Qt::CaseInsensitive) ||
           name.endsWith(QLatin1String(".tar"), Qt::CaseInsensitive);
}

Result<QList<SourceFile>> SourceReader::enumerate(const QStringList& paths)
{
    QList<SourceFile> out;
    if (paths.isEmpty())
        return Error(QStringLiteral("no input named"));
    for (const QString& p : paths) {
        const QFileInfo fi(p);
        if (!fi.exists())
            return Error(p, 0, QStringLiteral("no such file or directory"));
        if (fi.isDir()) {
            QList<SourceFile> found;
            QDirIterator it(p, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                if (!isManifestName(f))
                    continue;
                SourceFile s;
                s.path = QDir::cleanPath(f);
                s.fsPath = f;
                s.size = QFileInfo(f).size();
                found << s;
            }
            std::sort(found.begin(), found.end(),
                      [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
            out << found;
        } else if (isArchiveName(p)) {
            if (auto s = readArchive(p, out); !s)
                return s.error();
        } else {
            SourceFile s;
            s.path = QDir::cleanPath(p);
            s.fsPath = p;
            s.size = fi.size();
            out << s;
        }
    }
    return out;
}

Status SourceReader::load(SourceFile& file)
{
    if (file.fsPath.isEmpty())
        return {};
    QFile f(file.fsPath);
    if (f.size() > MaxFileBytes)
        return Error(file.path, 0, QStringLiteral("file is larger than 1 GiB; refused"));
    if (!f.open(QIODevice::ReadOnly))
        return Error(file.path, 0, QStringLiteral("cannot read: %1").arg(f.errorString()));
    file.bytes = f.readAll();
    file.size = file.bytes.size();
    return {};
}

Status SourceReader::readArchive(const QString& path, QList<SourceFile>& out)
{
    struct ArchiveDeleter
    {
        void operator()(archive* a) const { archive_read_free(a); }
    };
    std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
        return Error(path, 0,
                     QStringLiteral("archive is damaged or not a tar archive: %1")
                         .arg(QString::fromUtf8(archive_error_string(a.get()))));
    QList<SourceFile> found;
    qint64 total = 0;
    archive_entry* entry = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const QString member = QString::fromUtf8(archive_entry_pathname(entry));
        if (!isManifestName(member)) {
            archive_read_data_skip(a.get());
            continue;
        }
        const la_int64_t size = archive_entry_size(entry);
        if (size > MaxFileBytes || total + size > 4 * MaxFileBytes)
            return Error(path, 0, QStringLiteral("archive member %1 is too large; refused").arg(member));
        SourceFile s;
        s.path = QDir::cleanPath(path) + QLatin1Char('!') + QDir::cleanPath(member);
        s.bytes.resize(static_cast<qsizetype>(size));
        la_ssize_t got = 0;
        while (got < size) {
            const la_ssize_t r =
                archive_read_data(a.get(), s.bytes.data() + got, static_cast<size_t>(size - got));
            if (r < 0)
                return Error(path, 0,
                             QStringLiteral("archive is damaged at %1: %2")
                                 .arg(member, QString::fromUtf8(archive_error_string(a.get()))));
            if (r == 0)
                break;
            got += r;
        }
        s.bytes.truncate(static_cast<qsizetype>(got));
        s.size = s.bytes.size();
        total += s.size;
        found << s;
    }
    if (rc != ARCHIVE_EOF)
        return Error(
            path, 0,
            QStringLiteral("archive is damaged: %1").arg(QString::fromUtf8(archive_error_string(a.get()))));
    std::sort(found.begin(), found.end(),
              [](const SourceFile& a1, const SourceFile& b) { return a1.path < b.path; });
    out << found;
    return {};
}

} // namespace tollgate
