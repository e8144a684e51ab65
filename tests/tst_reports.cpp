// Signed review reports (issue 13): the report model against golden JSON for the demo's snapshot
// and change reviews, HTML that stands alone, and detached CMS signatures: round trip, one changed
// byte in the report or the signature, a wrong CA, an expired signer, and OpenSSL's own verifier.
#include "CliRun.h"
#include "CmsSignature.h"
#include "KeyGenerator.h"
#include "ReviewReport.h"
#include "SigningIdentity.h"
#include "SnapshotImporter.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QByteArray normalised(QByteArray json)
{
    return json.replace(sourceDir().toUtf8(), "<source>");
}

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoReportsMatchGolden_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("snapshot") << "snapshot";
        QTest::newRow("changes") << "changes";
    }
    void demoReportsMatchGolden()
    {
        QFETCH(QString, kind);
        TempWorkspace tmp;
        auto ws = tmp.create();
        for (const char* s : {"snapshot-1", "snapshot-2"})
            QVERIFY(SnapshotImporter(*ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)})
                        .ok());
        ReviewReport::Options opt;
        opt.kind = kind;
        opt.recommendation = QStringLiteral("Approve the change with a POA&M for the PERMISSIVE namespace.");
        opt.residualRisk = QStringLiteral("Moderate");
        auto report = ReviewReport::build(*ws, opt);
        QVERIFY2(report.ok(), qPrintable(report.error().toString()));
        QJsonObject forGolden = report.value();
        QJsonObject d = forGolden.value(QLatin1String("diagram")).toObject();
        // The SVG's bytes depend on the fonts installed; its shape is checked below, not its hash.
        d.remove(QStringLiteral("svg"));
        d.remove(QStringLiteral("svg_sha256"));
        forGolden.insert(QStringLiteral("diagram"), d);
        // Hashes over evidence that names files by absolute path differ between checkouts: the
        // audit head and the control run's digest are checked for shape here, not by value.
        QJsonObject audit = forGolden.value(QLatin1String("audit")).toObject();
        QCOMPARE(audit.value(QLatin1String("head")).toString().size(), 64);
        audit.insert(QStringLiteral("head"), QStringLiteral("<sha256>"));
        forGolden.insert(QStringLiteral("audit"), audit);
        QJsonObject title = forGolden.value(QLatin1String("title")).toObject();
        QJsonArray scans = title.value(QLatin1String("scans")).toArray();
        for (int i = 0; i < scans.size(); ++i) {
            QJsonObject scan = scans.at(i).toObject();
            if (scan.value(QLatin1String("format")).toString() == QLatin1String("tollgate-controls")) {
                QCOMPARE(scan.value(QLatin1String("sha256")).toString().size(), 64);
                scan.insert(QStringLiteral("sha256"), QStringLiteral("<sha256>"));
                scans[i] = scan;
            }
        }
        title.insert(QStringLiteral("scans"), scans);
        forGolden.insert(QStringLiteral("title"), title);
        const QByteArray json = normalised(ReviewReport::json(forGolden));
        const QString golden = testData(QStringLiteral("reports/demo-%1.json").arg(kind));
        if (qEnvironmentVariableIsSet("TOLLGATE_UPDATE_GOLDEN"))
            writeFile(golden, json);
        QCOMPARE(QString::fromUtf8(json), QString::fromUtf8(readFile(golden)));
        const QJsonObject r = report.value();
        QCOMPARE(r.value(QLatin1String("title")).toObject().value(QLatin1String("inputs")).toArray().size(),
                 10);
        QVERIFY(
            !r.value(QLatin1String("audit")).toObject().value(QLatin1String("head")).toString().isEmpty());
        // The diagram is drawn by the graph painter; its SVG is in the model and inline in the HTML.
        const QJsonObject diagram = r.value(QLatin1String("diagram")).toObject();
        QVERIFY2(diagram.value(QLatin1String("svg")).toString().startsWith(QLatin1String("<?xml")),
                 "the diagram is an SVG");
        QVERIFY(diagram.value(QLatin1String("nodes")).toInt() > 40);
        const QByteArray html = ReviewReport::html(report.value());
        QVERIFY(html.contains("src=\"data:image/svg+xml;base64,"));
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("class=\"banner top\">CUI<"));
        QVERIFY(!html.contains("<img src=\"http") && !html.contains("<script"));
        if (kind == QLatin1String("changes"))
            QCOMPARE(r.value(QLatin1String("changes")).toArray().size(), 4);
    }

    void signatureRoundTripAndTamper()
    {
        auto keys = KeyGenerator::generate(QStringLiteral("CN=Jane Doe,O=Program"));
        QVERIFY(keys.ok());
        auto id = SigningIdentity::fromPem(keys->signerPem, keys->signerKeyPem);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));
        QCOMPARE(id->subject(), QStringLiteral("/CN=Jane Doe/O=Program"));
        const QByteArray report = "<html>the report</html>\n";
        auto sig = CmsSignature::sign(report, id.value());
        QVERIFY(sig.ok());
        CmsSignature::Verification v = CmsSignature::verify(report, sig.value(), keys->caPem);
        QVERIFY2(v.valid, qPrintable(v.problem));
        QCOMPARE(v.subject, QStringLiteral("/CN=Jane Doe/O=Program"));
        QVERIFY(v.signingTime.isValid());
        QCOMPARE(v.chain, QStringLiteral("trusted by the given CA"));
        // Without a CA the signature alone decides, and the output says so.
        v = CmsSignature::verify(report, sig.value(), {});
        QVERIFY(v.valid);
        QVERIFY(v.chain.contains(QLatin1String("chain not checked")));
        // One changed byte in the report.
        QByteArray changed = report;
        changed[6] = 'X';
        v = CmsSignature::verify(changed, sig.value(), keys->caPem);
        QVERIFY(!v.valid);
        QVERIFY2(v.problem.contains(QLatin1String("changed after signing")), qPrintable(v.problem));
        // One changed byte in the signature value.
        QByteArray badSig = sig.value();
        badSig[badSig.size() - 10] = static_cast<char>(badSig[badSig.size() - 10] ^ 1);
        v = CmsSignature::verify(report, badSig, keys->caPem);
        QVERIFY(!v.valid);
        QVERIFY2(v.problem.contains(QLatin1String("signature")), qPrintable(v.problem));
        // A truncated signature file.
        v = CmsSignature::verify(report, sig->left(40), keys->caPem);
        QVERIFY(!v.valid);
        QVERIFY(v.problem.contains(QLatin1String("damaged")));
        // Another CA.
        auto other = KeyGenerator::generate(QStringLiteral("CN=Someone Else"));
        v = CmsSignature::verify(report, sig.value(), other->caPem);
        QVERIFY(!v.valid);
        QVERIFY(v.chain.startsWith(QLatin1String("NOT trusted")));
    }

    void expiredSignerIsRefusedWithTheCa()
    {
        auto keys = KeyGenerator::generate(QStringLiteral("CN=Old Signer"), -30, 10); // expired 20 days ago
        QVERIFY(keys.ok());
        auto id = SigningIdentity::fromPem(keys->signerPem, keys->signerKeyPem);
        auto sig = CmsSignature::sign("data", id.value());
        QVERIFY(sig.ok());
        const CmsSignature::Verification v = CmsSignature::verify("data", sig.value(), keys->caPem);
        QVERIFY(!v.valid);
        QVERIFY2(v.chain.contains(QLatin1String("NOT trusted")), qPrintable(v.chain));
    }

    void cliReportKeygenVerifyAndOpenSsl()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            QVERIFY(SnapshotImporter(*ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")})
                        .ok());
        }
        const QString keys = tmp.file(QStringLiteral("keys"));
        CliRun r = runCli({QStringLiteral("keygen"), QStringLiteral("--out"), keys,
                           QStringLiteral("--subject"), QStringLiteral("CN=ISSO Test")});
        QCOMPARE(r.code, 0);
        QCOMPARE(QFile(keys + QStringLiteral("/signer.key")).permissions() &
                     (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        const QString out = tmp.file(QStringLiteral("review.html"));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), out,
                    QStringLiteral("--recommendation"), QStringLiteral("Approve"),
                    QStringLiteral("--sign-cert"), keys + QStringLiteral("/signer.pem"),
                    QStringLiteral("--sign-key"), keys + QStringLiteral("/signer.key")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(out + QStringLiteral(".p7s")));
        r = runCli({QStringLiteral("verify"), out, QStringLiteral("--ca"), keys + QStringLiteral("/ca.pem")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("result:     VALID")));
        QVERIFY(r.out.contains(QLatin1String("/CN=ISSO Test")));
        r = runCli({QStringLiteral("verify"), tmp.file(QStringLiteral("missing.html"))});
        QCOMPARE(r.code, 2);
        // Every signature is in the audit log.
        r = runCli({QStringLiteral("audit"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(r.out.contains(QLatin1String("report.sign")));
        // OpenSSL's own verifier accepts the same signature.
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "openssl is installed by packaging/install-deps.sh");
        QProcess p;
        p.start(openssl,
                {QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-binary"),
                 QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
                 out + QStringLiteral(".p7s"), QStringLiteral("-content"), out, QStringLiteral("-CAfile"),
                 keys + QStringLiteral("/ca.pem"), QStringLiteral("-out"), QStringLiteral("/dev/null")});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        // A PKCS#12 bundle signs the same way; its password comes from the environment, never argv.
        const QString p12 = tmp.file(QStringLiteral("signer.p12"));
        QProcess exportP12;
        exportP12.start(openssl,
                        {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                         keys + QStringLiteral("/signer.key"), QStringLiteral("-in"),
                         keys + QStringLiteral("/signer.pem"), QStringLiteral("-out"), p12,
                         QStringLiteral("-passout"), QStringLiteral("pass:s3cret")});
        QVERIFY(exportP12.waitForFinished(30000));
        QCOMPARE(exportP12.exitCode(), 0);
        const QString viaP12 = tmp.file(QStringLiteral("p12.html"));
        qputenv("TOLLGATE_P12_PASSWORD", "wrong");
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), viaP12,
                    QStringLiteral("--sign-p12"), p12});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("wrong password")));
        qputenv("TOLLGATE_P12_PASSWORD", "s3cret");
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), viaP12,
                    QStringLiteral("--sign-p12"), p12});
        qunsetenv("TOLLGATE_P12_PASSWORD");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runCli(
            {QStringLiteral("verify"), viaP12, QStringLiteral("--ca"), keys + QStringLiteral("/ca.pem")});
        QCOMPARE(r.code, 0);
        // JSON too, and the JSON report is the model.
        const QString json = tmp.file(QStringLiteral("review.json"));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), json});
        QCOMPARE(r.code, 0);
        QVERIFY(QJsonDocument::fromJson(readFile(json)).object().contains(QLatin1String("open_findings")));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"),
                    tmp.file(QStringLiteral("x.txt"))});
        QCOMPARE(r.code, 2);
    }
};

QTEST_MAIN(TestReports) // a QGuiApplication: the report draws the diagram
#include "tst_reports.moc"
