#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QTimeZone>

namespace tollgate::test {

QString sharedDir()
{
    return QStringLiteral(TOLLGATE_SHARED_DIR);
}

QString sourceDir()
{
    return QStringLiteral(TOLLGATE_SOURCE_DIR);
}

QString testData(const QString& relative)
{
    return QStringLiteral(TOLLGATE_TEST_DATA) + QLatin1Char('/') + relative;
}

const FixedClock& fixedClock()
{
    static const FixedClock clock(QDateTime(QDate(2026, 1, 15), QTime(10, 0, 0), QTimeZone::utc()));
    return clock;
}

Identity testIdentity()
{
    return Identity(QStringLiteral("Test Reviewer"), QStringLiteral("tester"));
}

TempWorkspace::TempWorkspace() = default;

std::unique_ptr<Workspace> TempWorkspace::create()
{
    auto ws = Workspace::create(path(), fixedClock(), testIdentity());
    if (!ws) {
        qWarning("create failed: %s", qPrintable(ws.error().toString()));
        return nullptr;
    }
    return std::move(ws).value();
}

std::unique_ptr<Workspace> TempWorkspace::open(Workspace::OpenMode mode)
{
    auto ws = Workspace::open(path(), mode, fixedClock(), testIdentity());
    if (!ws) {
        qWarning("open failed: %s", qPrintable(ws.error().toString()));
        return nullptr;
    }
    return std::move(ws).value();
}

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray allBytesOf(const QString& path)
{
    const QFileInfo fi(path);
    QByteArray all;
    const QStringList names =
        QDir(fi.absolutePath()).entryList(QStringList{fi.fileName() + QLatin1Char('*')}, QDir::Files);
    for (const QString& n : names)
        all += readFile(fi.absolutePath() + QLatin1Char('/') + n);
    return all;
}

QByteArray golden(const QString& relative, const QByteArray& actual)
{
    const QString path = testData(relative);
    if (qEnvironmentVariableIsSet("TOLLGATE_UPDATE_GOLDEN"))
        writeFile(path, actual);
    return readFile(path);
}

QString golden(const QString& relative, const QString& actual)
{
    return QString::fromUtf8(golden(relative, actual.toUtf8()));
}

} // namespace tollgate::test
