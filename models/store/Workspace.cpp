#include "store/Workspace.h"

#include "Schema.h"
#include "Statement.h"
#include "base/Logging.h"
#include "store/AuditLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <sqlite3.h>
#include <unistd.h>

namespace tollgate {

namespace {

quint32 readBigEndian32(const QByteArray& b, int offset)
{
    const auto* p = reinterpret_cast<const unsigned char*>(b.constData() + offset);
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

QString sqliteError(sqlite3* db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
}

Status quickCheck(sqlite3* db, const QString& path)
{
    Statement st(db, "PRAGMA quick_check");
    if (!st.prepared())
        return Error(
            path, 0,
            QStringLiteral("the workspace is damaged and cannot be read: %1").arg(st.prepareError()));
    QStringList problems;
    while (st.step()) {
        const QString r = st.text(0);
        if (r != QLatin1String("ok"))
            problems << r;
    }
    if (st.failed())
        return Error(path, 0, QStringLiteral("the workspace is damaged: %1").arg(st.errorText()));
    if (!problems.isEmpty())
        return Error(path, 0,
                     QStringLiteral("the workspace is damaged (integrity check: %1). Restore it from a copy.")
                         .arg(problems.mid(0, 3).join(QStringLiteral("; "))));
    return {};
}

bool canWrite(const QString& path)
{
    const QFileInfo fi(path);
    const QByteArray file = QFile::encodeName(fi.absoluteFilePath());
    const QByteArray dir = QFile::encodeName(fi.absolutePath());
    return ::access(file.constData(), W_OK) == 0 && ::access(dir.constData(), W_OK) == 0;
}

int pragmaInt(sqlite3* db, const char* sql)
{
    Statement st(db, sql);
    return st.step() ? static_cast<int>(st.int64(0)) : -1;
}

} // namespace

Workspace::Workspace(QString path, sqlite3* db, bool readOnly, const Clock& clock, const Identity& identity)
    : m_path(std::move(path)), m_db(db), m_readOnly(readOnly), m_clock(&clock), m_identity(identity)
{}

Workspace::~Workspace()
{
    if (!m_db)
        return;
    if (!m_readOnly) {
        // Fold the WAL back into the main file so the .tollgate file alone is complete when copied.
        sqlite3_exec(m_db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
    sqlite3_close_v2(m_db);
}

Status Workspace::checkHeader(const QString& path)
{
    QFile f(path);
    if (!f.exists())
        return Error(path, 0, QStringLiteral("no such workspace"));
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot read the workspace: %1").arg(f.errorString()));
    const QByteArray head = f.read(100);
    if (head.size() < 100 || !head.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return Error(
            path, 0,
            QStringLiteral("not a Tollgate workspace (not a SQLite database); the file was not changed"));
    if (readBigEndian32(head, 68) != quint32(Schema::ApplicationId))
        return Error(path, 0,
                     QStringLiteral("not a Tollgate workspace (a SQLite database of another application); "
                                    "the file was not changed"));
    return {};
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString& path, const Clock& clock,
                                                     const Identity& identity)
{
    if (QFileInfo::exists(path))
        return Error(path, 0, QStringLiteral("already exists; open it, or choose a new file name"));
    sqlite3* db = nullptr;
    const QByteArray native = QFile::encodeName(path);
    if (sqlite3_open_v2(native.constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const QString msg = sqliteError(db);
        sqlite3_close_v2(db);
        return Error(path, 0, QStringLiteral("cannot create the workspace: %1").arg(msg));
    }
    std::unique_ptr<Workspace> ws(new Workspace(path, db, false, clock, identity));
    if (auto s = ws->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                          "PRAGMA cache_size=-32768;");
        !s) {
        ws.reset();
        QFile::remove(path);
        return s.error();
    }
    sqlite3_busy_timeout(db, 5000);
    {
        Transaction tx(*ws);
        if (!tx.active())
            return tx.beginError();
        if (auto s = Schema::migrate(db, 0); !s) {
            ws.reset();
            QFile::remove(path);
            return Error(path, 0, s.error().what());
        }
        Statement info(db, "INSERT INTO workspace_info(key, value) VALUES (?, ?)");
        const QList<std::pair<QString, QString>> rows = {
            {QStringLiteral("created_at"), ws->nowText()},
            {QStringLiteral("created_by"), identity.reviewer()},
            {QStringLiteral("created_os_user"), identity.osUser()},
            {QStringLiteral("created_with"), QStringLiteral(TOLLGATE_VERSION)},
        };
        for (const auto& [k, v] : rows) {
            info.bind(1, k).bind(2, v);
            if (!info.exec())
                return Error(path, 0, info.errorText());
        }
        if (auto a =
                AuditLog::append(*ws, QStringLiteral("workspace.create"), QFileInfo(path).fileName(), {});
            !a)
            return a.error();
        if (auto c = tx.commit(); !c)
            return c.error();
    }
    return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& path, OpenMode mode, const Clock& clock,
                                                   const Identity& identity)
{
    if (auto h = checkHeader(path); !h)
        return h.error();
    const bool writable = mode == OpenMode::ReadWrite && canWrite(path);
    if (mode == OpenMode::ReadWrite && !writable)
        qCInfo(lcStore) << path << "is on read-only media or not writable: opening read-only";

    sqlite3* db = nullptr;
    int rc;
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (writable) {
        rc = sqlite3_open_v2(QFile::encodeName(abs).constData(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    } else {
        // immutable=1: no locks, no -shm, no journal; works on write-protected media.
        const QByteArray uri = QUrl::fromLocalFile(abs).toEncoded() + "?immutable=1";
        rc = sqlite3_open_v2(uri.constData(), &db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    }
    if (rc != SQLITE_OK) {
        const QString msg = sqliteError(db);
        sqlite3_close_v2(db);
        return Error(path, 0, QStringLiteral("cannot open the workspace: %1").arg(msg));
    }
    sqlite3_busy_timeout(db, 5000);
    std::unique_ptr<Workspace> ws(new Workspace(path, db, !writable, clock, identity));

    if (auto q = quickCheck(db, path); !q) {
        ws->m_readOnly = true; // never checkpoint into a damaged file
        return q.error();
    }
    const int version = pragmaInt(db, "PRAGMA user_version");
    if (version > Schema::CurrentVersion) {
        ws->m_readOnly = true;
        return Error(path, 0,
                     QStringLiteral("workspace schema version %1 is newer than this Tollgate supports (%2)")
                         .arg(version)
                         .arg(Schema::CurrentVersion));
    }
    if (writable) {
        if (auto s = ws->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                              "PRAGMA cache_size=-32768;");
            !s)
            return s.error();
        if (version < Schema::CurrentVersion) {
            Transaction tx(*ws);
            if (!tx.active())
                return tx.beginError();
            if (auto m = Schema::migrate(db, version); !m)
                return Error(path, 0, m.error().what());
            if (auto c = tx.commit(); !c)
                return c.error();
        }
    } else if (version < Schema::CurrentVersion) {
        return Error(path, 0,
                     QStringLiteral("workspace schema version %1 needs an upgrade, which a read-only "
                                    "workspace cannot take; copy it to writable media first")
                         .arg(version));
    }
    return ws;
}

int Workspace::currentSchemaVersion()
{
    return Schema::CurrentVersion;
}

int Workspace::schemaVersion() const
{
    return pragmaInt(m_db, "PRAGMA user_version");
}

Status Workspace::integrityCheck()
{
    Statement st(m_db, "PRAGMA integrity_check");
    QStringList problems;
    while (st.step())
        if (st.text(0) != QLatin1String("ok"))
            problems << st.text(0);
    if (st.failed())
        return Error(m_path, 0, st.errorText());
    if (!problems.isEmpty())
        return Error(m_path, 0,
                     QStringLiteral("integrity check: %1").arg(problems.join(QStringLiteral("; "))));
    return {};
}

Status Workspace::exportCopy(const QString& target)
{
    if (QFileInfo::exists(target))
        return Error(target, 0, QStringLiteral("already exists"));
    Statement st(m_db, "VACUUM INTO ?");
    st.bind(1, target);
    if (!st.exec())
        return Error(target, 0, QStringLiteral("cannot write the copy: %1").arg(st.errorText()));
    return {};
}

Status Workspace::exec(const char* sql)
{
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : "unknown error");
        sqlite3_free(err);
        return Error(m_path, 0, msg);
    }
    return {};
}

QString Workspace::lastError() const
{
    return sqliteError(m_db);
}

QString Workspace::nowText() const
{
    return m_clock->nowUtc().toUTC().toString(Qt::ISODate);
}

Transaction::Transaction(Workspace& ws) : m_ws(ws)
{
    if (ws.isReadOnly()) {
        m_error = Error(ws.path(), 0, QStringLiteral("the workspace is open read-only"));
        return;
    }
    if (auto s = ws.exec("BEGIN IMMEDIATE"); !s) {
        m_error =
            Error(ws.path(), 0, QStringLiteral("cannot start a write transaction: %1").arg(s.error().what()));
        return;
    }
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active)
        (void)m_ws.exec("ROLLBACK");
}

Status Transaction::commit()
{
    if (!m_active)
        return m_error;
    m_active = false;
    if (auto s = m_ws.exec("COMMIT"); !s) {
        (void)m_ws.exec("ROLLBACK");
        return s;
    }
    return {};
}

} // namespace tollgate
