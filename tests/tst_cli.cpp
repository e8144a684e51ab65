#include "CliRun.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {
using Run = CliRun;

QJsonArray jsonArray(const QString& text)
{
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &e);
    return d.isArray() ? d.array() : QJsonArray();
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpOnEveryVerb_data()
    {
        QTest::addColumn<QString>("verb");
        for (const char* v : {"init", "import", "snapshots", "inventory", "export-ckl"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }

    void helpOnEveryVerb()
    {
        QFETCH(QString, verb);
        const Run r = runCli({verb, QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("Usage: tollgate-cli ") + verb));
    }

    void usageErrors()
    {
        QCOMPARE(runCli({}).code, 2);
        QCOMPARE(runCli({QStringLiteral("frobnicate")}).code, 2);
        QCOMPARE(runCli({QStringLiteral("init")}).code, 2);
        QCOMPARE(runCli({QStringLiteral("inventory"), QStringLiteral("x"), QStringLiteral("--bogus")}).code,
                 2);
        const Run h = runCli({QStringLiteral("--help")});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains(QLatin1String("inventory")));
    }

    void initImportListInventory()
    {
        TempWorkspace t;
        const QString ws = t.path();
        QCOMPARE(runCli({QStringLiteral("init"), ws}).code, 0);
        QCOMPARE(runCli({QStringLiteral("init"), ws}).code, 2); // exists

        Run r = runCli({QStringLiteral("import"), ws, testData(QStringLiteral("inventory")),
                        QStringLiteral("--label"), QStringLiteral("first"), QStringLiteral("--cluster"),
                        QStringLiteral("mission-east")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("1"));
        r = runCli({QStringLiteral("import"), ws, testData(QStringLiteral("podsonly"))});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("2"));

        r = runCli({QStringLiteral("snapshots"), ws, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonArray snaps = jsonArray(r.out);
        QCOMPARE(snaps.size(), 2);
        const QJsonObject s1 = snaps[0].toObject();
        for (const char* key : {"id", "label", "cluster", "imported_at", "digest"})
            QVERIFY2(s1.contains(QLatin1String(key)), key);
        QCOMPARE(s1[QLatin1String("label")].toString(), QStringLiteral("first"));
        QCOMPARE(s1[QLatin1String("cluster")].toString(), QStringLiteral("mission-east"));
        QCOMPARE(s1[QLatin1String("imported_at")].toString(), QStringLiteral("2026-01-15T10:00:00Z"));
        QCOMPARE(snaps[1].toObject()[QLatin1String("id")].toInt(), 2);

        // Default: latest snapshot, workloads.
        r = runCli({QStringLiteral("inventory"), ws, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(jsonArray(r.out).size(), 4);
        r = runCli({QStringLiteral("inventory"), ws, QStringLiteral("--snapshot"), QStringLiteral("1"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonArray(r.out).size(), 3);
        r = runCli({QStringLiteral("inventory"), ws, QStringLiteral("--snapshot"), QStringLiteral("first"),
                    QStringLiteral("--kind"), QStringLiteral("exposures"), QStringLiteral("--format"),
                    QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(jsonArray(r.out).size(), 7);
        for (const char* kind :
             {"workloads", "images", "services", "exposures", "namespaces", "files", "skipped", "kinds"}) {
            for (const char* fmt : {"table", "json", "csv"}) {
                r = runCli({QStringLiteral("inventory"), ws, QStringLiteral("--snapshot"),
                            QStringLiteral("1"), QStringLiteral("--kind"), QString::fromLatin1(kind),
                            QStringLiteral("--format"), QString::fromLatin1(fmt)});
                QVERIFY2(
                    r.code == 0,
                    qPrintable(
                        QStringLiteral("%1 %2: %3").arg(QLatin1String(kind), QLatin1String(fmt), r.err)));
                if (QByteArray(fmt) == "json")
                    QVERIFY(r.out.trimmed().startsWith(QLatin1Char('[')));
            }
        }
        r = runCli({QStringLiteral("inventory"), ws, QStringLiteral("--snapshot"), QStringLiteral("1"),
                    QStringLiteral("--kind"), QStringLiteral("images"), QStringLiteral("--format"),
                    QStringLiteral("csv")});
        QVERIFY(r.out.startsWith(QLatin1String("registry,repository,tag,digest,workload_count\n")));
        QCOMPARE(r.out.count(QLatin1Char('\n')), 5);

        QCOMPARE(
            runCli({QStringLiteral("inventory"), ws, QStringLiteral("--snapshot"), QStringLiteral("9")}).code,
            2);
        QCOMPARE(
            runCli({QStringLiteral("inventory"), ws, QStringLiteral("--kind"), QStringLiteral("bogus")}).code,
            2);
        QCOMPARE(
            runCli({QStringLiteral("inventory"), ws, QStringLiteral("--format"), QStringLiteral("xml")}).code,
            2);
    }

    void badImportExitsTwoWithFileAndLine()
    {
        TempWorkspace t;
        QCOMPARE(runCli({QStringLiteral("init"), t.path()}).code, 0);
        writeFile(t.file(QStringLiteral("bad/broken.yaml")),
                  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Service\n"
                  "metadata: {name: x\n  bad: [\n");
        const Run r = runCli({QStringLiteral("import"), t.path(), t.file(QStringLiteral("bad"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("broken.yaml:")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("syntax error")));
        const Run s = runCli(
            {QStringLiteral("snapshots"), t.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonArray(s.out).size(), 0);
        // Not a workspace at all.
        writeFile(t.file(QStringLiteral("notes.txt")), "just notes\n");
        const Run n = runCli({QStringLiteral("snapshots"), t.file(QStringLiteral("notes.txt"))});
        QCOMPARE(n.code, 2);
        QVERIFY(n.err.contains(QLatin1String("not a Tollgate workspace")));
        QCOMPARE(readFile(t.file(QStringLiteral("notes.txt"))), QByteArray("just notes\n"));
    }

    // export-ckl: usage errors exit 2 before anything is written; .ckl and .cklb by the suffix, with
    // every rule of the built-in Kubernetes STIG (or of --benchmark FILE).
    void exportCklVerb()
    {
        TempWorkspace t;
        const QString ws = t.path();
        QCOMPARE(runCli({QStringLiteral("init"), ws}).code, 0);
        QCOMPARE(
            runCli({QStringLiteral("import"), ws, sourceDir() + QStringLiteral("/resources/demo/snapshot-1"),
                    QStringLiteral("--cluster"), QStringLiteral("demo-east")})
                .code,
            0);
        const QString ckl = t.file(QStringLiteral("demo.ckl"));
        const QString cklb = t.file(QStringLiteral("demo.cklb"));
        const QString verb = QStringLiteral("export-ckl");
        const QString out = QStringLiteral("--out");
        Run r = runCli({verb, ws});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("--out")));
        r = runCli({verb, ws, out, t.file(QStringLiteral("demo.txt"))});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String(".cklb")));
        QCOMPARE(runCli({verb, out, ckl}).code, 2);
        QCOMPARE(runCli({verb, ws, QStringLiteral("--snapshot"), QStringLiteral("9"), out, ckl}).code, 2);
        r = runCli(
            {verb, ws, QStringLiteral("--benchmark"), t.file(QStringLiteral("missing.xml")), out, ckl});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("missing.xml")));
        QCOMPARE(runCli({verb, t.file(QStringLiteral("nothing.tollgate")), out, ckl}).code, 2);
        QVERIFY(!QFile::exists(ckl));

        r = runCli({verb, ws, out, ckl});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("91 rules of Kubernetes_STIG V1R11 for cluster demo-east")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("Not_Reviewed")));
        QVERIFY(readFile(ckl).startsWith("<?xml"));
        QCOMPARE(readFile(ckl).count("<VULN>"), 91);

        r = runCli(
            {verb, ws, QStringLiteral("--snapshot"), QStringLiteral("1"), QStringLiteral("--benchmark"),
             sharedDir() + QStringLiteral("/samples/stig-benchmark/U_Kubernetes_STIG_V1R11_Manual-xccdf.xml"),
             out, cklb});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject doc = QJsonDocument::fromJson(readFile(cklb)).object();
        QCOMPARE(
            doc.value(QLatin1String("target_data")).toObject().value(QLatin1String("host_name")).toString(),
            QStringLiteral("demo-east"));
        QCOMPARE(doc.value(QLatin1String("stigs"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("rules"))
                     .toArray()
                     .size(),
                 91);
    }

    void realBinarySmoke()
    {
        TempWorkspace t;
        QProcess p;
        p.start(QStringLiteral(TOLLGATE_CLI_BINARY), {QStringLiteral("init"), t.path()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        p.start(QStringLiteral(TOLLGATE_CLI_BINARY),
                {QStringLiteral("import"), t.path(), testData(QStringLiteral("inventory"))});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("1"));
        p.start(QStringLiteral(TOLLGATE_CLI_BINARY), {QStringLiteral("inventory"), t.path()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY(out.startsWith("NAMESPACE"));
        QVERIFY(out.contains("istio-ingressgateway"));
        p.start(QStringLiteral(TOLLGATE_CLI_BINARY), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.readAllStandardOutput().startsWith("tollgate-cli "));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
