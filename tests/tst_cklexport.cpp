// CKL export (issue 14): the demo snapshot's cluster as a STIG Viewer checklist (.ckl and .cklb) with
// the full Kubernetes STIG V1R11, read back through Tollgate's own checklist importer: every rule of
// the XCCDF, a status only on the rules a catalog control checks exactly (the control's result, the
// reviewer's decisions applied), Not_Reviewed on all others, severity overrides and escaping intact.
#include "TestSupport.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "findings/ScanSink.h"
#include "findings/StigChecklistParser.h"
#include "import/SnapshotImporter.h"
#include "stig/CklExport.h"
#include "stig/CklWriter.h"
#include "stig/StigBenchmark.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

#include <QFile>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QXmlStreamReader>
#include <QtTest>
#include <algorithm>

using namespace tollgate;
using namespace tollgate::test;

namespace {

const QString kCluster = QStringLiteral("demo-east");

QString xccdfPath()
{
    return sharedDir() + QStringLiteral("/samples/stig-benchmark/U_Kubernetes_STIG_V1R11_Manual-xccdf.xml");
}

// Rule@id and Group@id of every rule of the XCCDF, read here without StigBenchmark.
QMap<QString, QString> xccdfRules(const QString& path)
{
    QMap<QString, QString> out; // V-ID -> SV-..._rule
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString group;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("Group"))
            group = xml.attributes().value(QLatin1String("id")).toString();
        else if (xml.name() == QLatin1String("Rule"))
            out.insert(group, xml.attributes().value(QLatin1String("id")).toString());
    }
    return out;
}

class Collect : public ScanSink
{
public:
    Status subject(const ScanSubject& s) override
    {
        subjects << s;
        return {};
    }
    Status finding(Finding&& f) override
    {
        byRule.insert(f.ruleId, f);
        ++count;
        return {};
    }
    Status package(const SbomPackage&) override { return {}; }
    QList<ScanSubject> subjects;
    QHash<QString, Finding> byRule;
    int count = 0;
};

Collect reimport(const QString& path)
{
    Collect c;
    const Status s = path.endsWith(QLatin1String(".cklb")) ? StigChecklistParser::parseCklb(path, c)
                                                           : StigChecklistParser::parseCkl(path, c);
    if (!s.ok())
        qWarning().noquote() << s.error().toString();
    return c;
}

std::unique_ptr<Workspace> demoWorkspace(TempWorkspace& tmp)
{
    auto ws = tmp.create();
    SnapshotImporter::Options o;
    o.cluster = kCluster;
    auto r = SnapshotImporter(*ws, o).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-1")});
    if (!r.ok())
        qWarning().noquote() << r.error().toString();
    return ws;
}

// The rows of the current control run on the snapshot (an identical run is reused, not repeated).
QList<QJsonObject> controlRows(Workspace& ws, const ControlCatalog& catalog, const Tailoring& tailoring = {})
{
    auto run = ControlRunner(ws, catalog, tailoring).run(1);
    if (!run.ok())
        return {};
    FindingStore::Filter filter;
    filter.snapshotId = 1;
    QList<QJsonObject> out;
    for (const QJsonObject& r : FindingStore(ws).findings(filter).value())
        if (r.value(QLatin1String("import")).toInteger() == run->importId)
            out << r;
    return out;
}

// What the rule's status must be, from the control's rows: Open if any (in the rule's namespaces) is
// Open after review, else NotAFinding if any passes, else Not_Reviewed.
QString expectedStatus(const QList<QJsonObject>& rows, const Control& control, const Control::Disa& disa)
{
    bool open = false;
    bool pass = false;
    for (const QJsonObject& r : rows) {
        if (r.value(QLatin1String("rule")).toString() != control.id ||
            disa.notInNamespaces.contains(r.value(QLatin1String("namespace")).toString()))
            continue;
        const QString s = r.value(QLatin1String("review_status")).toString();
        open = open || s == QLatin1String("Open");
        pass = pass || s == QLatin1String("NotAFinding");
    }
    return open   ? QStringLiteral("Open")
           : pass ? QStringLiteral("NotAFinding")
                  : QStringLiteral("Not_Reviewed");
}

} // namespace

class TestCklExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The built-in copy and a file read at run time are the same benchmark, rule for rule.
    void benchmarkHasEveryRuleOfTheXccdf()
    {
        const QMap<QString, QString> expected = xccdfRules(xccdfPath());
        QCOMPARE(expected.size(), 91);
        auto builtIn = StigBenchmark::builtIn();
        QVERIFY2(builtIn.ok(), qPrintable(builtIn.error().toString()));
        auto loaded = StigBenchmark::load(xccdfPath());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        for (const StigBenchmark* b : {&builtIn.value(), &loaded.value()}) {
            QCOMPARE(b->rules().size(), expected.size());
            QMap<QString, QString> got;
            for (const StigBenchmark::Rule& r : b->rules()) {
                got.insert(r.vulnId, r.ruleId);
                QVERIFY2(!r.title.isEmpty() && !r.checkText.isEmpty() && !r.fixText.isEmpty() &&
                             !r.discussion.isEmpty() && !r.ccis.isEmpty() && !r.stigId.isEmpty(),
                         qPrintable(r.vulnId));
            }
            QCOMPARE(got, expected);
            QCOMPARE(b->id(), QStringLiteral("Kubernetes_STIG"));
            QCOMPARE(b->version(), QStringLiteral("1"));
            QCOMPARE(b->releaseInfo(), QStringLiteral("Release: 11 Benchmark Date: 25 Oct 2023"));
            QCOMPARE(b->label(), QStringLiteral("Kubernetes_STIG V1R11"));
        }
        QCOMPARE(builtIn->fileName(), QStringLiteral("U_Kubernetes_STIG_V1R11_Manual-xccdf.xml"));
        // One rule in full, as DISA wrote it.
        const StigBenchmark::Rule& r =
            *std::find_if(builtIn->rules().cbegin(), builtIn->rules().cend(),
                          [](const StigBenchmark::Rule& x) { return x.vulnId == QLatin1String("V-242415"); });
        QCOMPARE(r.ruleId, QStringLiteral("SV-242415r879608_rule"));
        QCOMPARE(r.stigId, QStringLiteral("CNTR-K8-001160"));
        QCOMPARE(r.severity, QStringLiteral("high"));
        QCOMPARE(r.groupTitle, QStringLiteral("SRG-APP-000171-CTR-000435"));
        QCOMPARE(r.ccis, QStringList{QStringLiteral("CCI-000196")});
        QCOMPARE(r.documentable, QStringLiteral("false"));
        QVERIFY(r.discussion.startsWith(QLatin1String("Secrets, such as passwords")));
        QVERIFY(r.checkText.contains(QLatin1String("jsonpath='{range .items[?(@..secretKeyRef)]}")));
    }

    void brokenBenchmarksAreRefused()
    {
        QVERIFY(!StigBenchmark::parse("<Benchmark id=\"x\"></Benchmark>", QStringLiteral("empty.xml")).ok());
        const auto notXccdf = StigBenchmark::parse("<CHECKLIST/>", QStringLiteral("other.xml"));
        QVERIFY(!notXccdf.ok());
        QVERIFY(notXccdf.error().toString().contains(QLatin1String("other.xml")));
        QVERIFY(!StigBenchmark::parse("<Benchmark><Group id=\"V-1\"><Rule id=\"SV-1_rule\">",
                                      QStringLiteral("cut.xml"))
                     .ok());
        QVERIFY(
            !StigBenchmark::parse("<!DOCTYPE b [<!ENTITY x \"y\">]><Benchmark/>", QStringLiteral("dtd.xml"))
                 .ok());
        QVERIFY(!StigBenchmark::load(QStringLiteral("/nonexistent/bench.xml")).ok());
    }

    // The catalog's exact mappings: each names a rule of the benchmark at the revision it was judged
    // against, and is one of the few judged exact (the rest of the catalog's DISA ids are related).
    void exactMappingsNameTheirRuleRevision()
    {
        auto catalog = ControlCatalog::builtIn();
        QVERIFY(catalog.ok());
        const QMap<QString, QString> rules = xccdfRules(xccdfPath());
        QStringList exact;
        for (const Control& c : catalog->controls())
            for (const Control::Disa& d : c.disa)
                if (d.exact) {
                    exact << d.id;
                    QCOMPARE(rules.value(d.id), d.rule);
                }
        exact.sort();
        QCOMPARE(exact, (QStringList{QStringLiteral("V-242414"), QStringLiteral("V-242415"),
                                     QStringLiteral("V-242442")}));
        // An exact mapping without the revision is refused.
        const QByteArray bad = "version: 1\ncontrols:\n  - id: X\n    severity: II\n    check: dashboard\n"
                               "    disa: [{id: V-242395, benchmark: STIG, exact: true}]\n";
        const auto parsed = ControlCatalog::parse(bad, QStringLiteral("bad.yaml"));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().what().contains(QLatin1String("rule revision")));
    }

    void exportReimportsWithTheSameStatuses_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("ckl") << "ckl";
        QTest::newRow("cklb") << "cklb";
    }
    void exportReimportsWithTheSameStatuses()
    {
        QFETCH(QString, suffix);
        TempWorkspace tmp;
        auto ws = demoWorkspace(tmp);
        auto catalog = ControlCatalog::builtIn();
        auto benchmark = StigBenchmark::builtIn();
        QVERIFY(catalog.ok() && benchmark.ok());

        // The reviewer lowers the severity of every Open result of the first exact rule that has any.
        QList<QJsonObject> rows = controlRows(*ws, *catalog);
        QVERIFY(rows.size() > 50);
        QString overridden;
        QString overriddenStigSeverity;
        for (const Control& c : catalog->controls()) {
            for (const Control::Disa& d : c.disa) {
                if (!d.exact || !overridden.isEmpty())
                    continue;
                QList<QJsonObject> open;
                for (const QJsonObject& r : std::as_const(rows))
                    if (r.value(QLatin1String("rule")).toString() == c.id &&
                        r.value(QLatin1String("status")).toString() == QLatin1String("Open") &&
                        !d.notInNamespaces.contains(r.value(QLatin1String("namespace")).toString()))
                        open << r;
                if (open.isEmpty())
                    continue;
                QVERIFY(c.cat != 3);
                auto decided = DecisionStore(*ws).review(
                    open, {QString(), 3, QStringLiteral("only in the <lab> enclave & never exposed")});
                QVERIFY2(decided.ok(), qPrintable(decided.error().toString()));
                overridden = d.id;
            }
        }
        QVERIFY2(!overridden.isEmpty(), "the demo has an Open result on an exact rule");
        rows = controlRows(*ws, *catalog); // with the review applied

        CklExport::Options options;
        auto checklist = CklExport::build(*ws, *benchmark, *catalog, options);
        QVERIFY2(checklist.ok(), qPrintable(checklist.error().toString()));
        const QString path = tmp.file(QStringLiteral("demo.") + suffix);
        QVERIFY(CklWriter::write(path, *checklist).ok());

        const Collect back = reimport(path);
        const QMap<QString, QString> rules = xccdfRules(xccdfPath());
        QCOMPARE(back.count, rules.size());
        QCOMPARE(back.byRule.size(), rules.size());
        QCOMPARE(back.subjects.size(), 1);
        QVERIFY(back.subjects.first().display.startsWith(kCluster));

        // Expected: exact rules carry the control's result, all others are Not_Reviewed.
        QHash<QString, QString> expected;
        for (const Control& c : catalog->controls())
            for (const Control::Disa& d : c.disa)
                if (d.exact)
                    expected.insert(d.id, expectedStatus(rows, c, d));
        int decided = 0;
        for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
            QVERIFY2(back.byRule.contains(it.key()), qPrintable(it.key()));
            const Finding& f = back.byRule.value(it.key());
            const QString want = expected.value(it.key(), QStringLiteral("Not_Reviewed"));
            QVERIFY2(f.result == want,
                     qPrintable(it.key() + QLatin1Char(' ') + f.result + QStringLiteral(" != ") + want));
            QCOMPARE(f.identifiers.value(QLatin1String("rule")).toString(), it.value());
            QVERIFY(!f.identifiers.value(QLatin1String("cci")).toArray().isEmpty());
            QVERIFY2(!f.identifiers.contains(QLatin1String("unread")), qPrintable(it.key()));
            if (want != QLatin1String("Not_Reviewed"))
                ++decided;
        }
        QCOMPARE(decided, 3); // every exact rule has a result on the demo

        // Golden: the demo's snapshot 1 runs redis7 in two versions (IMG-VERSIONS, V-242442), sets no
        // host port below 1024 in a user namespace (V-242414) and reaches Secrets through env
        // (V-242415); NS-DEFAULT and DASHBOARD only relate to their rules.
        QCOMPARE(back.byRule.value(QStringLiteral("V-242442")).result, QStringLiteral("Open"));
        QVERIFY(back.byRule.value(QStringLiteral("V-242442")).evidence.contains(QLatin1String("redis7")));
        QCOMPARE(back.byRule.value(QStringLiteral("V-242414")).result, QStringLiteral("NotAFinding"));
        QCOMPARE(back.byRule.value(QStringLiteral("V-242383")).result, QStringLiteral("Not_Reviewed"));
        QVERIFY(back.byRule.value(QStringLiteral("V-242383")).evidence.contains(QLatin1String("NS-DEFAULT")));
        QCOMPARE(back.byRule.value(QStringLiteral("V-242395")).result, QStringLiteral("Not_Reviewed"));
        QCOMPARE(back.byRule.value(QStringLiteral("V-242376")).result, QStringLiteral("Not_Reviewed"));
        QCOMPARE(back.byRule.value(QStringLiteral("V-242415")).severityOriginal, QStringLiteral("high"));

        // The override round-trips, with its justification (escaped on the way out).
        for (auto it = back.byRule.cbegin(); it != back.byRule.cend(); ++it) {
            const Finding& f = it.value();
            if (it.key() == overridden) {
                QCOMPARE(f.result, QStringLiteral("Open"));
                QCOMPARE(f.identifiers.value(QLatin1String("severity_override")).toString(),
                         QStringLiteral("low"));
                QCOMPARE(f.severityCat, 3);
                QVERIFY2(f.identifiers.value(QLatin1String("severity_justification"))
                             .toString()
                             .contains(QLatin1String("only in the <lab> enclave & never exposed")),
                         qPrintable(f.evidence));
                QVERIFY(f.evidence.contains(QLatin1String("Comments: ")));
            } else {
                QVERIFY2(!f.identifiers.contains(QLatin1String("severity_override")), qPrintable(it.key()));
            }
        }
    }

    // A benchmark whose rule has another revision than the one the mapping was judged against gets
    // Not_Reviewed for that rule; the others keep their result.
    void anotherRuleRevisionIsNotReviewed()
    {
        TempWorkspace tmp;
        auto ws = demoWorkspace(tmp);
        auto catalog = ControlCatalog::builtIn();
        QFile f(xccdfPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray xml = f.readAll();
        QVERIFY(xml.contains("SV-242442r879825_rule"));
        xml.replace("SV-242442r879825_rule", "SV-242442r999999_rule");
        auto benchmark = StigBenchmark::parse(xml, QStringLiteral("V1R12-like"));
        QVERIFY(benchmark.ok());
        auto checklist = CklExport::build(*ws, *benchmark, *catalog, {});
        QVERIFY2(checklist.ok(), qPrintable(checklist.error().toString()));
        QHash<QString, StigChecklist::Entry> by;
        for (const StigChecklist::Entry& e : checklist->entries)
            by.insert(e.rule.vulnId, e);
        QCOMPARE(by.value(QStringLiteral("V-242442")).status, QStringLiteral("Not_Reviewed"));
        QVERIFY(by.value(QStringLiteral("V-242442")).comments.contains(QLatin1String("re-judge")));
        QCOMPARE(by.value(QStringLiteral("V-242414")).status, QStringLiteral("NotAFinding"));
    }

    // Exempt namespaces shrink what Tollgate's check covers: a rule whose check covers them is
    // Not_Reviewed; V-242414 leaves kube-system out itself, so exempting kube-system keeps its result.
    void exemptNamespacesLimitCoverage()
    {
        TempWorkspace tmp;
        auto ws = demoWorkspace(tmp);
        auto catalog = ControlCatalog::builtIn();
        auto benchmark = StigBenchmark::builtIn();
        CklExport::Options options;
        options.tailoring.exemptNamespaces = {QStringLiteral("kube-system")};
        auto checklist = CklExport::build(*ws, *benchmark, *catalog, options);
        QVERIFY2(checklist.ok(), qPrintable(checklist.error().toString()));
        QHash<QString, StigChecklist::Entry> by;
        for (const StigChecklist::Entry& e : checklist->entries)
            by.insert(e.rule.vulnId, e);
        QCOMPARE(by.value(QStringLiteral("V-242414")).status, QStringLiteral("NotAFinding"));
        QCOMPARE(by.value(QStringLiteral("V-242442")).status, QStringLiteral("Not_Reviewed"));
        QVERIFY(by.value(QStringLiteral("V-242442")).comments.contains(QLatin1String("kube-system")));
        QCOMPARE(by.value(QStringLiteral("V-242415")).status, QStringLiteral("Not_Reviewed"));
        // Tailored out: Not_Reviewed, with the program's reason.
        options.tailoring.exemptNamespaces.clear();
        options.tailoring.notApplicable.insert(QStringLiteral("IMG-VERSIONS"),
                                               QStringLiteral("one image per app"));
        checklist = CklExport::build(*ws, *benchmark, *catalog, options);
        QVERIFY(checklist.ok());
        for (const StigChecklist::Entry& e : checklist->entries)
            if (e.rule.vulnId == QLatin1String("V-242442")) {
                QCOMPARE(e.status, QStringLiteral("Not_Reviewed"));
                QVERIFY(e.comments.contains(QLatin1String("one image per app")));
            }
    }

    // Markup, quotes and control characters in the texts are escaped (or dropped) and read back.
    void textsAreEscaped_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("ckl") << "ckl";
        QTest::newRow("cklb") << "cklb";
    }
    void textsAreEscaped()
    {
        QFETCH(QString, suffix);
        StigChecklist c;
        c.asset.hostName = QStringLiteral("a<b>&\"c\"");
        c.benchmarkId = QStringLiteral("X_STIG");
        c.benchmarkTitle = QStringLiteral("X & Y");
        c.version = QStringLiteral("1");
        c.releaseInfo = QStringLiteral("Release: 2 Benchmark Date: 1 Jan 2026");
        StigChecklist::Entry e;
        e.rule.vulnId = QStringLiteral("V-1");
        e.rule.ruleId = QStringLiteral("SV-1r1_rule");
        e.rule.severity = QStringLiteral("medium");
        e.rule.title = QStringLiteral("Title with </VULN> inside");
        e.rule.ccis = {QStringLiteral("CCI-000001")};
        e.status = QStringLiteral("Open");
        e.findingDetails = QStringLiteral("]]> <x> & \x01"
                                          "bell");
        e.comments = QStringLiteral("line 1\nline 2");
        c.entries << e;
        TempWorkspace tmp;
        const QString path = tmp.file(QStringLiteral("x.") + suffix);
        QVERIFY(CklWriter::write(path, c).ok());
        const Collect back = reimport(path);
        QCOMPARE(back.count, 1);
        const Finding f = back.byRule.value(QStringLiteral("V-1"));
        QCOMPARE(f.result, QStringLiteral("Open"));
        QCOMPARE(f.title, QStringLiteral("Title with </VULN> inside"));
        QCOMPARE(f.subject, QStringLiteral("a<b>&\"c\""));
        QVERIFY2(f.evidence.contains(QLatin1String("]]> <x> & bell")), qPrintable(f.evidence));
        QVERIFY(f.evidence.contains(QLatin1String("line 1\nline 2")));
        QVERIFY(!CklWriter::write(tmp.file(QStringLiteral("x.txt")), c).ok());
    }
};

QTEST_GUILESS_MAIN(TestCklExport)
#include "tst_cklexport.moc"
