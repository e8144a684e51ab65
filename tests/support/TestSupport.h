#pragma once

#include "FixedClock.h"
#include "base/Identity.h"
#include "store/Workspace.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace tollgate::test {

// The shared folder (peer suites, samples) and test data, as configured at build time.
QString sharedDir();
QString sourceDir();
QString testData(const QString& relative);

// 2026-01-15T10:00:00Z: every test's "now".
const FixedClock& fixedClock();
Identity testIdentity();

// A scratch directory with a workspace path in it.
class TempWorkspace
{
public:
    TempWorkspace();
    QString path() const { return m_dir.filePath(QStringLiteral("ws.tollgate")); }
    QString dir() const { return m_dir.path(); }
    QString file(const QString& name) const { return m_dir.filePath(name); }
    // Creates the workspace (fails the test on error) and returns it open.
    std::unique_ptr<Workspace> create();
    std::unique_ptr<Workspace> open(Workspace::OpenMode mode = Workspace::OpenMode::ReadWrite);

private:
    QTemporaryDir m_dir;
};

// Writes `text` to `path`, creating folders.
void writeFile(const QString& path, const QByteArray& text);
QByteArray readFile(const QString& path);
// The bytes of every file whose name starts with `path` (the workspace and its -wal/-shm).
QByteArray allBytesOf(const QString& path);

// A golden file under tests/data: its bytes, to compare `actual` with. With TOLLGATE_UPDATE_GOLDEN
// set in the environment, `actual` is written there first (review the diff before committing it).
QByteArray golden(const QString& relative, const QByteArray& actual);
QString golden(const QString& relative, const QString& actual);

} // namespace tollgate::test
