// Findings I: scan formats detected from content, streamed into the store, joined to workloads,
// with history across imports; the import-scan, findings and sbom verbs. Real samples from
// shared/samples, broken copies of them, and the demo system's scans.
#include "CliRun.h"
#include "SqlProbe.h"
#include "TestSupport.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "controls/Tailoring.h"
#include "findings/ScanFormat.h"
#include "findings/Severity.h"
#include "findings/StigChecklistParser.h"
#include "findings/XccdfResultsParser.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "io/JsonStreamReader.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QString sample(const QString& rel)
{
    return sharedDir() + QStringLiteral("/samples/") + rel;
}

QString demo(const QString& rel)
{
    return sourceDir() + QStringLiteral("/resources/demo/") + rel;
}

qint64 count(Workspace& ws, const char* sql)
{
    return SqlProbe(ws).count(sql);
}

void importSnapshot(Workspace& ws, const QString& dir)
{
    SnapshotImporter importer(ws, {});
    auto r = importer.run({dir});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

QJsonArray jsonOf(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

// Counts what a parser delivers, for calling a parser without a workspace.
class CountingSink final : public ScanSink
{
public:
    Status subject(const ScanSubject& s) override
    {
        subjects << s;
        return {};
    }
    Status finding(Finding&& f) override
    {
        findings << f;
        return {};
    }
    Status package(const SbomPackage&) override { return {}; }
    QList<ScanSubject> subjects;
    QList<Finding> findings;
};

// The billion-laughs document of the acceptance check.
QByteArray entityBomb()
{
    QByteArray dtd = "<!ENTITY lol \"lol\">";
    for (int i = 2; i <= 9; ++i) {
        QByteArray refs;
        for (int k = 0; k < 10; ++k)
            refs += "&lol" + (i == 2 ? QByteArray() : QByteArray::number(i - 1)) + ";";
        dtd += "<!ENTITY lol" + QByteArray::number(i) + " \"" + refs + "\">";
    }
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [" + dtd +
           "]>\n<CHECKLIST><ASSET><HOST_NAME>&lol9;</HOST_NAME></ASSET></CHECKLIST>\n";
}

QMap<QString, int> statusCounts(Workspace& ws)
{
    QMap<QString, int> out;
    for (const QVariantList& r : SqlProbe(ws).rows("SELECT result, COUNT(*) FROM findings GROUP BY result"))
        out.insert(r[0].toString(), r[1].toInt());
    return out;
}

QJsonObject findingByRule(Workspace& ws, const QString& rule)
{
    FindingStore::Filter all;
    all.history = true;
    auto rows = FindingStore(ws).findings(all);
    if (!rows.ok())
        return {};
    for (const QJsonObject& o : rows.value())
        if (o.value(QLatin1String("rule")).toString() == rule)
            return o;
    return {};
}

} // namespace

class TestFindings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void severityMapsByAcas_data()
    {
        QTest::addColumn<QString>("original");
        QTest::addColumn<int>("cat");
        QTest::newRow("critical") << "CRITICAL" << 1;
        QTest::newRow("high") << "High" << 1;
        QTest::newRow("medium") << "MEDIUM" << 2;
        QTest::newRow("moderate") << "moderate" << 2;
        QTest::newRow("low") << "LOW" << 3;
        QTest::newRow("negligible") << "Negligible" << 3;
        QTest::newRow("unknown") << "UNKNOWN" << 3;
    }
    void severityMapsByAcas()
    {
        QFETCH(QString, original);
        QFETCH(int, cat);
        QCOMPARE(Severity::catFor(original), cat);
        QCOMPARE(Severity::parseCat(Severity::label(cat)), cat);
    }

    void streamReaderGivesPointersAndLines()
    {
        const QByteArray json =
            "{\n \"a\": 1,\n \"Results\": [\n  {\"Target\": \"x\",\n   \"V\": [ {\"id\": 1},\n"
            "   {\"id\": 2} ]}\n ]\n}\n";
        QStringList pointers;
        QList<int> lines;
        QList<int> ids;
        const Status st = JsonStreamReader::readBytes(
            json, QStringLiteral("t.json"),
            {QStringLiteral("/Results/*/V/*"), QStringLiteral("/Results/*/Target")},
            [&](const JsonStreamReader::Element& e) {
                pointers << e.pointer;
                lines << e.line;
                ids << e.value.toObject().value(QLatin1String("id")).toInt();
                return true;
            });
        QVERIFY2(st.ok(), qPrintable(st.error().toString()));
        QCOMPARE(pointers, (QStringList{QStringLiteral("/Results/0/Target"), QStringLiteral("/Results/0/V/0"),
                                        QStringLiteral("/Results/0/V/1")}));
        QCOMPARE(lines, (QList<int>{4, 5, 6}));
        QCOMPARE(ids, (QList<int>{0, 1, 2}));

        // A stop marker ends the read where that value begins: nothing after it is seen.
        QStringList before;
        QVERIFY(JsonStreamReader::readBytes(
                    json, QStringLiteral("t.json"),
                    {QStringLiteral("/a"), QStringLiteral("!/Results"), QStringLiteral("/Results/*/Target")},
                    [&](const JsonStreamReader::Element& e) {
                        before << e.pointer;
                        return true;
                    })
                    .ok());
        QCOMPARE(before, QStringList{QStringLiteral("/a")});

        const Status bad = JsonStreamReader::readBytes("{\n\"a\": [1,\n2,,]}", QStringLiteral("b.json"), {},
                                                       [](const auto&) { return true; });
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().file(), QStringLiteral("b.json"));
        QCOMPARE(bad.error().line(), 3);
    }

    // Every real sample imports with its format told from content alone (copied to scan.dat),
    // with exactly the findings or packages the file holds.
    void samplesImportByContent_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("findings");
        QTest::addColumn<int>("packages");
        QTest::newRow("trivy image") << "trivy/alpine-310.image-scan.json"
                                     << "trivy-json" << 4 << 0;
        QTest::newRow("trivy registry") << "trivy/alpine-310.registry-scan.json"
                                        << "trivy-json" << 4 << 0;
        QTest::newRow("trivy centos") << "trivy/centos-7.image-scan.json"
                                      << "trivy-json" << 3 << 0;
        QTest::newRow("trivy misconfig") << "trivy/helm-chart-misconfig-scan.json"
                                         << "trivy-json" << 18 << 0;
        QTest::newRow("trivy k8s") << "trivy/k8s-cluster-report.docs-example.json"
                                   << "trivy-k8s" << 3 << 0;
        QTest::newRow("operator vuln") << "trivy-operator/vulnerability-report.docs-example.yaml"
                                       << "trivy-operator" << 2 << 0;
        QTest::newRow("operator config") << "trivy-operator/configaudit-report.docs-example.yaml"
                                         << "trivy-operator" << 5 << 0;
        QTest::newRow("operator rbac") << "trivy-operator/rbacassessment-report.docs-example.yaml"
                                       << "trivy-operator" << 16 << 0;
        QTest::newRow("operator compliance") << "trivy-operator/clustercompliance-report.docs-example.yaml"
                                             << "trivy-operator" << 27 << 0;
        QTest::newRow("grype amazon") << "grype/amazon-image.grype.json"
                                      << "grype-json" << 16 << 0;
        QTest::newRow("grype golden") << "grype/grype-json-image-presenter.golden.json"
                                      << "grype-json" << 2 << 0;
        QTest::newRow("cyclonedx syft") << "sbom/syft-alpine-container.cdx.json"
                                        << "cyclonedx" << 0 << 16;
        QTest::newRow("cyclonedx trivy") << "sbom/trivy-centos-7-cyclonedx.json"
                                         << "cyclonedx" << 0 << 3;
        QTest::newRow("cyclonedx kbom") << "sbom/trivy-k8s-cluster-kbom.cdx.json"
                                        << "cyclonedx" << 0 << 17;
        QTest::newRow("spdx") << "sbom/trivy-centos-7-spdx.json"
                              << "spdx-json" << 0 << 3;
        QTest::newRow("dsse") << "sbom/trivy-centos-7-cyclonedx.intoto.jsonl"
                              << "intoto-dsse" << 0 << 3;
    }
    void samplesImportByContent()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, findings);
        QFETCH(int, packages);
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString copy = tmp.file(QStringLiteral("scan.dat"));
        QVERIFY(QFile::copy(sample(file), copy));
        auto detected = ScanFormatDetector::detect(copy);
        QVERIFY2(detected.ok(), qPrintable(detected.error().toString()));
        QCOMPARE(ScanFormatDetector::id(*detected), format);
        ScanImporter importer(*ws);
        auto r = importer.importFile(copy);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->findings, findings);
        QCOMPARE(r->packages, packages);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM findings"), qint64(findings));
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM sbom_packages"), qint64(packages));
        // Every finding names its source file, the file's SHA-256 and its position.
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM findings f JOIN scan_imports i ON i.id = f.scan_import_id "
                            "WHERE length(i.sha256) = 64 AND f.position <> '' AND f.rule_id <> ''"),
                 qint64(findings));
    }

    void fieldsOfOneTrivyFinding()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        auto r = ScanImporter(*ws).importFile(sample(QStringLiteral("trivy/alpine-310.registry-scan.json")));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        auto rows = FindingStore(*ws).findings({});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 4);
        QJsonObject f;
        for (const QJsonObject& o : rows.value())
            if (o.value(QLatin1String("rule")).toString() == QLatin1String("CVE-2019-1549") &&
                o.value(QLatin1String("package")).toString() == QLatin1String("libssl1.1"))
                f = o;
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.value(QLatin1String("installed_version")).toString(), QStringLiteral("1.1.1c-r0"));
        QCOMPARE(f.value(QLatin1String("severity_original")).toString(), QStringLiteral("MEDIUM"));
        QCOMPARE(f.value(QLatin1String("severity")).toString(), QStringLiteral("CAT II"));
        // RepoDigests is the manifest digest (the join key); ImageID is the config digest, kept apart.
        QCOMPARE(f.value(QLatin1String("image_digest")).toString(),
                 QStringLiteral("sha256:b1c5a500182b21d0bfa5a584a8526b56d8be316f89e87d951be04abed2446e60"));
        QCOMPARE(f.value(QLatin1String("image_id")).toString(),
                 QStringLiteral("sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4"));
        QVERIFY(f.value(QLatin1String("identifiers"))
                    .toObject()
                    .value(QLatin1String("cve"))
                    .toArray()
                    .contains(QJsonValue(QStringLiteral("CVE-2019-1549"))));
        QVERIFY(f.value(QLatin1String("position"))
                    .toString()
                    .startsWith(QLatin1String("/Results/0/Vulnerabilities/")));
        QVERIFY(f.value(QLatin1String("line")).toInt() > 1);
    }

    // A broken copy fails with file and line, and leaves the workspace byte for byte unchanged.
    void brokenCopiesChangeNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("cut");
        QTest::newRow("trivy truncated") << "trivy/alpine-310.registry-scan.json" << 9000;
        QTest::newRow("grype truncated") << "grype/amazon-image.grype.json" << 40000;
        QTest::newRow("cyclonedx truncated") << "sbom/syft-alpine-container.cdx.json" << 20000;
        QTest::newRow("operator truncated yaml")
            << "trivy-operator/vulnerability-report.docs-example.yaml" << 1200;
        QTest::newRow("dsse bad payload") << "sbom/trivy-centos-7-cyclonedx.intoto.jsonl" << 300;
    }
    void brokenCopiesChangeNothing()
    {
        QFETCH(QString, file);
        QFETCH(int, cut);
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            QVERIFY(ScanImporter(*ws)
                        .importFile(sample(QStringLiteral("grype/grype-json-image-presenter.golden.json")))
                        .ok());
        }
        const QByteArray before = allBytesOf(tmp.path());
        QByteArray bytes = readFile(sample(file));
        bytes.truncate(cut);
        if (file.endsWith(QLatin1String(".jsonl")))
            bytes += "\"}\n";
        else if (file.endsWith(QLatin1String(".yaml")))
            bytes += "\n  - [unclosed\n";
        const QString broken = tmp.file(QStringLiteral("broken.dat"));
        writeFile(broken, bytes);
        auto ws = tmp.open();
        auto r = ScanImporter(*ws).importFile(broken);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().file(), broken);
        QVERIFY2(!r.error().what().isEmpty(), "an error says what is wrong");
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports"), qint64(1));
        ws.reset();
        QCOMPARE(allBytesOf(tmp.path()), before);
    }

    void unknownContentIsRefused()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString f = tmp.file(QStringLiteral("x.json"));
        writeFile(f, "{\"hello\": \"world\"}");
        auto r = ScanImporter(*ws).importFile(f);
        QVERIFY(!r.ok());
        QVERIFY(r.error().what().contains(QLatin1String("not a scan report")));
        writeFile(f, "apiVersion: v1\nkind: ConfigMap\n");
        QVERIFY(!ScanImporter(*ws).importFile(f).ok());
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports"), qint64(0));
    }

    // Joins: by manifest digest, then reference, then namespace/Kind/name (owner chain followed);
    // the config digest (ImageID) is never a join key.
    void joinsToWorkloads()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws, demo(QStringLiteral("snapshot-2")));
        auto digest = ScanImporter(*ws).importFile(demo(QStringLiteral("scans/trivy/ingest-api-2.2.0.json")));
        QVERIFY(digest.ok());
        QCOMPARE(digest->joined, 5);
        QCOMPARE(count(*ws, "SELECT COUNT(DISTINCT via) FROM finding_joins"), qint64(1));
        auto ref = ScanImporter(*ws).importFile(demo(QStringLiteral("scans/trivy/grafana-10.2.0.json")));
        QVERIFY(ref.ok());
        QCOMPARE(ref->joined, 3);
        FindingStore::Filter grafana;
        grafana.workload = QStringLiteral("monitoring/Deployment/grafana");
        auto rows = FindingStore(*ws).findings(grafana);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 3);

        // An image ID equal to a workload's digest, under another tag, must not join.
        QByteArray trivy = readFile(demo(QStringLiteral("scans/trivy/geo-service-1.5.2.json")));
        QJsonObject doc = QJsonDocument::fromJson(trivy).object();
        QJsonObject meta = doc.value(QLatin1String("Metadata")).toObject();
        meta.insert(
            QStringLiteral("ImageID"),
            QStringLiteral("sha256:0d655c0a9936071f2fce41fbd5aeafa100ac84fec334666729f37c1cf0edf024"));
        meta.insert(
            QStringLiteral("RepoDigests"),
            QJsonArray{QString(QStringLiteral("registry1.dso.mil/ironbank/sentinel/geo-service@sha256:") +
                               QString(64, QLatin1Char('e')))});
        meta.insert(QStringLiteral("RepoTags"),
                    QJsonArray{QStringLiteral("registry1.dso.mil/ironbank/sentinel/geo-service:9.9.9")});
        doc.insert(QStringLiteral("Metadata"), meta);
        doc.insert(QStringLiteral("ArtifactName"),
                   QStringLiteral("registry1.dso.mil/ironbank/sentinel/geo-service:9.9.9"));
        const QString f = tmp.file(QStringLiteral("geo.json"));
        writeFile(f, QJsonDocument(doc).toJson());
        auto notJoined = ScanImporter(*ws).importFile(f);
        QVERIFY(notJoined.ok());
        QCOMPARE(notJoined->joined, 0);
        QCOMPARE(notJoined->notJoined, 3);

        // A trivy-operator report on a ReplicaSet the snapshot does not hold joins its Deployment by name.
        QByteArray op =
            readFile(sample(QStringLiteral("trivy-operator/configaudit-report.docs-example.yaml")));
        op.replace("nginx-6d4cf56db6", "sensor-gateway-6d4cf56db6")
            .replace("namespace: default", "namespace: ingest");
        const QString opFile = tmp.file(QStringLiteral("op.yaml"));
        writeFile(opFile, op);
        auto byName = ScanImporter(*ws).importFile(opFile);
        QVERIFY2(byName.ok(), qPrintable(byName.error().toString()));
        QCOMPARE(byName->joined, 5);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM finding_joins j JOIN workloads w ON w.id = j.workload_id "
                            "WHERE j.via = 'name' AND w.kind = 'Deployment' AND w.name = 'sensor-gateway'"),
                 qint64(5));
    }

    // A newer scan of the same image keeps history: new, persisting, closed; nothing deleted.
    void newerScanKeepsHistory()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws, demo(QStringLiteral("snapshot-2")));
        auto first = ScanImporter(*ws).importFile(
            demo(QStringLiteral("scans/trivy/track-service-3.3.0.2026-11-02.json")));
        QVERIFY(first.ok());
        QCOMPARE(first->newCount, 5);
        auto second = ScanImporter(*ws).importFile(
            demo(QStringLiteral("scans/trivy/track-service-3.3.0.2026-11-20.json")));
        QVERIFY(second.ok());
        QCOMPARE(second->supersedes, first->importId);
        QCOMPARE(second->newCount, 2); // CVE-2024-2961, CVE-2023-45288
        QCOMPARE(second->persisting, 4);
        QCOMPARE(second->closed, 1); // CVE-2023-38545 (curl) is gone
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM findings"), qint64(5 + 6 + 1));

        auto current = FindingStore(*ws).findings({});
        QVERIFY(current.ok());
        QCOMPARE(current->size(), 7); // the newest import only, its closed row included
        FindingStore::Filter closedOnly;
        closedOnly.status = QStringLiteral("closed");
        auto closed = FindingStore(*ws).findings(closedOnly);
        QVERIFY(closed.ok());
        QCOMPARE(closed->size(), 1);
        QCOMPARE(closed->first().value(QLatin1String("rule")).toString(), QStringLiteral("CVE-2023-38545"));
        auto history = FindingStore(*ws).history(closed->first().value(QLatin1String("identity")).toString());
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).value(QLatin1String("lifecycle")).toString(), QStringLiteral("new"));
        QCOMPARE(history->at(1).value(QLatin1String("lifecycle")).toString(), QStringLiteral("closed"));
        FindingStore::Filter all;
        all.history = true;
        QCOMPARE(FindingStore(*ws).findings(all)->size(), 12);

        // Findings are immutable observations.
        QVERIFY(!ws->exec("UPDATE findings SET result = 'NotAFinding'").ok());
        QVERIFY(!ws->exec("DELETE FROM findings").ok());
    }

    void identicalFileImportsOnce()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString f = demo(QStringLiteral("scans/trivy/geo-service-1.5.2.json"));
        auto first = ScanImporter(*ws).importFile(f);
        QVERIFY(first.ok());
        QCOMPARE(first->duplicateOf, qint64(0));
        auto again = ScanImporter(*ws).importFile(f);
        QVERIFY(again.ok());
        QCOMPARE(again->duplicateOf, first->importId);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports"), qint64(1));
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM findings"), qint64(3));
    }

    // Issue 8 formats (HDF, kube-bench, PolicyReport, Gatekeeper): golden counts per status, checked
    // by hand against the files (Heimdall's status rule for HDF; kube-bench WARN and INFO need a
    // reviewer; wg-policy warn is a violation, skip not applicable).
    void benchmarkAndPolicyResultsByStatus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QList<int>>("counts"); // Open, NotAFinding, Not_Applicable, Not_Reviewed
        QTest::newRow("hdf rhel8") << "hdf/rhel8-stig-inspec-oneOfEachStatus.hdf.json"
                                   << "hdf" << QList<int>{1, 1, 1, 1};
        QTest::newRow("hdf grype") << "hdf/amazon-grype.hdf.json"
                                   << "hdf" << QList<int>{13, 0, 0, 3};
        QTest::newRow("kube-bench 1.6") << "kube-bench/kube-bench-output.cis-1.6.json"
                                        << "kube-bench" << QList<int>{36, 37, 0, 49};
        QTest::newRow("kube-bench 1.5") << "kube-bench/result.cis-1.5.json"
                                        << "kube-bench" << QList<int>{0, 2, 0, 1};
        QTest::newRow("c2p kyverno list") << "policy-reports/c2p-kyverno-policyreports.cluster-list.yaml"
                                          << "policy-report" << QList<int>{42, 0, 0, 0};
        QTest::newRow("kyverno pod") << "policy-reports/kyverno-policyreport-pod.docs-example.yaml"
                                     << "policy-report" << QList<int>{1, 1, 0, 0};
        QTest::newRow("wg cis") << "policy-reports/wg-sample-cis-k8s.yaml"
                                << "policy-report" << QList<int>{3, 0, 0, 0};
        QTest::newRow("wg falco") << "policy-reports/wg-sample-falco-policy.yaml"
                                  << "policy-report" << QList<int>{2, 0, 0, 0};
        QTest::newRow("wg v1beta1") << "policy-reports/wg-sample-v1beta1-kyverno.yaml"
                                    << "policy-report" << QList<int>{0, 1, 0, 0};
        QTest::newRow("gatekeeper status")
            << "gatekeeper/k8srequiredlabels-constraint-with-audit-status.docs-example.yaml"
            << "gatekeeper" << QList<int>{4, 0, 0, 0};
        QTest::newRow("gatekeeper no status")
            << "gatekeeper/k8sallowedrepos-constraint.gatekeeper-library.yaml"
            << "gatekeeper" << QList<int>{0, 0, 0, 0};
        QTest::newRow("gatekeeper audit event") << "gatekeeper/audit-log-violation-event.docs-example.json"
                                                << "gatekeeper" << QList<int>{1, 0, 0, 0};
    }
    void benchmarkAndPolicyResultsByStatus()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QList<int>, counts);
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString copy = tmp.file(QStringLiteral("result.dat"));
        QVERIFY(QFile::copy(sample(file), copy));
        auto detected = ScanFormatDetector::detect(copy);
        QVERIFY2(detected.ok(), qPrintable(detected.error().toString()));
        QCOMPARE(ScanFormatDetector::id(*detected), format);
        auto r = ScanImporter(*ws).importFile(copy);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const char* statuses[] = {"Open", "NotAFinding", "Not_Applicable", "Not_Reviewed"};
        int total = 0;
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(SqlProbe(*ws).count("SELECT COUNT(*) FROM findings WHERE result = ?",
                                         {QString::fromLatin1(statuses[i])}),
                     qint64(counts[i]));
            total += counts[i];
        }
        QCOMPARE(r->findings, total);
    }

    void truncatedListsAndTrimmedFilesAreSaid()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        // Gatekeeper caps status.violations (20 by default): totalViolations says how many there were.
        QByteArray gk = readFile(sample(
            QStringLiteral("gatekeeper/k8srequiredlabels-constraint-with-audit-status.docs-example.yaml")));
        gk.replace("  auditTimestamp:", "  totalViolations: 57\n  auditTimestamp:");
        const QString f = tmp.file(QStringLiteral("gk.yaml"));
        writeFile(f, gk);
        auto r = ScanImporter(*ws).importFile(f);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->findings, 4);
        QCOMPARE(r->notes.size(), 1);
        QVERIFY2(r->notes.first().contains(QLatin1String("4 of 57")), qPrintable(r->notes.first()));
        auto kb = ScanImporter(*ws).importFile(sample(QStringLiteral("kube-bench/result.cis-1.5.json")));
        QVERIFY(kb.ok());
        QVERIFY(!kb->notes.isEmpty() && kb->notes.first().contains(QLatin1String("Totals count 75")));
        // Broken copies: a results entry that is not an object, a PolicyReport result with no policy.
        QByteArray pr = readFile(sample(QStringLiteral("policy-reports/wg-sample-v1beta1-kyverno.yaml")));
        pr.replace("policy: disallow-capabilities", "policyx: disallow-capabilities");
        writeFile(f, pr);
        auto bad = ScanImporter(*ws).importFile(f);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().what().contains(QLatin1String("names no policy")),
                 qPrintable(bad.error().toString()));
        QByteArray kbBroken = readFile(sample(QStringLiteral("kube-bench/result.cis-1.5.json")));
        kbBroken.truncate(kbBroken.size() / 2);
        writeFile(f, kbBroken);
        auto truncated = ScanImporter(*ws).importFile(f);
        QVERIFY(!truncated.ok());
        QVERIFY(truncated.error().line() > 0);
    }

    void summaryGroupsByBenchmarkSectionAndPolicy()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            ScanImporter importer(*ws);
            for (const auto& r : importer.importFiles(
                     {sample(QStringLiteral("kube-bench/kube-bench-output.cis-1.6.json")),
                      sample(QStringLiteral("policy-reports/c2p-kyverno-policyreports.cluster-list.yaml")),
                      sample(QStringLiteral("hdf/rhel8-stig-inspec-oneOfEachStatus.hdf.json"))}))
                QVERIFY(r.ok());
        }
        CliRun r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--summary"),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QHash<QString, QJsonObject> groups;
        for (const QJsonValue& v : jsonOf(r))
            groups.insert(v.toObject().value(QLatin1String("group")).toString(), v.toObject());
        QVERIFY2(groups.contains(QStringLiteral("CIS 1.6 \u00a71.2 API Server")),
                 qPrintable(QStringList(groups.keys()).join(QLatin1Char('|'))));
        const QJsonObject api = groups.value(QStringLiteral("CIS 1.6 \u00a71.2 API Server"));
        QCOMPARE(api.value(QLatin1String("Open")).toInt() + api.value(QLatin1String("NotAFinding")).toInt() +
                     api.value(QLatin1String("Not_Reviewed")).toInt(),
                 api.value(QLatin1String("total")).toInt());
        QCOMPARE(
            groups.value(QStringLiteral("policy allowed-base-images")).value(QLatin1String("Open")).toInt(),
            42);
        QCOMPARE(groups.value(QStringLiteral("redhat-enterprise-linux-8-stig-baseline"))
                     .value(QLatin1String("total"))
                     .toInt(),
                 4);
    }

    void cliImportScanFindingsSbom()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            importSnapshot(*ws, demo(QStringLiteral("snapshot-2")));
        }
        const QString scans = demo(QStringLiteral("scans/"));
        CliRun r = runCli({QStringLiteral("import-scan"), tmp.path(),
                           scans + QStringLiteral("trivy/ingest-api-2.2.0.json"),
                           scans + QStringLiteral("grype/operator-ui-4.1.0.grype.json"),
                           scans + QStringLiteral("sbom/track-service-3.3.0.cdx.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("Trivy JSON")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("Grype JSON")));
        QVERIFY(r.out.contains(QLatin1String("5 findings imported: 5 joined, 0 not joined")));
        QVERIFY(r.out.contains(QLatin1String("7 packages, 0 findings")));

        r = runCli(
            {QStringLiteral("findings"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QJsonArray all = jsonOf(r);
        QCOMPARE(all.size(), 8);
        for (const QJsonValue& v : all) {
            const QJsonObject o = v.toObject();
            for (const char* key :
                 {"rule", "severity", "severity_original", "status", "source", "subject", "file",
                  "file_sha256", "position", "identifiers", "joined_workloads", "evidence"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
        }
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--severity"), QStringLiteral("I"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonOf(r).size(), 3); // logback, snakeyaml, jetty
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--source"),
                    QStringLiteral("grype"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonOf(r).size(), 3);
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--workload"),
                    QStringLiteral("operator-ui"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed().split(QLatin1Char('\n')).size(), 1 + 3);
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--id"),
                    QStringLiteral("CVE-2024-0727"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonOf(r).size(), 2);
        r = runCli(
            {QStringLiteral("findings"), tmp.path(), QStringLiteral("--severity"), QStringLiteral("IV")});
        QCOMPARE(r.code, 2);
        r = runCli(
            {QStringLiteral("findings"), tmp.path(), QStringLiteral("--status"), QStringLiteral("fixed")});
        QCOMPARE(r.code, 2);

        r = runCli({QStringLiteral("sbom"), tmp.path(), QStringLiteral("--image"),
                    QStringLiteral("track-service"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(jsonOf(r).size(), 7);
        r = runCli(
            {QStringLiteral("sbom"), tmp.path(), QStringLiteral("--image"), QStringLiteral("no-such-image")});
        QCOMPARE(r.code, 1);

        const QString notAScan = tmp.file(QStringLiteral("n.yaml"));
        writeFile(notAScan, "kind: Deployment\napiVersion: apps/v1\n");
        r = runCli({QStringLiteral("import-scan"), tmp.path(), notAScan});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("not a scan report")));
        r = runCli({QStringLiteral("import-scan"), tmp.path(), tmp.file(QStringLiteral("missing.json"))});
        QCOMPARE(r.code, 2);

        // A folder: its scans are imported (already imported ones are recognised), the README and the
        // script beside them are skipped, not errors.
        const QString demoScans = sourceDir() + QStringLiteral("/resources/demo/scans");
        r = runCli({QStringLiteral("import-scan"), tmp.path(), demoScans});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("skipped")) && r.err.contains(QLatin1String("README.md")));
        QVERIFY(r.out.contains(QLatin1String("track-service-3.3.0.2026-11-20.json")));
        QVERIFY(r.out.contains(QLatin1String("grype")));
        const QString empty = tmp.file(QStringLiteral("nothing-here"));
        QVERIFY(QDir().mkpath(empty));
        QCOMPARE(runCli({QStringLiteral("import-scan"), tmp.path(), empty}).code, 2);
    }

    // Findings II: every STIG checklist (CKL, CKLB) and XCCDF results sample imports from a copy
    // named result.dat, every rule stored with its status, passes included (they are evidence).
    // Golden counts taken once by hand with a Python script over the XML/JSON.
    void stigSamplesImportWithStatusCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("open");
        QTest::addColumn<int>("notAFinding");
        QTest::addColumn<int>("notApplicable");
        QTest::addColumn<int>("notReviewed");
        QTest::newRow("ckl vpn") << "stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl"
                                 << "stig-ckl"
                                 << "stig-manager" << 2 << 3 << 1 << 4;
        QTest::newRow("ckl multi-stig") << "stig-ckl/MultiStig-Simple.ckl"
                                        << "stig-ckl"
                                        << "stig-manager" << 1 << 1 << 1 << 2;
        QTest::newRow("ckl evaluate-stig") << "stig-ckl/ResultEngineWithEvalStigModuleAndOverride.ckl"
                                           << "stig-ckl"
                                           << "evaluate-stig" << 0 << 0 << 1 << 0;
        QTest::newRow("ckl asd stig") << "stig-ckl/STIG-Manager-OSS.ASD-STIG.ckl"
                                      << "stig-ckl"
                                      << "stig-manager" << 0 << 91 << 23 << 172;
        QTest::newRow("cklb vpn") << "stig-cklb/Asset_a-VPN_TRUNCATED-V2R5.cklb"
                                  << "stig-cklb"
                                  << "stig-viewer" << 2 << 3 << 1 << 4;
        QTest::newRow("cklb multi-stig") << "stig-cklb/Asset_a-multi-stig.cklb"
                                         << "stig-cklb"
                                         << "stig-viewer" << 2 << 3 << 1 << 24;
        QTest::newRow("cklb all results") << "stig-cklb/all-possible-results.cklb"
                                          << "stig-cklb"
                                          << "stig-viewer" << 1 << 1 << 1 << 1;
        // pass -> NotAFinding, fail -> Open, notapplicable -> Not_Applicable,
        // informational / notchecked / notselected / unknown / error -> Not_Reviewed, fixed -> NotAFinding.
        QTest::newRow("xccdf vpn") << "xccdf-results/Asset_a-VPN_TRUNCATED-V2R5-xccdf.xml"
                                   << "xccdf-results"
                                   << "stig-manager" << 2 << 3 << 1 << 4;
        QTest::newRow("xccdf all results") << "xccdf-results/all-possible-results-xccdf.xml"
                                           << "xccdf-results"
                                           << "stig-manager" << 1 << 2 << 1 << 4;
        QTest::newRow("xccdf evaluate-stig") << "xccdf-results/eval-stig-w-sm-resultEngine.xml"
                                             << "xccdf-results"
                                             << "evaluate-stig" << 1 << 4 << 0 << 0;
        QTest::newRow("xccdf openscap") << "xccdf-results/openscap-rhel7-stig-results.xml"
                                        << "xccdf-results"
                                        << "openscap" << 137 << 43 << 0 << 0;
        QTest::newRow("xccdf scc") << "xccdf-results/scc_scan-xccdf.xml"
                                   << "xccdf-results"
                                   << "scc" << 30 << 1 << 1 << 2;
    }
    void stigSamplesImportWithStatusCounts()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, tool);
        QFETCH(int, open);
        QFETCH(int, notAFinding);
        QFETCH(int, notApplicable);
        QFETCH(int, notReviewed);
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString copy = tmp.file(QStringLiteral("result.dat"));
        QVERIFY(QFile::copy(sample(file), copy));
        auto detected = ScanFormatDetector::detect(copy);
        QVERIFY2(detected.ok(), qPrintable(detected.error().toString()));
        QCOMPARE(ScanFormatDetector::id(*detected), format);
        auto r = ScanImporter(*ws).importFile(copy);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const int total = open + notAFinding + notApplicable + notReviewed;
        QCOMPARE(r->findings, total);
        QCOMPARE(r->tool, tool);
        const QMap<QString, int> counts = statusCounts(*ws);
        QCOMPARE(counts.value(QStringLiteral("Open")), open);
        QCOMPARE(counts.value(QStringLiteral("NotAFinding")), notAFinding);
        QCOMPARE(counts.value(QStringLiteral("Not_Applicable")), notApplicable);
        QCOMPARE(counts.value(QStringLiteral("Not_Reviewed")), notReviewed);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports WHERE subject_kind = 'asset' "
                            "AND subject_key LIKE 'asset:%|%'"),
                 qint64(1));
        // Every finding: a STIG rule on the asset, with its position and line in the file, and no
        // NIST control invented from a CCI.
        QCOMPARE(count(*ws,
                       "SELECT COUNT(*) FROM findings WHERE category = 'stig' AND subject_kind = 'asset' "
                       "AND subject <> '' AND rule_id <> '' AND title <> '' AND position <> '' AND line > 0 "
                       "AND severity_cat BETWEEN 1 AND 3 AND severity_original <> '' "
                       "AND identifiers NOT LIKE '%\"nist\"%'"),
                 qint64(total));
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM findings WHERE source <> (SELECT tool FROM scan_imports)"),
                 qint64(0));
    }

    void fieldsOfOneChecklistRule()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        auto r =
            ScanImporter(*ws).importFile(sample(QStringLiteral("stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl")));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->subject, QStringLiteral("Asset_aaaaaaaaaa — Virtual Private Network (VPN) TRUNCATED"));
        const QJsonObject f = findingByRule(*ws, QStringLiteral("V-207187"));
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.value(QLatin1String("result")).toString(), QStringLiteral("Not_Reviewed"));
        QCOMPARE(f.value(QLatin1String("category")).toString(), QStringLiteral("stig"));
        QCOMPARE(f.value(QLatin1String("severity_original")).toString(), QStringLiteral("medium"));
        QCOMPARE(f.value(QLatin1String("severity_cat")).toInt(), 2);
        QCOMPARE(f.value(QLatin1String("subject")).toString(), QStringLiteral("Asset_aaaaaaaaaa"));
        QCOMPARE(f.value(QLatin1String("subject_kind")).toString(), QStringLiteral("asset"));
        QVERIFY(f.value(QLatin1String("position"))
                    .toString()
                    .startsWith(QLatin1String("iSTIG 1, VULN 4 (line ")));
        const QJsonObject ids = f.value(QLatin1String("identifiers")).toObject();
        QCOMPARE(ids.value(QLatin1String("stig")).toString(), QStringLiteral("V-207187"));
        QCOMPARE(ids.value(QLatin1String("rule")).toString(), QStringLiteral("SV-207187r608988_rule"));
        QCOMPARE(ids.value(QLatin1String("stig_id")).toString(), QStringLiteral("SRG-NET-000043-VPN-000130"));
        QCOMPARE(ids.value(QLatin1String("benchmark")).toString(), QStringLiteral("VPN_TRUNCATED V2R5"));
        QCOMPARE(ids.value(QLatin1String("cci")).toArray(),
                 (QJsonArray{QStringLiteral("CCI-001384"), QStringLiteral("CCI-001385"),
                             QStringLiteral("CCI-001386"), QStringLiteral("CCI-001387"),
                             QStringLiteral("CCI-001388")}));
        QVERIFY(!ids.contains(QLatin1String("nist")));
        QVERIFY(!ids.contains(QLatin1String("unread")));
        QVERIFY(
            f.value(QLatin1String("evidence")).toString().contains(QLatin1String("Finding details: xyz")));

        // The CKLB of the same checklist reads the same rule the same way, at a JSON pointer.
        auto b =
            ScanImporter(*ws).importFile(sample(QStringLiteral("stig-cklb/Asset_a-VPN_TRUNCATED-V2R5.cklb")));
        QVERIFY2(b.ok(), qPrintable(b.error().toString()));
        FindingStore::Filter viewer;
        viewer.source = QStringLiteral("stig-viewer");
        viewer.identifier = QStringLiteral("V-207187");
        auto rows = FindingStore(*ws).findings(viewer);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        const QJsonObject g = rows->first();
        QCOMPARE(g.value(QLatin1String("result")).toString(), QStringLiteral("Not_Reviewed"));
        QCOMPARE(g.value(QLatin1String("identifiers")).toObject().value(QLatin1String("cci")).toArray(),
                 ids.value(QLatin1String("cci")).toArray());
        QCOMPARE(
            g.value(QLatin1String("identifiers")).toObject().value(QLatin1String("benchmark")).toString(),
            QStringLiteral("VPN_TRUNCATED V2R5"));
        QVERIFY(g.value(QLatin1String("position"))
                    .toString()
                    .startsWith(QLatin1String("/stigs/0/rules/3 (line ")));
    }

    // A severity override sets the CAT and keeps the original, the override and the justification.
    void severityOverrideKeepsOriginal()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        QByteArray ckl = readFile(sample(QStringLiteral("stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl")));
        const int at = ckl.indexOf("<SEVERITY_OVERRIDE/>"); // V-207184, medium
        QVERIFY(at > 0);
        ckl.replace(at, 20, "<SEVERITY_OVERRIDE>high</SEVERITY_OVERRIDE>");
        const int j = ckl.indexOf("<SEVERITY_JUSTIFICATION/>", at);
        QVERIFY(j > 0);
        ckl.replace(j, 25, "<SEVERITY_JUSTIFICATION>Internet facing</SEVERITY_JUSTIFICATION>");
        const QString cklFile = tmp.file(QStringLiteral("override.ckl"));
        writeFile(cklFile, ckl);
        auto r = ScanImporter(*ws).importFile(cklFile);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QJsonObject f = findingByRule(*ws, QStringLiteral("V-207184"));
        QCOMPARE(f.value(QLatin1String("severity_cat")).toInt(), 1);
        QCOMPARE(f.value(QLatin1String("severity_original")).toString(), QStringLiteral("medium"));
        QJsonObject ids = f.value(QLatin1String("identifiers")).toObject();
        QCOMPARE(ids.value(QLatin1String("severity_override")).toString(), QStringLiteral("high"));
        QCOMPARE(ids.value(QLatin1String("severity_justification")).toString(),
                 QStringLiteral("Internet facing"));
        QVERIFY(f.value(QLatin1String("evidence"))
                    .toString()
                    .contains(QLatin1String("justification: Internet facing")));

        QJsonObject cklb =
            QJsonDocument::fromJson(readFile(sample(QStringLiteral("stig-cklb/all-possible-results.cklb"))))
                .object();
        QJsonArray stigs = cklb.value(QLatin1String("stigs")).toArray();
        QJsonObject stig = stigs.at(0).toObject();
        QJsonArray rules = stig.value(QLatin1String("rules")).toArray();
        QJsonObject rule = rules.at(0).toObject();
        rule.insert(
            QStringLiteral("overrides"),
            QJsonObject{{QStringLiteral("severity"),
                         QJsonObject{{QStringLiteral("severity"), QStringLiteral("low")},
                                     {QStringLiteral("reason"), QStringLiteral("compensating control")}}}});
        rules.replace(0, rule);
        stig.insert(QStringLiteral("rules"), rules);
        stigs.replace(0, stig);
        cklb.insert(QStringLiteral("stigs"), stigs);
        const QString cklbFile = tmp.file(QStringLiteral("override.cklb"));
        writeFile(cklbFile, QJsonDocument(cklb).toJson());
        auto b = ScanImporter(*ws).importFile(cklbFile);
        QVERIFY2(b.ok(), qPrintable(b.error().toString()));
        FindingStore::Filter viewer;
        viewer.source = QStringLiteral("stig-viewer");
        viewer.identifier = rule.value(QLatin1String("group_id")).toString();
        auto rows = FindingStore(*ws).findings(viewer);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 4); // the sample gives its four rules the same V-ID
        f = {};
        for (const QJsonObject& o : rows.value())
            if (o.value(QLatin1String("identifiers")).toObject().contains(QLatin1String("severity_override")))
                f = o;
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.value(QLatin1String("severity_cat")).toInt(), 3);
        QCOMPARE(f.value(QLatin1String("severity_original")).toString(), QStringLiteral("medium"));
        ids = f.value(QLatin1String("identifiers")).toObject();
        QCOMPARE(ids.value(QLatin1String("severity_override")).toString(), QStringLiteral("low"));
        QCOMPARE(ids.value(QLatin1String("severity_justification")).toString(),
                 QStringLiteral("compensating control"));
    }

    // One import per checklist with findings of every STIG; a newer checklist of the same asset and
    // STIG supersedes the older one.
    void checklistHistoryPerAssetAndStig()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        auto multi = ScanImporter(*ws).importFile(sample(QStringLiteral("stig-ckl/MultiStig-Simple.ckl")));
        QVERIFY2(multi.ok(), qPrintable(multi.error().toString()));
        QCOMPARE(multi->findings, 5);
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports WHERE subject_key = "
                            "'asset:MyAsset|RHEL_1_TRUNCATED,RHEL_2_TRUNCATED,RHEL_3_TRUNCATED,"
                            "RHEL_4_TRUNCATED,RHEL_5_TRUNCATED'"),
                 qint64(1));
        QCOMPARE(count(*ws, "SELECT COUNT(DISTINCT json_extract(identifiers, '$.benchmark')) FROM findings"),
                 qint64(5));

        auto first =
            ScanImporter(*ws).importFile(sample(QStringLiteral("stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl")));
        QVERIFY(first.ok());
        QByteArray later = readFile(sample(QStringLiteral("stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl")));
        // V-207185 Open -> NotAFinding; V-207193 removed from the checklist.
        const int v185 = later.indexOf("V-207185");
        const int open = later.indexOf("<STATUS>Open</STATUS>", v185);
        later.replace(open, 21, "<STATUS>NotAFinding</STATUS>");
        const int v193 = later.lastIndexOf("<VULN>", later.indexOf("V-207193"));
        const int end = later.indexOf("</VULN>", v193) + 7;
        later.remove(v193, end - v193);
        const QString laterFile = tmp.file(QStringLiteral("later.ckl"));
        writeFile(laterFile, later);
        auto second = ScanImporter(*ws).importFile(laterFile);
        QVERIFY2(second.ok(), qPrintable(second.error().toString()));
        QCOMPARE(second->supersedes, first->importId);
        QCOMPARE(second->findings, 9);
        QCOMPARE(second->closed, 1);
        QCOMPARE(findingByRule(*ws, QStringLiteral("V-207185")).value(QLatin1String("result")).toString(),
                 QStringLiteral("NotAFinding"));
    }

    void xccdfResultsFields()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        auto oscap = ScanImporter(*ws).importFile(
            sample(QStringLiteral("xccdf-results/openscap-rhel7-stig-results.xml")));
        QVERIFY2(oscap.ok(), qPrintable(oscap.error().toString()));
        QCOMPARE(
            count(*ws,
                  "SELECT COUNT(*) FROM scan_imports WHERE tool = 'openscap' AND tool_version = '1.2.17' "
                  "AND subject_key = 'asset:localhost.localdomain|RHEL_7_STIG' "
                  "AND scanned_at = '2021-12-17T10:40:58'"),
            qint64(1));
        // The V-ID comes from the benchmark's Group; legacy idents and CCIs are kept as given.
        QJsonObject f = findingByRule(*ws, QStringLiteral("V-204393"));
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.value(QLatin1String("result")).toString(), QStringLiteral("Open"));
        QCOMPARE(f.value(QLatin1String("source")).toString(), QStringLiteral("openscap"));
        QCOMPARE(f.value(QLatin1String("subject")).toString(), QStringLiteral("localhost.localdomain"));
        QVERIFY(f.value(QLatin1String("position"))
                    .toString()
                    .startsWith(QLatin1String("rule-result 1 (line 8346)")));
        QCOMPARE(f.value(QLatin1String("line")).toInt(), 8346);
        QJsonObject ids = f.value(QLatin1String("identifiers")).toObject();
        QCOMPARE(ids.value(QLatin1String("rule")).toString(), QStringLiteral("SV-204393r603261_rule"));
        QCOMPARE(ids.value(QLatin1String("stig_id")).toString(), QStringLiteral("RHEL-07-010030"));
        QCOMPARE(ids.value(QLatin1String("cci")).toArray(), QJsonArray{QStringLiteral("CCI-000048")});
        QCOMPARE(ids.value(QLatin1String("legacy")).toArray(),
                 (QJsonArray{QStringLiteral("V-71859"), QStringLiteral("SV-86483")}));
        QVERIFY(!ids.contains(QLatin1String("nist")));
        QVERIFY(!f.value(QLatin1String("title")).toString().isEmpty());

        // Evaluate-STIG: the rules are not in the benchmark, so the rule is its idref; the answer
        // file's result override is kept.
        auto eval = ScanImporter(*ws).importFile(
            sample(QStringLiteral("xccdf-results/eval-stig-w-sm-resultEngine.xml")));
        QVERIFY2(eval.ok(), qPrintable(eval.error().toString()));
        f = findingByRule(*ws, QStringLiteral("xccdf_mil.disa.stig_rule_SV-221558r879534_rule"));
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.value(QLatin1String("result")).toString(), QStringLiteral("NotAFinding"));
        QCOMPARE(f.value(QLatin1String("subject")).toString(),
                 QStringLiteral("CA1294WK16078-trimmed-no-detail"));
        ids = f.value(QLatin1String("identifiers")).toObject();
        QCOMPARE(ids.value(QLatin1String("stig_id")).toString(), QStringLiteral("DTBC-0001"));
        QCOMPARE(
            ids.value(QLatin1String("result_override")).toObject().value(QLatin1String("old")).toString(),
            QStringLiteral("unknown"));
        QVERIFY(f.value(QLatin1String("evidence"))
                    .toString()
                    .contains(QLatin1String("Evaluate-STIG Answer File")));

        // STIG Manager's sm:detail / sm:comment are the finding details and comments; "fixed" is a pass.
        auto all = ScanImporter(*ws).importFile(
            sample(QStringLiteral("xccdf-results/all-possible-results-xccdf.xml")));
        QVERIFY2(all.ok(), qPrintable(all.error().toString()));
        FindingStore::Filter sm;
        sm.source = QStringLiteral("stig-manager");
        auto rows = FindingStore(*ws).findings(sm);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 8);
        int fixed = 0;
        for (const QJsonObject& o : rows.value()) {
            QCOMPARE(o.value(QLatin1String("rule")).toString(), QStringLiteral("V-2"));
            QCOMPARE(o.value(QLatin1String("severity_cat")).toInt(), 1);
            QVERIFY(o.value(QLatin1String("evidence"))
                        .toString()
                        .contains(QLatin1String("Finding details: xyz")));
            if (o.value(QLatin1String("evidence"))
                    .toString()
                    .startsWith(QLatin1String("XCCDF result: fixed"))) {
                ++fixed;
                QCOMPARE(o.value(QLatin1String("result")).toString(), QStringLiteral("NotAFinding"));
            }
        }
        QCOMPARE(fixed, 1);
    }

    // Broken copies fail with the file, a line and what is wrong; the workspace stays unchanged.
    void brokenStigCopiesFail_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<int>("cut");
        QTest::addColumn<QString>("message");
        QTest::newRow("ckl truncated") << "stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl" << QByteArray()
                                       << QByteArray() << 30000 << "invalid XML";
        QTest::newRow("ckl without Vuln_Num") << "stig-ckl/Asset_a-VPN_TRUNCATED-V2R5.ckl"
                                              << QByteArray("<VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>\n     "
                                                            "     <ATTRIBUTE_DATA>V-207186</ATTRIBUTE_DATA>")
                                              << QByteArray("<VULN_ATTRIBUTE>Vuln_Nr</VULN_ATTRIBUTE>\n      "
                                                            "    <ATTRIBUTE_DATA>V-207186</ATTRIBUTE_DATA>")
                                              << 0 << "iSTIG 1, VULN 3: no STIG_DATA Vuln_Num";
        QTest::newRow("ckl second root")
            << "stig-ckl/ResultEngineWithEvalStigModuleAndOverride.ckl" << QByteArray("</CHECKLIST>")
            << QByteArray("</CHECKLIST><CHECKLIST/>") << 0 << "invalid XML";
        QTest::newRow("cklb truncated")
            << "stig-cklb/Asset_a-multi-stig.cklb" << QByteArray() << QByteArray() << 50000 << "invalid JSON";
        QTest::newRow("cklb status a number")
            << "stig-cklb/all-possible-results.cklb" << QByteArray("\"status\": \"not_reviewed\"")
            << QByteArray("\"status\": 3") << 0 << "status must be a string";
        QTest::newRow("cklb ccis a string")
            << "stig-cklb/all-possible-results.cklb"
            << QByteArray("\"ccis\": [\n            \"CCI-001414\"\n          ]")
            << QByteArray("\"ccis\": \"CCI-001414\"") << 0 << "ccis must be an array";
        QTest::newRow("cklb group_id a number")
            << "stig-cklb/all-possible-results.cklb" << QByteArray("\"group_id\": \"V-207184\"")
            << QByteArray("\"group_id\": 207184") << 0 << "no group_id";
        QTest::newRow("cklb target a string")
            << "stig-cklb/all-possible-results.cklb" << QByteArray("\"target_data\": {")
            << QByteArray("\"target_data\": \"Asset\", \"x\": {") << 0 << "target_data must be an object";
        QTest::newRow("xccdf truncated")
            << "xccdf-results/scc_scan-xccdf.xml" << QByteArray() << QByteArray() << 250000 << "invalid XML";
        QTest::newRow("xccdf mismatched tag")
            << "xccdf-results/all-possible-results-xccdf.xml" << QByteArray("<result>fail</result>")
            << QByteArray("<result>fail</reslt>") << 0 << "invalid XML";
    }
    void brokenStigCopiesFail()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(int, cut);
        QFETCH(QString, message);
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
        }
        const QByteArray before = allBytesOf(tmp.path());
        QByteArray bytes = readFile(sample(file));
        if (!from.isEmpty()) {
            QVERIFY2(bytes.contains(from), from.constData());
            bytes.replace(bytes.indexOf(from), from.size(), to);
        }
        if (cut > 0)
            bytes.truncate(cut);
        const QString broken = tmp.file(QStringLiteral("result.dat"));
        writeFile(broken, bytes);
        auto ws = tmp.open();
        auto r = ScanImporter(*ws).importFile(broken);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().file(), broken);
        QVERIFY2(r.error().line() > 0, qPrintable(r.error().toString()));
        QVERIFY2(r.error().what().contains(message), qPrintable(r.error().toString()));
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports"), qint64(0));
        ws.reset();
        QCOMPARE(allBytesOf(tmp.path()), before);
    }

    // A billion-laughs document is refused at once: by detection, and by each parser on its own.
    void entityBombIsRefused()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        const QString bomb = tmp.file(QStringLiteral("bomb.xml"));
        writeFile(bomb, entityBomb());
        QElapsedTimer timer;
        timer.start();
        auto r = ScanImporter(*ws).importFile(bomb);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().what().contains(QLatin1String("declares entities")),
                 qPrintable(r.error().toString()));
        CountingSink sink;
        const Status ckl = StigChecklistParser::parseCkl(bomb, sink);
        QVERIFY(!ckl.ok());
        QVERIFY(ckl.error().what().contains(QLatin1String("declares entities")));
        QCOMPARE(ckl.error().line(), 2);
        const Status xccdf = XccdfResultsParser::parse(bomb, sink);
        QVERIFY(!xccdf.ok());
        QVERIFY(xccdf.error().what().contains(QLatin1String("declares entities")));
        QVERIFY(sink.subjects.isEmpty());
        QVERIFY(sink.findings.isEmpty());
        QVERIFY2(timer.elapsed() < 5000, "refused quickly");
        QCOMPARE(count(*ws, "SELECT COUNT(*) FROM scan_imports"), qint64(0));
    }

    void cliImportsChecklistsAsResultDat()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
        }
        const QString copy = tmp.file(QStringLiteral("result.dat"));
        QVERIFY(QFile::copy(sample(QStringLiteral("stig-ckl/MultiStig-Simple.ckl")), copy));
        CliRun r = runCli({QStringLiteral("import-scan"), tmp.path(), copy});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("STIG Viewer checklist (CKL)")), qPrintable(r.out));
        QFile::remove(copy);
        QVERIFY(QFile::copy(sample(QStringLiteral("xccdf-results/scc_scan-xccdf.xml")), copy));
        r = runCli({QStringLiteral("import-scan"), tmp.path(), copy});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = runCli(
            {QStringLiteral("findings"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(jsonOf(r).size(), 5 + 34);
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--status"),
                    QStringLiteral("NotAFinding"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(jsonOf(r).size(), 1 + 1);

        const QString bomb = tmp.file(QStringLiteral("bomb.xml"));
        writeFile(bomb, entityBomb());
        r = runCli({QStringLiteral("import-scan"), tmp.path(), bomb});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("entities")), qPrintable(r.err));
    }

    // The review report reads FindingStore::reportRows, a lighter query than findings(): for every
    // row, in the same order, each field it returns equals what findings() returns (scans and
    // Tollgate's own control results, with a reviewed finding among them).
    void reportRowsAreFindingsRows()
    {
        TempWorkspace t;
        auto ws = t.create();
        QVERIFY(SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")}));
        QStringList scans;
        QDirIterator it(sourceDir() + QStringLiteral("/resources/demo/scans"), {QStringLiteral("*.json")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            scans << it.next();
        scans.sort();
        QVERIFY(scans.size() >= 5);
        for (const auto& r : ScanImporter(*ws).importFiles(scans))
            QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
        auto catalog = ControlCatalog::builtIn();
        QVERIFY(catalog.ok());
        QVERIFY(ControlRunner(*ws, catalog.value(), Tailoring()).run(1).ok());
        FindingStore::Filter f;
        f.snapshotId = 1;
        auto all = FindingStore(*ws).findings(f);
        QVERIFY(all.ok());
        QVERIFY(all->size() > 100);
        DecisionStore::Review review;
        review.severityCat = 3;
        review.justification = QStringLiteral("compensating control");
        QVERIFY(DecisionStore(*ws).review({all->first()}, review).ok());

        all = FindingStore(*ws).findings(f);
        auto light = FindingStore(*ws).reportRows(1);
        QVERIFY(all.ok() && light.ok());
        QCOMPARE(light->size(), all->size());
        int tollgateRows = 0;
        for (int i = 0; i < all->size(); ++i) {
            const QJsonObject& a = all->at(i);
            const QJsonObject& b = light->at(i);
            QVERIFY(!b.isEmpty());
            tollgateRows += a.value(QLatin1String("source")).toString().startsWith(QLatin1String("tollgate"));
            for (auto k = b.begin(); k != b.end(); ++k)
                QVERIFY2(a.value(k.key()) == k.value(),
                         qPrintable(QStringLiteral("row %1, %2").arg(i).arg(k.key())));
        }
        QVERIFY(tollgateRows > 0 && tollgateRows < all->size());
    }
};

QTEST_GUILESS_MAIN(TestFindings)
#include "tst_findings.moc"
