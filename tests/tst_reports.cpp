// Signed review reports (issue 13): the report model against golden JSON for the demo's snapshot
// and change reviews, HTML that stands alone, and detached CMS signatures: round trip, one changed
// byte in the report or the signature, a wrong CA, an expired signer, and OpenSSL's own verifier.
#include "CliRun.h"
#include "TestSupport.h"
#include "import/SnapshotImporter.h"
#include "reports/content/ReviewReport.h"
#include "reports/pdf/PdfReport.h"
#include "reports/publish/ReportWriter.h"
#include "reports/signing/CmsSignature.h"
#include "reports/signing/KeyGenerator.h"
#include "reports/signing/SigningIdentity.h"
#include "store/ReportStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QByteArray normalised(QByteArray json)
{
    return json.replace(sourceDir().toUtf8(), "<source>");
}

// poppler-utils (pdftotext, pdfinfo, pdfimages) read the PDFs back the way a reader's tools would.
QString run(const QString& tool, const QStringList& args)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty())
        return QStringLiteral("<%1 is not installed (poppler-utils)>").arg(tool);
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return QStringLiteral("<%1 failed: %2>").arg(tool, QString::fromUtf8(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The text of every page (pdftotext ends each page with a form feed).
QStringList pdfPages(const QString& path)
{
    QStringList pages =
        run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}).split(QLatin1Char('\f'));
    if (!pages.isEmpty() && pages.last().trimmed().isEmpty())
        pages.removeLast();
    return pages;
}

int pageCount(const QString& path)
{
    static const QRegularExpression pagesLine(QStringLiteral("^Pages:\\s+(\\d+)"),
                                              QRegularExpression::MultilineOption);
    return pagesLine.match(run(QStringLiteral("pdfinfo"), {path})).captured(1).toInt();
}

std::unique_ptr<Workspace> demoWorkspace(TempWorkspace& tmp)
{
    auto ws = tmp.create();
    for (const char* s : {"snapshot-1", "snapshot-2"})
        if (!SnapshotImporter(*ws, {})
                 .run({sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)})
                 .ok())
            return nullptr;
    return ws;
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
        QCOMPARE(QString::fromUtf8(json),
                 QString::fromUtf8(golden(QStringLiteral("reports/demo-%1.json").arg(kind), json)));
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

    void pdfOfTheDemoHasBannersContentsAndDiagram()
    {
        TempWorkspace tmp;
        auto ws = demoWorkspace(tmp);
        QVERIFY(ws);
        ReportWriter::Request req;
        req.report.kind = QStringLiteral("changes");
        req.report.marking = QStringLiteral("CUI//SP-TEST");
        req.report.recommendation = QStringLiteral("Approve with a POA&M for the PERMISSIVE namespace.");
        req.report.residualRisk = QStringLiteral("Moderate");
        req.outPath = tmp.file(QStringLiteral("review.pdf"));
        QList<int> progress;
        req.progress = [&progress](int percent, const QString&) { progress << percent; };
        auto w = ReportWriter::write(*ws, req);
        QVERIFY2(w.ok(), qPrintable(w.error().toString()));
        QVERIFY(!progress.isEmpty() && progress.last() == 100);
        const QByteArray bytes = readFile(req.outPath);
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(w->bytes, bytes.size());
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        const int pages = pageCount(req.outPath);
        QVERIFY2(pages >= 8 && pages <= 80, qPrintable(QString::number(pages)));
        const QStringList text = pdfPages(req.outPath);
        QCOMPARE(text.size(), pages);
        for (int i = 0; i < pages; ++i) {
            // The banner heads and foots every page; every page is numbered.
            QVERIFY2(text[i].count(QLatin1String("CUI//SP-TEST")) >= 2,
                     qPrintable(QStringLiteral("page %1").arg(i + 1)));
            QVERIFY2(text[i].contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages)),
                     qPrintable(text[i].right(200)));
        }
        QVERIFY(text[0].contains(QLatin1String("Change review")));
        QVERIFY(text[0].contains(QLatin1String("Approve with a POA&M")));
        QVERIFY(text[0].contains(QLatin1String("CAT I: ")));
        // The contents list every section with the page it starts on.
        QVERIFY(text[1].contains(QLatin1String("Contents")));
        const QString contents =
            run(QStringLiteral("pdftotext"),
                {QStringLiteral("-layout"), QStringLiteral("-f"), QStringLiteral("2"), QStringLiteral("-l"),
                 QStringLiteral("2"), req.outPath, QStringLiteral("-")});
        const QString all = text.join(QLatin1Char('\n'));
        for (const char* section : {"Title block", "Changes and decisions", "Network-flow diagram",
                                    "Ports, protocols and services crossing the boundary", "Controls",
                                    "Inventory", "Mesh", "Limitations", "Audit log"}) {
            const QRegularExpression entry(QStringLiteral("^\\s*") +
                                               QRegularExpression::escape(QLatin1String(section)) +
                                               QStringLiteral("\\s+(\\d+)\\s*$"),
                                           QRegularExpression::MultilineOption);
            const QRegularExpressionMatch m = entry.match(contents);
            QVERIFY2(m.hasMatch(), qPrintable(QLatin1String(section) + QLatin1Char('\n') + contents));
            const int page = m.captured(1).toInt();
            QVERIFY2(page > 2 && page <= pages, section);
            QVERIFY2(text[page - 1].contains(QLatin1String(section)), section);
        }
        // Names from the demo, whole; the diagram's labels are text (vector), not a picture.
        // (a long cell wraps, at a "/" or anywhere in a long word: compare without the line breaks)
        QString squeezed = all;
        squeezed.remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY(squeezed.contains(QLatin1String("newcomponentmission-data/Deployment/track-fusion")));
        const int diagramPage =
            static_cast<int>(std::find_if(text.begin() + 2, text.end(),
                                          [](const QString& t) {
                                              return t.contains(QLatin1String("Network-flow diagram")) &&
                                                     t.contains(QLatin1String("allowed flows"));
                                          }) -
                             text.begin());
        QVERIFY(diagramPage < pages);
        QVERIFY2(text[diagramPage].contains(QLatin1String("istio-ingressgateway")),
                 qPrintable(text[diagramPage]));
        QVERIFY(run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), req.outPath})
                    .count(QLatin1Char('\n')) <= 2);
        const QString info = run(QStringLiteral("pdfinfo"),
                                 {QStringLiteral("-f"), QString::number(diagramPage + 1),
                                  QStringLiteral("-l"), QString::number(diagramPage + 1), req.outPath});
        QVERIFY2(info.contains(QLatin1String("792 x 612 pts")),
                 qPrintable(info)); // landscape: the diagram is wide
        // The PDF's date is the report's; the same model renders to the same bytes (QPdfWriter's
        // wall-clock date is replaced; Qt 6.4 writes no random document ID).
        QVERIFY2(
            run(QStringLiteral("pdfinfo"), {req.outPath}).contains(QLatin1String("Jan 15 10:00:00 2026")),
            qPrintable(run(QStringLiteral("pdfinfo"), {req.outPath})));
        auto model = ReviewReport::build(*ws, req.report);
        QVERIFY(model.ok());
        auto one = reports::PdfReport::render(model.value(), {});
        QTest::qWait(1100); // a second later: a wall-clock date would differ
        auto two = reports::PdfReport::render(model.value(), {});
        QVERIFY(one.ok() && two.ok());
        QVERIFY(one.value() == two.value());
        auto again = ReportWriter::write(*ws, req);
        QVERIFY(again.ok());
        // Each written report is recorded.
        auto records = ReportStore(*ws).list();
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->last().sha256, w->sha256);
        QCOMPARE(records->first().sha256, again->sha256);
    }

    void pdfTableOf10000RowsPaginatesWithoutLoss()
    {
        QJsonObject report;
        report.insert(QStringLiteral("kind"), QStringLiteral("snapshot"));
        report.insert(QStringLiteral("marking"), QStringLiteral("UNCLASSIFIED//TEST"));
        report.insert(QStringLiteral("title"),
                      QJsonObject{{QStringLiteral("system"), QStringLiteral("big")},
                                  {QStringLiteral("date"), QStringLiteral("2026-01-15T10:00:00Z")}});
        QJsonArray inventory;
        const QString unbroken =
            QStringLiteral("sha256:") + QString(200, QLatin1Char('f')) + QStringLiteral("END");
        for (int i = 0; i < 10000; ++i) {
            QJsonArray images{
                QStringLiteral("registry1.dso.mil/ironbank/team-%1/service:%2").arg(i % 37).arg(i)};
            if (i % 1000 == 7) // an unbreakable word longer than a column and some very long cells
                images.append(unbroken);
            if (i % 2500 == 3)
                for (int k = 0; k < 150; ++k)
                    images.append(QStringLiteral("registry1.dso.mil/extra/image-%1-of-row-%2").arg(k).arg(i));
            inventory.append(QJsonObject{
                {QStringLiteral("namespace"), QStringLiteral("ns-%1").arg(i % 50)},
                {QStringLiteral("kind"), QStringLiteral("Deployment")},
                {QStringLiteral("name"), QStringLiteral("key%1x").arg(i, 5, 10, QLatin1Char('0'))},
                {QStringLiteral("images"), images}});
        }
        report.insert(QStringLiteral("inventory"), inventory);
        reports::PdfReport::Options o;
        auto pdf = reports::PdfReport::render(report, o);
        QVERIFY2(pdf.ok(), qPrintable(pdf.error().toString()));
        TempWorkspace tmp;
        const QString path = tmp.file(QStringLiteral("big.pdf"));
        writeFile(path, pdf.value());
        const QStringList pages = pdfPages(path);
        QVERIFY2(pages.size() > 150, qPrintable(QString::number(pages.size())));
        QCOMPARE(pages.size(), pageCount(path));
        const QString all = pages.join(QLatin1Char('\n'));
        static const QRegularExpression key(QStringLiteral("key(\\d{5})x"));
        QList<int> seen(10000, 0);
        for (auto it = key.globalMatch(all); it.hasNext();)
            ++seen[it.next().captured(1).toInt()];
        for (int i = 0; i < 10000; ++i)
            QVERIFY2(seen[i] == 1, qPrintable(QStringLiteral("row %1 appears %2 times").arg(i).arg(seen[i])));
        int lastTablePage = 0;
        for (int i = 0; i < pages.size(); ++i)
            if (pages[i].contains(QLatin1String("image-")) || pages[i].contains(QLatin1String("key")))
                lastTablePage = i;
        for (int i = 2; i < pages.size(); ++i) {
            QVERIFY2(pages[i].count(QLatin1String("UNCLASSIFIED//TEST")) >= 2,
                     qPrintable(QString::number(i)));
            // The header row repeats on every page the table runs over.
            if (i >= 3 && i <= lastTablePage)
                QVERIFY2(pages[i].contains(QLatin1String("Namespace")) &&
                             pages[i].contains(QLatin1String("Images")),
                         qPrintable(QStringLiteral("page %1: %2").arg(i + 1).arg(pages[i].left(300))));
        }
        QVERIFY(lastTablePage > 150);
        // Long words wrap, never elided: the whole digest is there once the line breaks are taken out.
        QString squeezed = all;
        squeezed.remove(QRegularExpression(QStringLiteral("\\s")));
        QCOMPARE(squeezed.count(QString(unbroken).remove(QLatin1Char(' '))), 10);
        // The last extra image of a row taller than a page is there, on the page after its first.
        QCOMPARE(all.count(QLatin1String("image-149-of-row-2503")), 1);
        QVERIFY(!all.contains(QChar(0x2026))); // no ellipsis anywhere
    }

    void pdfReportSignsAndVerifiesThroughTheCli()
    {
        TempWorkspace tmp;
        QVERIFY(demoWorkspace(tmp));
        const QString keys = tmp.file(QStringLiteral("keys"));
        CliRun r = runCli({QStringLiteral("keygen"), QStringLiteral("--out"), keys,
                           QStringLiteral("--subject"), QStringLiteral("CN=ISSO PDF")});
        QCOMPARE(r.code, 0);
        const QString out = tmp.file(QStringLiteral("review.pdf"));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--kind"),
                    QStringLiteral("snapshot"), QStringLiteral("--out"), out, QStringLiteral("--omit"),
                    QStringLiteral("inventory,mesh"), QStringLiteral("--sign-cert"),
                    keys + QStringLiteral("/signer.pem"), QStringLiteral("--sign-key"),
                    keys + QStringLiteral("/signer.key")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readFile(out).startsWith("%PDF"));
        const QStringList pages = pdfPages(out);
        QVERIFY(pages.size() > 3);
        QVERIFY(!pages[1].contains(QLatin1String("Inventory")));
        QVERIFY(pages.join(QString())
                    .remove(QRegularExpression(QStringLiteral("\\s")))
                    .contains(QLatin1String("Sectionsleftoutinventory,mesh")));
        r = runCli({QStringLiteral("verify"), out, QStringLiteral("--signature"),
                    out + QStringLiteral(".p7s"), QStringLiteral("--ca"), keys + QStringLiteral("/ca.pem")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("result:     VALID")));
        QVERIFY(r.out.contains(QLatin1String("/CN=ISSO PDF")));
        // One flipped byte in the middle of the PDF fails.
        QByteArray bytes = readFile(out);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
        writeFile(out, bytes);
        r = runCli({QStringLiteral("verify"), out, QStringLiteral("--ca"), keys + QStringLiteral("/ca.pem")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains(QLatin1String("INVALID")));
        // Sections left out are gone from every format, and the report says which.
        const QString json = tmp.file(QStringLiteral("omit.json"));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), json,
                    QStringLiteral("--omit"), QStringLiteral("diagram,inventory")});
        QCOMPARE(r.code, 0);
        const QJsonObject model = QJsonDocument::fromJson(readFile(json)).object();
        QVERIFY(!model.contains(QLatin1String("diagram")) && !model.contains(QLatin1String("inventory")));
        QVERIFY(model.contains(QLatin1String("mesh")));
        QCOMPARE(model.value(QLatin1String("omitted_sections")).toArray(),
                 (QJsonArray{QStringLiteral("diagram"), QStringLiteral("inventory")}));
        const QString html = tmp.file(QStringLiteral("omit.html"));
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), html,
                    QStringLiteral("--omit"), QStringLiteral("inventory")});
        QCOMPARE(r.code, 0);
        QVERIFY(!readFile(html).contains("<h2>Inventory</h2>"));
        QVERIFY(readFile(html).contains("<h2>Mesh</h2>"));
        QVERIFY(readFile(html).contains("Sections left out"));
        // Unknown sections and formats are usage errors.
        r = runCli({QStringLiteral("report"), tmp.path(), QStringLiteral("--out"), out,
                    QStringLiteral("--omit"), QStringLiteral("everything")});
        QCOMPARE(r.code, 2);
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
