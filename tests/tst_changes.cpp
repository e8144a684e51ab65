// SSP component changes (issue 12, the core and CLI): the demo's two snapshots give the golden change
// list; decisions per change survive reopening; the baseline rule; the audit chain detects edits and
// deletions made behind Tollgate's back.
#include "CliRun.h"
#include "SnapshotImporter.h"
#include "Statement.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

QJsonArray changes(const QString& ws)
{
    const CliRun r =
        runCli({QStringLiteral("changes"), ws, QStringLiteral("--format"), QStringLiteral("json")});
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

void demoWorkspace(TempWorkspace& tmp)
{
    auto ws = tmp.create();
    for (const char* s : {"snapshot-1", "snapshot-2"})
        QVERIFY(SnapshotImporter(*ws, {})
                    .run({sourceDir() + QStringLiteral("/resources/demo/") + QLatin1String(s)})
                    .ok());
}

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoChangeListIsGolden()
    {
        TempWorkspace tmp;
        demoWorkspace(tmp);
        const QJsonArray list = changes(tmp.path());
        QStringList lines;
        for (const QJsonValue& v : list)
            lines << v.toObject().value(QLatin1String("kind")).toString() + QLatin1Char(' ') +
                         v.toObject().value(QLatin1String("summary")).toString();
        // One new microservice, one image bump, one new flow, one new LoadBalancer: nothing else.
        QCOMPARE(
            lines,
            (QStringList{
                QStringLiteral("component-added new component mission-data/Deployment/track-fusion "
                               "(track-fusion=registry1.dso.mil/ironbank/sentinel/track-fusion:1.0.0@sha256:"
                               "111852f11972bb3e4d5a0f0cdbe35d8355834e3eb920da28a904828e03b925ba)"),
                QStringLiteral("component-changed mission-data/Deployment/track-service changed: images"),
                QStringLiteral("flow-added flow allowed now: alerting/Deployment/rules-engine => "
                               "mission-data/Deployment/geo-service : TCP 8080"),
                QStringLiteral("exposure-added new way in: LoadBalancer ingest/ingest-api 8080/TCP -> "
                               "service/ingest-api")}));
        const QJsonObject bump = list.at(1).toObject();
        const QJsonObject field = bump.value(QLatin1String("fields")).toArray().first().toObject();
        QVERIFY(field.value(QLatin1String("old"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("track-service:3.2.0@sha256:362e7e")));
        QVERIFY(field.value(QLatin1String("new"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("track-service:3.3.0@sha256:52fc8e")));
        // The new component carries its flows in and out.
        const QJsonArray added = list.at(0).toObject().value(QLatin1String("fields")).toArray();
        bool flows = false;
        for (const QJsonValue& f : added)
            if (f.toObject().value(QLatin1String("field")).toString() == QLatin1String("flows"))
                flows = !f.toObject().value(QLatin1String("new")).toArray().isEmpty();
        QVERIFY(flows);
        // Ids are deterministic.
        QCOMPARE(changes(tmp.path()).at(2).toObject().value(QLatin1String("id")),
                 list.at(2).toObject().value(QLatin1String("id")));
    }

    void decisionsSurviveReopenAndGateTheBaseline()
    {
        TempWorkspace tmp;
        demoWorkspace(tmp);
        // The first baseline needs no decisions.
        CliRun r = runCli({QStringLiteral("baseline"), tmp.path(), QStringLiteral("--set"),
                           QStringLiteral("1"), QStringLiteral("--approver"), QStringLiteral("ISSO Lee")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("baseline: snapshot 1, approved by ISSO Lee")));
        QJsonArray list = changes(tmp.path());
        QCOMPARE(list.size(), 4);
        // Snapshot 2 cannot become the baseline while changes are undecided.
        r = runCli({QStringLiteral("baseline"), tmp.path(), QStringLiteral("--set"), QStringLiteral("2"),
                    QStringLiteral("--approver"), QStringLiteral("ISSO Lee")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(QLatin1String("4 change(s) are not approved")));
        r = runCli({QStringLiteral("decide"), tmp.path(),
                    list.at(0).toObject().value(QLatin1String("id")).toString(),
                    QStringLiteral("--approve")});
        QCOMPARE(r.code, 2); // rationale and reviewer are required
        QStringList verdicts = {QStringLiteral("--approve"), QStringLiteral("--approve"),
                                QStringLiteral("--refer-ao"), QStringLiteral("--approve")};
        for (int i = 0; i < list.size(); ++i) {
            r = runCli({QStringLiteral("decide"), tmp.path(),
                        list.at(i).toObject().value(QLatin1String("id")).toString(), verdicts.at(i),
                        QStringLiteral("--rationale"), QStringLiteral("SIA %1").arg(i),
                        QStringLiteral("--reviewer"), QStringLiteral("ISSO Lee")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        r = runCli({QStringLiteral("decide"), tmp.path(), QStringLiteral("chg-000000000000"),
                    QStringLiteral("--approve"), QStringLiteral("--rationale"), QStringLiteral("x"),
                    QStringLiteral("--reviewer"), QStringLiteral("y")});
        QCOMPARE(r.code, 2);
        // Reopened (every verb reopens the file): the decisions are there, one referral pending.
        list = changes(tmp.path());
        QCOMPARE(list.at(2).toObject().value(QLatin1String("decision")).toString(),
                 QStringLiteral("refer-ao"));
        QCOMPARE(list.at(2).toObject().value(QLatin1String("decided_by")).toString(),
                 QStringLiteral("ISSO Lee"));
        r = runCli({QStringLiteral("changes"), tmp.path()});
        QVERIFY(r.out.contains(QLatin1String("4 of 4 changes decided")));
        r = runCli({QStringLiteral("baseline"), tmp.path(), QStringLiteral("--set"), QStringLiteral("2"),
                    QStringLiteral("--approver"), QStringLiteral("ISSO Lee")});
        QCOMPARE(r.code, 1); // the AO has not answered
        // The AO's answer is a decision too.
        r = runCli({QStringLiteral("decide"), tmp.path(),
                    list.at(2).toObject().value(QLatin1String("id")).toString(), QStringLiteral("--approve"),
                    QStringLiteral("--rationale"), QStringLiteral("AO accepts the geofence flow"),
                    QStringLiteral("--reviewer"), QStringLiteral("AO Kim")});
        QCOMPARE(r.code, 0);
        r = runCli({QStringLiteral("baseline"), tmp.path(), QStringLiteral("--set"), QStringLiteral("2"),
                    QStringLiteral("--approver"), QStringLiteral("ISSO Lee")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Against the new baseline nothing has changed.
        QCOMPARE(changes(tmp.path()).size(), 0);
        r = runCli({QStringLiteral("audit"), tmp.path(), QStringLiteral("--verify")});
        QCOMPARE(r.code, 0);
        r = runCli({QStringLiteral("audit"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        int decisions = 0;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            decisions +=
                v.toObject().value(QLatin1String("action")).toString() == QLatin1String("change.decide");
        QCOMPARE(decisions, 5);
    }

    void auditDetectsEditsAndDeletions()
    {
        for (const char* tamper : {"UPDATE audit_log SET detail = detail || 'x' WHERE seq = 1",
                                   "DELETE FROM audit_log WHERE seq = 2"}) {
            TempWorkspace tmp;
            demoWorkspace(tmp);
            QCOMPARE(runCli({QStringLiteral("audit"), tmp.path(), QStringLiteral("--verify")}).code, 0);
            {
                auto ws = tmp.open();
                Statement triggers(
                    ws->handle(),
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'");
                QStringList names;
                while (triggers.step())
                    names << triggers.text(0);
                QVERIFY(!names.isEmpty());
                for (const QString& n : names)
                    QVERIFY(ws->exec(QByteArray("DROP TRIGGER " + n.toUtf8()).constData()).ok());
                QVERIFY(ws->exec(tamper).ok());
            }
            const CliRun r = runCli({QStringLiteral("audit"), tmp.path(), QStringLiteral("--verify")});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.out.contains(QLatin1String("BROKEN at entry")), qPrintable(r.out));
        }
    }
};

QTEST_GUILESS_MAIN(TestChanges)
#include "tst_changes.moc"
