// SSP component changes (issue 12, the core and CLI): the demo's two snapshots give the golden change
// list; decisions per change survive reopening; the baseline rule; the audit chain detects edits and
// deletions made behind Tollgate's back.
#include "CliRun.h"
#include "SqlProbe.h"
#include "TestSupport.h"
#include "changes/OscalExport.h"
#include "changes/ServiceTemplate.h"
#include "import/SnapshotImporter.h"

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

const char* const kTemplate = R"(name: api
title: Test API
allowed_registries: [registry1.dso.mil/ironbank/]
require_digest: true
runtime:
  run_as_non_root: true
  read_only_root_filesystem: true
  no_privilege_escalation: true
  drop_all_capabilities: true
  no_host_namespaces: true
  mesh_sidecar: true
allowed_ports: [8080/TCP]
allowed_peers:
  inbound: [istio-system/*]
  outbound: [datastore/*]
allowed_exposure: []
)";

// The attributes ComponentSnapshot gives a hardened component that meets kTemplate.
QJsonObject goodComponent()
{
    return QJsonObject{
        {QStringLiteral("kind"), QStringLiteral("Deployment")},
        {QStringLiteral("namespace"), QStringLiteral("apps")},
        {QStringLiteral("name"), QStringLiteral("api")},
        {QStringLiteral("images"),
         QJsonArray{QStringLiteral("api=registry1.dso.mil/ironbank/apps/api:1.0@sha256:abcd")}},
        {QStringLiteral("ports"), QJsonArray{QStringLiteral("api:8080/TCP")}},
        {QStringLiteral("service_account"), QStringLiteral("api")},
        {QStringLiteral("pod_security"), QStringLiteral(R"({"runAsNonRoot":true})")},
        {QStringLiteral("container_security"),
         QJsonArray{
             QStringLiteral(R"(api: {"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},)"
                            R"("readOnlyRootFilesystem":true})")}},
        {QStringLiteral("mesh"), QStringLiteral("injected, STRICT")},
        {QStringLiteral("exposures"), QJsonArray{}}};
}

const QStringList kGoodFlows = {QStringLiteral("istio-system/Deployment/istio-ingressgateway => "
                                               "apps/Deployment/api : TCP 8080"),
                                QStringLiteral("apps/Deployment/api => datastore/StatefulSet/db : TCP 5432")};

// JSON type names, to compare our fragment's shape with NIST's example.
QString typeOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    default:
        return QStringLiteral("null");
    }
}

// Every key of `ours` that the example's objects use has the example's type, and `required` (keys the
// example's objects carry) are there.
void sameShape(const QJsonObject& ours, const QJsonArray& examples, const QStringList& required,
               const QString& what)
{
    QMap<QString, QString> types;
    for (const QJsonValue& e : examples) {
        const QJsonObject o = e.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            types.insert(it.key(), typeOf(it.value()));
    }
    for (const QString& key : required) {
        QVERIFY2(types.contains(key), qPrintable(QStringLiteral("the example has no ") + key));
        QVERIFY2(ours.contains(key), qPrintable(what + QStringLiteral(" lacks ") + key));
    }
    for (auto it = ours.begin(); it != ours.end(); ++it)
        if (types.contains(it.key()))
            QVERIFY2(typeOf(it.value()) == types.value(it.key()),
                     qPrintable(what + QStringLiteral(": ") + it.key() + QStringLiteral(" is ") +
                                typeOf(it.value())));
}

QJsonObject exportOscal(const QString& ws, const QString& snapshot, const QString& out)
{
    const CliRun r = runCli({QStringLiteral("export-oscal"), ws, QStringLiteral("--snapshot"), snapshot,
                             QStringLiteral("--out"), out});
    if (r.code != 0)
        qWarning() << r.err;
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QLatin1String("system-implementation"))
        .toObject();
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

    void templateConformsNearlyConformsOrNot()
    {
        auto t = ServiceTemplate::parse(kTemplate, QStringLiteral("api.yaml"));
        QVERIFY2(t.ok(), qPrintable(t.error().toString()));
        const QString key = QStringLiteral("apps/Deployment/api");
        // Conforms: every condition passes, each with the evidence seen.
        QJsonObject r = t->evaluate(key, goodComponent(), kGoodFlows);
        QVERIFY2(r.value(QLatin1String("failed")).toArray().isEmpty(), QJsonDocument(r).toJson().constData());
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("conforms"));
        QCOMPARE(r.value(QLatin1String("summary")).toString(),
                 QStringLiteral("conforms to template api (12 conditions met)"));
        const QJsonArray conditions = r.value(QLatin1String("conditions")).toArray();
        QCOMPARE(conditions.size(), 12);
        for (const QJsonValue& c : conditions) {
            QVERIFY(c.toObject().value(QLatin1String("passed")).toBool());
            QVERIFY(!c.toObject().value(QLatin1String("evidence")).toString().isEmpty());
        }
        QCOMPARE(conditions.at(0).toObject().value(QLatin1String("evidence")).toString(),
                 QStringLiteral("all from an allowed registry: "
                                "api=registry1.dso.mil/ironbank/apps/api:1.0@sha256:abcd"));
        // Nearly conforms: a tag-only image and an extra port; the failing conditions say why.
        QJsonObject near = goodComponent();
        near.insert(QStringLiteral("images"),
                    QJsonArray{QStringLiteral("api=registry1.dso.mil/ironbank/apps/api:1.0")});
        near.insert(QStringLiteral("ports"),
                    QJsonArray{QStringLiteral("api:8080/TCP"), QStringLiteral("api:22/TCP")});
        r = t->evaluate(key, near, kGoodFlows);
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("nearly-conforms"));
        QCOMPARE(r.value(QLatin1String("failed")).toArray(),
                 (QJsonArray{QStringLiteral("digest"), QStringLiteral("ports")}));
        QCOMPARE(r.value(QLatin1String("summary")).toString(),
                 QStringLiteral("nearly conforms to template api: fails digest, ports"));
        for (const QJsonValue& c : r.value(QLatin1String("conditions")).toArray())
            if (c.toObject().value(QLatin1String("condition")).toString() == QLatin1String("ports"))
                QCOMPARE(c.toObject().value(QLatin1String("evidence")).toString(),
                         QStringLiteral("not allowed: api:22/TCP"));
        // Does not conform: Docker Hub, privileged on the host network, no sidecar, a LoadBalancer
        // and a flow to the Internet.
        QJsonObject bad = goodComponent();
        bad.insert(QStringLiteral("images"),
                   QJsonArray{QStringLiteral("api=docker.io/library/nginx:latest")});
        bad.insert(QStringLiteral("pod_security"), QStringLiteral("{} hostNetwork"));
        bad.insert(QStringLiteral("container_security"),
                   QJsonArray{QStringLiteral(R"(api: {"privileged":true})")});
        bad.insert(QStringLiteral("mesh"), QStringLiteral("no sidecar"));
        bad.insert(QStringLiteral("exposures"), QJsonArray{QStringLiteral("LoadBalancer apps/api 80/TCP")});
        r = t->evaluate(key, bad,
                        kGoodFlows +
                            QStringList{QStringLiteral("apps/Deployment/api => 0.0.0.0-255.255.255.255 : "
                                                       "All Connections")});
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("does-not-conform"));
        QCOMPARE(
            r.value(QLatin1String("failed")).toArray(),
            (QJsonArray{QStringLiteral("registry"), QStringLiteral("digest"),
                        QStringLiteral("run_as_non_root"), QStringLiteral("read_only_root_filesystem"),
                        QStringLiteral("no_privilege_escalation"), QStringLiteral("drop_all_capabilities"),
                        QStringLiteral("no_host_namespaces"), QStringLiteral("mesh_sidecar"),
                        QStringLiteral("outbound_peers"), QStringLiteral("exposure")}));
        // Bad templates are refused with the file named.
        QVERIFY(!ServiceTemplate::parse("name: x\nallowed_portz: []\n", QStringLiteral("x.yaml")).ok());
        QVERIFY(!ServiceTemplate::parse("title: no name\n", QStringLiteral("x.yaml")).ok());
        QVERIFY(!ServiceTemplate::parse("name: x\nruntime: {fly: true}\n", QStringLiteral("x.yaml")).ok());
        // The shipped example parses.
        QCOMPARE(ServiceTemplate::builtIn().size(), 1);
        QCOMPARE(ServiceTemplate::builtIn().first().name(), QStringLiteral("web-service"));
    }

    void templatesOnTheDemo()
    {
        TempWorkspace tmp;
        demoWorkspace(tmp);
        // The built-in example covers the demo's new component, condition by condition.
        CliRun r = runCli(
            {QStringLiteral("templates"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), 1);
        QJsonObject row = rows.first().toObject();
        QVERIFY2(row.value(QLatin1String("failed")).toArray().isEmpty(),
                 QJsonDocument(row).toJson().constData());
        QCOMPARE(row.value(QLatin1String("component")).toString(),
                 QStringLiteral("mission-data/Deployment/track-fusion"));
        QCOMPARE(row.value(QLatin1String("template")).toString(), QStringLiteral("web-service"));
        QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("conforms"));
        QCOMPARE(row.value(QLatin1String("decision")).toString(), QStringLiteral("undecided"));
        // The change list carries the same evaluation on the component-added change.
        const QJsonArray list = changes(tmp.path());
        QCOMPARE(list.at(0)
                     .toObject()
                     .value(QLatin1String("templates"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("status")),
                 QJsonValue(QStringLiteral("conforms")));
        QVERIFY(!list.at(1).toObject().contains(QLatin1String("templates")));
        // A stricter template: the component nearly conforms, and the table says which condition fails.
        const QString strict = tmp.dir() + QStringLiteral("/strict.yaml");
        QFile f(strict);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name: strict\nallowed_ports: [8080/TCP]\nrequire_digest: true\n");
        f.close();
        r = runCli({QStringLiteral("templates"), tmp.path(), QStringLiteral("--template"), strict});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("nearly conforms to template strict: fails ports")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("FAIL  ports")));
        QVERIFY(r.out.contains(QLatin1String("pass  digest")));
        // Two templates: one row each.
        r = runCli({QStringLiteral("templates"), tmp.path(), QStringLiteral("--template"), strict,
                    QStringLiteral("--template"), sourceDir() + QStringLiteral("/resources/templates"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 2);
        // Conformance is never an approval.
        QCOMPARE(changes(tmp.path()).at(0).toObject().value(QLatin1String("decision")).toString(),
                 QStringLiteral("undecided"));
        r = runCli({QStringLiteral("templates"), tmp.path(), QStringLiteral("--template"),
                    tmp.dir() + QStringLiteral("/missing.yaml")});
        QCOMPARE(r.code, 2);
    }

    void oscalFragmentHasTheSspShapeAndStableUuids()
    {
        TempWorkspace tmp;
        demoWorkspace(tmp);
        const QJsonObject one =
            exportOscal(tmp.path(), QStringLiteral("1"), tmp.file(QStringLiteral("s1.json")));
        const QJsonObject two =
            exportOscal(tmp.path(), QStringLiteral("2"), tmp.file(QStringLiteral("s2.json")));
        QVERIFY(!one.isEmpty() && !two.isEmpty());
        QFile f(sharedDir() + QStringLiteral("/samples/oscal/ssp-example.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject example = QJsonDocument::fromJson(f.readAll())
                                        .object()
                                        .value(QLatin1String("system-security-plan"))
                                        .toObject()
                                        .value(QLatin1String("system-implementation"))
                                        .toObject();
        const QJsonArray exampleComponents = example.value(QLatin1String("components")).toArray();
        const QJsonArray exampleItems = example.value(QLatin1String("inventory-items")).toArray();
        QVERIFY(!exampleComponents.isEmpty() && !exampleItems.isEmpty());
        const QJsonArray components = two.value(QLatin1String("components")).toArray();
        const QJsonArray items = two.value(QLatin1String("inventory-items")).toArray();
        QVERIFY(components.size() > 5);
        QCOMPARE(items.size(), components.size());
        QCOMPARE(components.size(), one.value(QLatin1String("components")).toArray().size() + 1);
        const QRegularExpression uuidRe(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QJsonArray exampleProps;
        for (const QJsonValue& v : exampleComponents)
            for (const QJsonValue& p : v.toObject().value(QLatin1String("props")).toArray())
                exampleProps.append(p);
        QVERIFY(!exampleProps.isEmpty());
        QSet<QString> componentUuids;
        QMap<QString, QString> uuidOfKey;
        for (const QJsonValue& v : components) {
            const QJsonObject c = v.toObject();
            sameShape(c, exampleComponents,
                      QStringList{QStringLiteral("uuid"), QStringLiteral("type"), QStringLiteral("title"),
                                  QStringLiteral("description"), QStringLiteral("status"),
                                  QStringLiteral("props")},
                      QStringLiteral("component"));
            sameShape(c.value(QLatin1String("status")).toObject(),
                      QJsonArray{exampleComponents.first().toObject().value(QLatin1String("status"))},
                      QStringList{QStringLiteral("state")}, QStringLiteral("status"));
            QCOMPARE(c.value(QLatin1String("type")).toString(), QStringLiteral("service"));
            QCOMPARE(c.value(QLatin1String("status")).toObject().value(QLatin1String("state")).toString(),
                     QStringLiteral("operational"));
            const QString uuid = c.value(QLatin1String("uuid")).toString();
            QVERIFY2(uuidRe.match(uuid).hasMatch(), qPrintable(uuid));
            componentUuids.insert(uuid);
            QString key;
            QStringList names;
            for (const QJsonValue& p : c.value(QLatin1String("props")).toArray()) {
                const QJsonObject po = p.toObject();
                sameShape(po, exampleProps, QStringList{QStringLiteral("name"), QStringLiteral("value")},
                          QStringLiteral("prop"));
                QVERIFY(!po.value(QLatin1String("value")).toString().isEmpty());
                names << po.value(QLatin1String("name")).toString();
                if (po.value(QLatin1String("name")).toString() == QLatin1String("component-key"))
                    key = po.value(QLatin1String("value")).toString();
            }
            for (const char* required :
                 {"component-key", "workload-kind", "namespace", "container-image", "service-account"})
                QVERIFY2(names.contains(QLatin1String(required)),
                         qPrintable(key + QStringLiteral(" lacks ") + QLatin1String(required)));
            // A digest-pinned image gives its digest as a prop of its own.
            if (QJsonDocument(c).toJson().contains("@sha256:"))
                QVERIFY2(names.contains(QLatin1String("image-digest")), qPrintable(key));
            QCOMPARE(uuid, OscalExport::componentUuid(key).toString(QUuid::WithoutBraces));
            uuidOfKey.insert(key, uuid);
        }
        QCOMPARE(componentUuids.size(), components.size());
        for (const QJsonValue& v : items) {
            const QJsonObject item = v.toObject();
            sameShape(item, exampleItems,
                      QStringList{QStringLiteral("uuid"), QStringLiteral("description"),
                                  QStringLiteral("props"), QStringLiteral("implemented-components")},
                      QStringLiteral("inventory item"));
            const QJsonArray implemented = item.value(QLatin1String("implemented-components")).toArray();
            QVERIFY(!implemented.isEmpty());
            for (const QJsonValue& ic : implemented) {
                sameShape(
                    ic.toObject(),
                    exampleItems.first().toObject().value(QLatin1String("implemented-components")).toArray(),
                    QStringList{QStringLiteral("component-uuid")}, QStringLiteral("implemented component"));
                QVERIFY(
                    componentUuids.contains(ic.toObject().value(QLatin1String("component-uuid")).toString()));
            }
        }
        // Stable across snapshots: a rolled-out component keeps its UUID, its props show the new image.
        int same = 0;
        for (const QJsonValue& v : one.value(QLatin1String("components")).toArray()) {
            const QJsonObject c = v.toObject();
            const QString key = c.value(QLatin1String("props"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QLatin1String("value"))
                                    .toString();
            QCOMPARE(c.value(QLatin1String("uuid")).toString(), uuidOfKey.value(key));
            ++same;
        }
        QCOMPARE(same, components.size() - 1);
        QVERIFY(uuidOfKey.contains(QStringLiteral("mission-data/Deployment/track-fusion")));
        QVERIFY(QJsonDocument(two).toJson().contains("track-service:3.3.0@sha256:52fc8e"));
        // --out is required; a bad snapshot is bad input.
        QCOMPARE(runCli({QStringLiteral("export-oscal"), tmp.path()}).code, 2);
        QCOMPARE(runCli({QStringLiteral("export-oscal"), tmp.path(), QStringLiteral("--snapshot"),
                         QStringLiteral("9"), QStringLiteral("--out"), tmp.file(QStringLiteral("x.json"))})
                     .code,
                 2);
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
                QStringList names;
                for (const QVariantList& r : SqlProbe(*ws).rows(
                         "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))
                    names << r[0].toString();
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
