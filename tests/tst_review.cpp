// Issue 9, the review workflow: decisions on findings of any source, keyed by identity, carried to
// later imports, flagged for re-review when the evidence changed; risk acceptances with expiry;
// severity overrides that keep the original; every decision in the audit log; the review and
// accept-risk verbs.
#include "CliRun.h"
#include "FixedClock.h"
#include "TestSupport.h"
#include "import/ScanImporter.h"
#include "import/SnapshotImporter.h"
#include "store/AuditLog.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QString demo(const QString& rel)
{
    return sourceDir() + QStringLiteral("/resources/demo/") + rel;
}

const QString kFirst = QStringLiteral("scans/trivy/track-service-3.3.0.2026-11-02.json");
const QString kSecond = QStringLiteral("scans/trivy/track-service-3.3.0.2026-11-20.json");

void importSnapshot(Workspace& ws)
{
    SnapshotImporter importer(ws, {});
    auto r = importer.run({demo(QStringLiteral("snapshot-2"))});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

void importScan(Workspace& ws, const QString& file)
{
    auto r = ScanImporter(ws).importFile(file);
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

// The current row of a rule (newest import).
QJsonObject rowOf(const Workspace& ws, const QString& rule)
{
    auto rows = FindingStore(ws).findings({});
    if (!rows)
        return {};
    for (const QJsonObject& o : rows.value())
        if (o.value(QLatin1String("rule")).toString() == rule)
            return o;
    return {};
}

// The second scan with the installed openssl changed: CVE-2023-5678's evidence differs.
QString changedSecondScan(const TempWorkspace& tmp)
{
    QByteArray text = readFile(demo(kSecond));
    text.replace("\"1:3.0.7-16.el9\"", "\"1:3.0.7-27.el9\"");
    const QString f = tmp.file(QStringLiteral("track-changed.json"));
    writeFile(f, text);
    return f;
}

int auditCount(const Workspace& ws, const QString& prefix)
{
    int n = 0;
    for (const AuditLog::Entry& e : AuditLog::entries(ws).value())
        n += e.action.startsWith(prefix) ? 1 : 0;
    return n;
}

} // namespace

class TestReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Import a scan, review a finding, import a newer scan of the same image: the decision applies
    // to the new row by identity; the finding rows themselves are unchanged.
    void decisionSurvivesReimport()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws);
        importScan(*ws, demo(kFirst));
        const QJsonObject before = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        QCOMPARE(before.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
        QCOMPARE(before.value(QLatin1String("reviewed")).toBool(), false);
        QVERIFY(before.value(QLatin1String("risk")).isNull());
        auto r = DecisionStore(*ws).review(
            {before}, {QStringLiteral("notafinding"), 0, QStringLiteral("glibc tunables not reachable")});
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->size(), 1);
        QCOMPARE(r->first().value, QStringLiteral("NotAFinding"));
        QCOMPARE(r->first().reviewer, testIdentity().reviewer());
        QCOMPARE(r->first().osUser, testIdentity().osUser());
        QCOMPARE(r->first().decidedAt, QStringLiteral("2026-01-15T10:00:00Z"));

        importScan(*ws, demo(kSecond));
        const QJsonObject after = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        QVERIFY(after.value(QLatin1String("id")).toInteger() !=
                before.value(QLatin1String("id")).toInteger());
        QCOMPARE(after.value(QLatin1String("identity")), before.value(QLatin1String("identity")));
        QCOMPARE(after.value(QLatin1String("status")).toString(), QStringLiteral("Open")); // the scanner's
        QCOMPARE(after.value(QLatin1String("review_status")).toString(), QStringLiteral("NotAFinding"));
        QCOMPARE(after.value(QLatin1String("reviewed")).toBool(), true);
        QCOMPARE(after.value(QLatin1String("rereview")).toBool(), false);
        // The status filter matches the effective status.
        FindingStore::Filter naf;
        naf.status = QStringLiteral("NotAFinding");
        QCOMPARE(FindingStore(*ws).findings(naf)->size(), 1);
        FindingStore::Filter open;
        open.status = QStringLiteral("Open");
        for (const QJsonObject& o : FindingStore(*ws).findings(open).value())
            QVERIFY(o.value(QLatin1String("rule")).toString() != QLatin1String("CVE-2023-4911"));
        // The summary counts the effective status.
        int nafCount = 0;
        for (const QJsonObject& g : FindingStore::summarise(FindingStore(*ws).findings({}).value()))
            nafCount += g.value(QLatin1String("NotAFinding")).toInt();
        QCOMPARE(nafCount, 1);
        // Unreviewed findings carry the scanner's status.
        const QJsonObject other = rowOf(*ws, QStringLiteral("CVE-2024-2961"));
        QCOMPARE(other.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
        QCOMPARE(other.value(QLatin1String("reviewed")).toBool(), false);
        // History of the identity: both rows carry the decision.
        auto history = FindingStore(*ws).history(after.value(QLatin1String("identity")).toString());
        QCOMPARE(history->size(), 2);
        for (const QJsonObject& h : history.value())
            QCOMPARE(h.value(QLatin1String("review_status")).toString(), QStringLiteral("NotAFinding"));
        // Resolving a finding by id or identity.
        auto byId = FindingStore(*ws).find(QString::number(after.value(QLatin1String("id")).toInteger()));
        QVERIFY(byId.ok());
        QCOMPARE(byId->value(QLatin1String("review_status")).toString(), QStringLiteral("NotAFinding"));
        auto byIdentity = FindingStore(*ws).find(after.value(QLatin1String("identity")).toString());
        QVERIFY(byIdentity.ok());
        QCOMPARE(byIdentity->value(QLatin1String("id")), after.value(QLatin1String("id")));
        QVERIFY(!FindingStore(*ws).find(QStringLiteral("999999")).ok());
        QVERIFY(!FindingStore(*ws).find(QStringLiteral("no such identity")).ok());
    }

    void rereviewWhenEvidenceChanged()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws);
        importScan(*ws, demo(kFirst));
        auto r = DecisionStore(*ws).review(
            {rowOf(*ws, QStringLiteral("CVE-2023-5678")), rowOf(*ws, QStringLiteral("CVE-2023-4911"))},
            {QStringLiteral("Not_Applicable"), 0, QStringLiteral("not used by the service")});
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->size(), 2); // bulk: one decision per finding, in one transaction
        importScan(*ws, changedSecondScan(tmp));
        const QJsonObject changed = rowOf(*ws, QStringLiteral("CVE-2023-5678"));
        QCOMPARE(changed.value(QLatin1String("review_status")).toString(), QStringLiteral("Not_Applicable"));
        QCOMPARE(changed.value(QLatin1String("rereview")).toBool(), true);
        const QJsonObject same = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        QCOMPARE(same.value(QLatin1String("rereview")).toBool(), false);

        // A new decision on the current evidence clears the flag; the history keeps both.
        QVERIFY(DecisionStore(*ws)
                    .review({changed}, {QStringLiteral("Not_Applicable"), 0, QStringLiteral("still unused")})
                    .ok());
        QCOMPARE(rowOf(*ws, QStringLiteral("CVE-2023-5678")).value(QLatin1String("rereview")).toBool(),
                 false);
        auto history = DecisionStore(*ws).history(changed.value(QLatin1String("identity")).toString());
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).justification, QStringLiteral("not used by the service"));
        QCOMPARE(history->at(1).justification, QStringLiteral("still unused"));
    }

    void expiredAcceptanceFlagged()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            importSnapshot(*ws);
            importScan(*ws, demo(kFirst));
            const QJsonObject row = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
            DecisionStore::RiskAcceptance past{QStringLiteral("J. AO"), QStringLiteral("POAM-17"),
                                               QDate(2026, 1, 14), QStringLiteral("mitigated by seccomp")};
            QVERIFY(!DecisionStore(*ws).acceptRisk({row}, past).ok()); // expiry before today
            DecisionStore::RiskAcceptance noBy = past;
            noBy.by.clear();
            noBy.expires = QDate(2026, 1, 31);
            QVERIFY(!DecisionStore(*ws).acceptRisk({row}, noBy).ok());
            DecisionStore::RiskAcceptance ok = past;
            ok.expires = QDate(2026, 1, 31);
            auto r = DecisionStore(*ws).acceptRisk({row}, ok);
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            const QJsonObject accepted = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
            QCOMPARE(accepted.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
            const QJsonObject risk = accepted.value(QLatin1String("risk")).toObject();
            QCOMPARE(risk.value(QLatin1String("by")).toString(), QStringLiteral("J. AO"));
            QCOMPARE(risk.value(QLatin1String("reference")).toString(), QStringLiteral("POAM-17"));
            QCOMPARE(risk.value(QLatin1String("expires")).toString(), QStringLiteral("2026-01-31"));
            QCOMPARE(risk.value(QLatin1String("expired")).toBool(), false);

            // Not on a finding whose effective status is not Open.
            const QJsonObject other = rowOf(*ws, QStringLiteral("CVE-2023-5678"));
            QVERIFY(DecisionStore(*ws)
                        .review({other}, {QStringLiteral("NotAFinding"), 0, QStringLiteral("patched")})
                        .ok());
            auto refused = DecisionStore(*ws).acceptRisk({rowOf(*ws, QStringLiteral("CVE-2023-5678"))}, ok);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().what().contains(QLatin1String("not Open")),
                     qPrintable(refused.error().what()));
        }
        // A month later the acceptance has expired, and says so.
        const FixedClock later(QDateTime(QDate(2026, 2, 15), QTime(9, 0), QTimeZone::utc()));
        auto ws = Workspace::open(tmp.path(), Workspace::OpenMode::ReadOnly, later, testIdentity());
        QVERIFY(ws.ok());
        const QJsonObject row = rowOf(*ws.value(), QStringLiteral("CVE-2023-4911"));
        QCOMPARE(row.value(QLatin1String("risk")).toObject().value(QLatin1String("expired")).toBool(), true);
    }

    void severityOverrideKeepsBoth()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws);
        importScan(*ws, demo(kFirst));
        const QJsonObject row = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        QCOMPARE(row.value(QLatin1String("severity")).toString(), QStringLiteral("CAT I"));
        auto r =
            DecisionStore(*ws).review({row}, {QString(), 3, QStringLiteral("local only, no setuid path")});
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QJsonObject after = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        QCOMPARE(after.value(QLatin1String("severity")).toString(), QStringLiteral("CAT I"));
        QCOMPARE(after.value(QLatin1String("severity_original")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(after.value(QLatin1String("severity_override")).toString(), QStringLiteral("CAT III"));
        QCOMPARE(after.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
        auto history = DecisionStore(*ws).history(row.value(QLatin1String("identity")).toString());
        QCOMPARE(history->size(), 1);
        const DecisionStore::Decision& d = history->first();
        QCOMPARE(d.kind, QStringLiteral("severity"));
        QCOMPARE(d.value, QStringLiteral("CAT III"));
        QCOMPARE(d.detail.value(QLatin1String("original")).toString(), QStringLiteral("CAT I"));
        QCOMPARE(d.detail.value(QLatin1String("severity_original")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(d.justification, QStringLiteral("local only, no setuid path"));
        QCOMPARE(d.reviewer, testIdentity().reviewer());
        // Effective of one identity agrees.
        auto e = DecisionStore(*ws).effective(row.value(QLatin1String("identity")).toString());
        QCOMPARE(e->severity.value, QStringLiteral("CAT III"));
        QCOMPARE(e->status.id, qint64(0));
    }

    void reviewChangesAreAudited()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        importSnapshot(*ws);
        importScan(*ws, demo(kFirst));
        const QJsonObject row = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        // Refusals write nothing.
        QVERIFY(!DecisionStore(*ws).review({row}, {QStringLiteral("Open"), 0, QStringLiteral("  ")}).ok());
        QVERIFY(!DecisionStore(*ws).review({row}, {QStringLiteral("Fixed"), 0, QStringLiteral("x")}).ok());
        QVERIFY(!DecisionStore(*ws).review({row}, {QString(), 0, QStringLiteral("x")}).ok());
        QCOMPARE(auditCount(*ws, QStringLiteral("decision.")), 0);
        QVERIFY(
            DecisionStore(*ws).review({row}, {QStringLiteral("Open"), 2, QStringLiteral("confirmed")}).ok());
        QVERIFY(DecisionStore(*ws)
                    .acceptRisk({row}, {QStringLiteral("AO"), QStringLiteral("RA-1"), QDate(2026, 6, 30),
                                        QStringLiteral("compensating controls")})
                    .ok());
        QCOMPARE(auditCount(*ws, QStringLiteral("decision.status")), 1);
        QCOMPARE(auditCount(*ws, QStringLiteral("decision.severity")), 1);
        QCOMPARE(auditCount(*ws, QStringLiteral("decision.risk")), 1);
        const auto entries = AuditLog::entries(*ws).value();
        const AuditLog::Entry& last = entries.last();
        QCOMPARE(last.subject, row.value(QLatin1String("identity")).toString());
        QCOMPARE(last.actor, testIdentity().reviewer());
        QVERIFY(last.detail.contains(QLatin1String("RA-1")));
        QVERIFY(last.detail.contains(QLatin1String("compensating controls")));
        const auto v = AuditLog::verify(*ws);
        QVERIFY2(v.ok, qPrintable(v.reason));
    }

    void cliReviewAndAcceptRisk()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            importSnapshot(*ws);
            importScan(*ws, demo(kFirst));
        }
        auto ws = tmp.open(Workspace::OpenMode::ReadOnly);
        const QJsonObject row = rowOf(*ws, QStringLiteral("CVE-2023-4911"));
        const QJsonObject other = rowOf(*ws, QStringLiteral("CVE-2023-5678"));
        ws.reset();
        const QString id = QString::number(row.value(QLatin1String("id")).toInteger());
        const QString identity = other.value(QLatin1String("identity")).toString();
        auto review = [&](const QString& finding, const QStringList& extra) {
            return runCli(QStringList{QStringLiteral("review"), tmp.path(), finding} + extra);
        };
        const QStringList who = {QStringLiteral("--reviewer"), QStringLiteral("Pat ISSO")};
        CliRun r = review(id, QStringList{QStringLiteral("--status"), QStringLiteral("Open"),
                                          QStringLiteral("--severity"), QStringLiteral("II"),
                                          QStringLiteral("--reason"), QStringLiteral("confirmed")} +
                                  who);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("recorded status Open")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("recorded severity CAT II (original CAT I")));
        QVERIFY(r.out.contains(QLatin1String("Pat ISSO")));
        QVERIFY(r.out.contains(QLatin1String("2026-01-15T10:00:00Z")));
        r = review(identity, QStringList{QStringLiteral("--status"), QStringLiteral("NotAFinding"),
                                         QStringLiteral("--reason"), QStringLiteral("patched")} +
                                 who);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("recorded status NotAFinding (was Open)")));

        // Bad usage and bad input: 2, nothing written.
        r = review(QStringLiteral("424242"), QStringList{QStringLiteral("--status"), QStringLiteral("Open"),
                                                         QStringLiteral("--reason"), QStringLiteral("x")} +
                                                 who);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("no finding")), qPrintable(r.err));
        r = review(id, QStringList{QStringLiteral("--status"), QStringLiteral("Fixed"),
                                   QStringLiteral("--reason"), QStringLiteral("x")} +
                           who);
        QCOMPARE(r.code, 2);
        r = review(id, QStringList{QStringLiteral("--status"), QStringLiteral("Open"),
                                   QStringLiteral("--reason"), QStringLiteral("  ")} +
                           who);
        QCOMPARE(r.code, 2);
        r = review(id, {QStringLiteral("--status"), QStringLiteral("Open"), QStringLiteral("--reason"),
                        QStringLiteral("x")});
        QCOMPARE(r.code, 2); // no reviewer
        r = review(id, QStringList{QStringLiteral("--status"), QStringLiteral("Open"),
                                   QStringLiteral("--severity"), QStringLiteral("IV"),
                                   QStringLiteral("--reason"), QStringLiteral("x")} +
                           who);
        QCOMPARE(r.code, 2);

        auto accept = [&](const QString& finding, const QString& expires) {
            return runCli({QStringLiteral("accept-risk"), tmp.path(), finding, QStringLiteral("--by"),
                           QStringLiteral("Dana AO"), QStringLiteral("--reference"),
                           QStringLiteral("POAM-0042"), QStringLiteral("--expires"), expires,
                           QStringLiteral("--reason"), QStringLiteral("vendor fix pending")});
        };
        r = accept(id, QStringLiteral("2026-01-14"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("in the past")), qPrintable(r.err));
        r = accept(id, QStringLiteral("2026-13-01"));
        QCOMPARE(r.code, 2);
        r = accept(id, QStringLiteral("soon"));
        QCOMPARE(r.code, 2);
        r = accept(identity, QStringLiteral("2026-06-30"));
        QCOMPARE(r.code, 2); // NotAFinding: not Open
        QVERIFY2(r.err.contains(QLatin1String("not Open")), qPrintable(r.err));
        r = accept(QStringLiteral("424242"), QStringLiteral("2026-06-30"));
        QCOMPARE(r.code, 2);
        r = accept(id, QStringLiteral("2026-06-30"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(
                     QLatin1String("recorded risk acceptance POAM-0042 by Dana AO, expires 2026-06-30")),
                 qPrintable(r.out));

        r = runCli(
            {QStringLiteral("findings"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        bool seen = false;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("id")).toInteger() != id.toLongLong())
                continue;
            seen = true;
            QCOMPARE(o.value(QLatin1String("review_status")).toString(), QStringLiteral("Open"));
            QCOMPARE(o.value(QLatin1String("severity_override")).toString(), QStringLiteral("CAT II"));
            QCOMPARE(o.value(QLatin1String("risk")).toObject().value(QLatin1String("reference")).toString(),
                     QStringLiteral("POAM-0042"));
        }
        QVERIFY(seen);
        r = runCli({QStringLiteral("findings"), tmp.path()});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("REVIEW")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("risk accepted until 2026-06-30; CAT II (was CAT I)")));
        QVERIFY(r.out.contains(QLatin1String("NotAFinding")));
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--status"),
                    QStringLiteral("NotAFinding"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);

        ws = tmp.open(Workspace::OpenMode::ReadOnly);
        QCOMPARE(auditCount(*ws, QStringLiteral("decision.")), 4);
        QVERIFY(AuditLog::verify(*ws).ok);
        QCOMPARE(
            DecisionStore(*ws).history(row.value(QLatin1String("identity")).toString())->first().reviewer,
            QStringLiteral("Pat ISSO"));
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"
