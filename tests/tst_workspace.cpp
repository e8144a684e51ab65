#include "SqlProbe.h"
#include "TestSupport.h"
#include "store/AuditLog.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace tollgate;
using namespace tollgate::test;

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createAndReopen()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(ws);
            QCOMPARE(ws->schemaVersion(), Workspace::currentSchemaVersion());
            QVERIFY(!ws->isReadOnly());
        }
        // Checkpointed on close: no WAL content left behind, the file alone is complete.
        QVERIFY(!QFile::exists(t.path() + QStringLiteral("-wal")) ||
                QFile(t.path() + QStringLiteral("-wal")).size() == 0);
        auto ws = t.open();
        QVERIFY(ws);
        const auto v = AuditLog::verify(*ws);
        QVERIFY(v.ok);
        QCOMPARE(v.entries, 1); // workspace.create
        // create refuses an existing file
        auto again = Workspace::create(t.path(), fixedClock(), testIdentity());
        QVERIFY(!again);
        QVERIFY(again.error().what().contains(QLatin1String("already exists")));
    }

    void refusesForeignFilesUnchanged_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("hello, not a database\n").repeated(10)
                              << QStringLiteral("not a SQLite");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not a SQLite");
        QTest::newRow("other sqlite") << QByteArray() << QStringLiteral("another application");
    }

    void refusesForeignFilesUnchanged()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        TempWorkspace t;
        const QString p = t.file(QStringLiteral("foreign.db"));
        if (QByteArray(QTest::currentDataTag()) == "other sqlite") {
            // A rollback-journal SQLite file of another application.
            QVERIFY(SqlProbe::writeForeignDatabase(p));
        } else {
            writeFile(p, content);
        }
        const QByteArray before = readFile(p);
        for (auto mode : {Workspace::OpenMode::ReadWrite, Workspace::OpenMode::ReadOnly}) {
            auto ws = Workspace::open(p, mode, fixedClock(), testIdentity());
            QVERIFY(!ws);
            QVERIFY2(ws.error().what().contains(expected), qPrintable(ws.error().toString()));
        }
        QCOMPARE(readFile(p), before);
        QVERIFY(!QFile::exists(p + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(p + QStringLiteral("-journal")));
    }

    void readOnlyMediaOpensReadOnly()
    {
        if (::geteuid() == 0)
            qInfo("running as root: directory write bits do not stop root, so the check uses the file mode");
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(ws);
        }
        const QByteArray before = readFile(t.path());
        QVERIFY(::chmod(QFile::encodeName(t.path()).constData(), 0444) == 0);
        QVERIFY(::chmod(QFile::encodeName(t.dir()).constData(), 0555) == 0);
        {
            auto ws = t.open(Workspace::OpenMode::ReadWrite);
            // Root can still write; everyone else gets a read-only workspace. Either way it opens.
            QVERIFY(ws);
            if (::geteuid() != 0)
                QVERIFY(ws->isReadOnly());
            auto ro = t.open(Workspace::OpenMode::ReadOnly);
            QVERIFY(ro);
            QVERIFY(ro->isReadOnly());
            QVERIFY(AuditLog::verify(*ro).ok);
            Transaction tx(*ro);
            QVERIFY(!tx.active());
            QVERIFY(tx.beginError().what().contains(QLatin1String("read-only")));
        }
        QVERIFY(::chmod(QFile::encodeName(t.dir()).constData(), 0755) == 0);
        QVERIFY(::chmod(QFile::encodeName(t.path()).constData(), 0644) == 0);
        QCOMPARE(readFile(t.path()), before);
    }

    void damagedFileIsReported()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(ws);
            Transaction tx(*ws);
            for (int i = 0; i < 300; ++i)
                QVERIFY(AuditLog::append(*ws, QStringLiteral("test"), QString::number(i),
                                         QString(200, QLatin1Char('x'))));
            QVERIFY(tx.commit());
        }
        QByteArray bytes = readFile(t.path());
        QVERIFY(bytes.size() > 8192);
        // Keep the header (so it is still recognisably ours), scribble over the b-tree pages.
        for (qsizetype i = 4096 + 100; i < bytes.size(); i += 7)
            bytes[i] = static_cast<char>(0xA5);
        writeFile(t.path(), bytes);
        auto ws = Workspace::open(t.path(), Workspace::OpenMode::ReadOnly, fixedClock(), testIdentity());
        QVERIFY(!ws);
        QVERIFY2(ws.error().what().contains(QLatin1String("damaged")), qPrintable(ws.error().toString()));
    }

    void newerSchemaRefused()
    {
        TempWorkspace t;
        {
            auto ws = t.create();
            QVERIFY(ws->exec("PRAGMA user_version = 99"));
        }
        auto ws = Workspace::open(t.path(), Workspace::OpenMode::ReadWrite, fixedClock(), testIdentity());
        QVERIFY(!ws);
        QVERIFY(ws.error().what().contains(QLatin1String("newer")));
    }

    void auditChainDetectsTampering()
    {
        TempWorkspace t;
        auto ws = t.create();
        {
            Transaction tx(*ws);
            for (int i = 0; i < 5; ++i)
                QVERIFY(AuditLog::append(*ws, QStringLiteral("decision"), QStringLiteral("F-%1").arg(i),
                                         QStringLiteral("ok")));
            QVERIFY(tx.commit());
        }
        auto v = AuditLog::verify(*ws);
        QVERIFY(v.ok);
        QCOMPARE(v.entries, 6);
        QCOMPARE(v.head.size(), 64);

        // Outside a transaction the single writer refuses.
        QVERIFY(!AuditLog::append(*ws, QStringLiteral("x"), QString(), QString()));
        // The triggers refuse edits; a tamperer drops them first.
        QVERIFY(!ws->exec("UPDATE audit_log SET detail = 'edited' WHERE seq = 3"));
        QVERIFY(ws->exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
        QVERIFY(ws->exec("UPDATE audit_log SET detail = 'edited' WHERE seq = 3"));
        v = AuditLog::verify(*ws);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBroken, qint64(3));
        QVERIFY(v.reason.contains(QLatin1String("altered")));

        QVERIFY(ws->exec("UPDATE audit_log SET detail = 'ok' WHERE seq = 3"));
        QVERIFY(AuditLog::verify(*ws).ok);
        QVERIFY(ws->exec("DELETE FROM audit_log WHERE seq = 4"));
        v = AuditLog::verify(*ws);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBroken, qint64(5));
    }

    void injectedClockAndIdentity()
    {
        TempWorkspace t;
        auto ws = t.create();
        auto list = AuditLog::entries(*ws);
        QVERIFY(list);
        QCOMPARE(list->first().at, QStringLiteral("2026-01-15T10:00:00Z"));
        QCOMPARE(list->first().actor, QStringLiteral("Test Reviewer"));
        QCOMPARE(list->first().osUser, QStringLiteral("tester"));
    }

    void exportCopy()
    {
        TempWorkspace t;
        auto ws = t.create();
        const QString copy = t.file(QStringLiteral("copy.tollgate"));
        QVERIFY(ws->exportCopy(copy));
        auto other = Workspace::open(copy, Workspace::OpenMode::ReadOnly, fixedClock(), testIdentity());
        QVERIFY(other);
        QVERIFY(AuditLog::verify(*other.value()).ok);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
