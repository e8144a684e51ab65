// Controls (issue 9): the catalog against DESIGN and the DISA benchmarks, every check kind on small
// fixtures that pass and fail it, templates versus controller-made pods, the mesh's injected
// containers, tailoring, the demo system's results as a golden file, and the check verb.
#include "CliRun.h"
#include "TestSupport.h"
#include "controls/CheckRegistry.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "import/SnapshotImporter.h"
#include "kube/InventoryBuilder.h"
#include "kube/ManifestParser.h"
#include "network/MeshModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {

const QString kDigest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
const QString kGoodImage = QStringLiteral("registry1.dso.mil/ironbank/acme/app:1.0@") + kDigest;
const QString kGoodPodSc = QStringLiteral("{runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}");
const QString kGoodSc = QStringLiteral(
    "{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}");

// A Deployment template; `extra` lines are appended to the container, `podExtra` to the pod spec.
QString deploy(const QString& name, const QString& ns = QStringLiteral("app"),
               const QString& image = kGoodImage, const QString& podSc = kGoodPodSc,
               const QString& sc = kGoodSc, const QString& extra = {}, const QString& podExtra = {})
{
    return QStringLiteral(
               "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %1, namespace: %2}\nspec:\n"
               "  selector: {matchLabels: {app: %1}}\n  template:\n    metadata: {labels: {app: %1}}\n    "
               "spec:\n"
               "      serviceAccountName: %1\n      securityContext: %4\n%7      containers:\n      - name: "
               "main\n"
               "        image: %3\n        securityContext: %5\n%6")
        .arg(name, ns, image, podSc, sc, extra, podExtra);
}

QString ns(const QString& name, bool injected = false)
{
    return QStringLiteral("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: %1%2}\n")
        .arg(name, injected ? QStringLiteral(", labels: {istio-injection: enabled}") : QString());
}

QList<Finding> evaluate(const QString& controlId, const QString& yaml, const Tailoring& tailoring = {})
{
    auto parsed =
        ManifestParser::parse(QStringLiteral("fixture.yaml"), yaml.toUtf8(), ManifestParser::Mode::Strict);
    if (!parsed.ok()) {
        qWarning() << parsed.error().toString();
        return {};
    }
    auto catalog = ControlCatalog::builtIn();
    const Control* control = catalog->find(controlId);
    if (!control)
        return {};
    CheckContext ctx;
    ctx.objects = parsed->objects;
    ctx.inventory = InventoryBuilder::build(ctx.objects);
    ctx.mesh = MeshModel::build(ctx.objects, ctx.inventory);
    ctx.tailoring = tailoring;
    ctx.now = fixedClock().nowUtc();
    CheckEmitter out(*control);
    CheckRegistry::get(control->check)(*control, ctx, out);
    return out.take();
}

int countOf(const QList<Finding>& findings, const QString& result)
{
    return static_cast<int>(std::count_if(findings.cbegin(), findings.cend(),
                                          [&](const Finding& f) { return f.result == result; }));
}

// V-ID -> (severity, title) of a DISA XCCDF benchmark.
QHash<QString, QPair<QString, QString>> benchmark(const QString& file)
{
    QHash<QString, QPair<QString, QString>> out;
    QFile f(sharedDir() + QStringLiteral("/samples/stig-benchmark/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString group;
    QString severity;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("Group"))
            group = xml.attributes().value(QLatin1String("id")).toString();
        else if (xml.name() == QLatin1String("Rule"))
            severity = xml.attributes().value(QLatin1String("severity")).toString();
        else if (xml.name() == QLatin1String("title") && !group.isEmpty() && !severity.isEmpty()) {
            out.insert(group, {severity, xml.readElementText().simplified()});
            group.clear();
            severity.clear();
        }
    }
    return out;
}

} // namespace

class TestControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogHasExactlyTheDesignControls()
    {
        auto catalog = ControlCatalog::builtIn();
        QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
        QStringList ids;
        for (const Control& c : catalog->controls())
            ids << c.id;
        const QStringList design = {QStringLiteral("IMG-REGISTRY"),     QStringLiteral("IMG-DIGEST"),
                                    QStringLiteral("IMG-TAG"),          QStringLiteral("IMG-VERSIONS"),
                                    QStringLiteral("RUN-NONROOT"),      QStringLiteral("RUN-RO-ROOTFS"),
                                    QStringLiteral("RUN-PRIVILEGED"),   QStringLiteral("RUN-SECCOMP"),
                                    QStringLiteral("RUN-CAPS"),         QStringLiteral("RUN-HOST-NS"),
                                    QStringLiteral("RUN-HOSTPORT"),     QStringLiteral("RUN-SECRET-ENV"),
                                    QStringLiteral("NET-DENY-INGRESS"), QStringLiteral("NET-DENY-EGRESS"),
                                    QStringLiteral("NET-UNSELECTED"),   QStringLiteral("MESH-MTLS"),
                                    QStringLiteral("MESH-AUTHZ"),       QStringLiteral("MESH-LOG"),
                                    QStringLiteral("GW-ENTRY"),         QStringLiteral("GW-AUTHN"),
                                    QStringLiteral("RES-BREAKER"),      QStringLiteral("SEC-STORE"),
                                    QStringLiteral("ADM-ENFORCE"),      QStringLiteral("NS-DEFAULT"),
                                    QStringLiteral("NS-SYSTEM"),        QStringLiteral("RBAC-LEAST"),
                                    QStringLiteral("DASHBOARD"),        QStringLiteral("SCAN-COVERAGE"),
                                    QStringLiteral("SSP-DOCUMENTED"),   QStringLiteral("DOC-CONTRACT")};
        QCOMPARE(ids, design);
        QCOMPARE(catalog->find(QStringLiteral("MESH-MTLS"))->cat, 1);
        QCOMPARE(catalog->find(QStringLiteral("RUN-SECRET-ENV"))->cat, 1);
        QCOMPARE(catalog->find(QStringLiteral("IMG-TAG"))->cat, 3);
        QCOMPARE(catalog->find(QStringLiteral("MESH-MTLS"))->nist,
                 (QStringList{QStringLiteral("SC-8(1)"), QStringLiteral("IA-9"), QStringLiteral("SC-23")}));
    }

    // The DISA rules named in the catalog exist in the benchmarks with that title, and where one
    // maps its severity is the control's CAT.
    void catalogMatchesTheDisaBenchmarks()
    {
        const auto srg = benchmark(QStringLiteral("U_Container_Platform_SRG_V2R1_Manual-xccdf.xml"));
        const auto stig = benchmark(QStringLiteral("U_Kubernetes_STIG_V1R11_Manual-xccdf.xml"));
        QVERIFY(srg.size() > 100);
        QVERIFY(stig.size() > 80);
        auto catalog = ControlCatalog::builtIn();
        int checked = 0;
        for (const Control& c : catalog->controls())
            for (const Control::Disa& d : c.disa) {
                const auto& bench = d.benchmark.contains(QLatin1String("SRG")) ? srg : stig;
                QVERIFY2(bench.contains(d.id), qPrintable(c.id + QLatin1Char(' ') + d.id));
                const auto [severity, title] = bench.value(d.id);
                QCOMPARE(d.title.simplified(), title);
                const int cat = severity == QLatin1String("high")     ? 1
                                : severity == QLatin1String("medium") ? 2
                                                                      : 3;
                QVERIFY2(cat == c.cat,
                         qPrintable(c.id + QStringLiteral(": ") + d.id + QLatin1Char(' ') + severity));
                ++checked;
            }
        QCOMPARE(checked, 18);
    }

    void everyCheckPassesAndFails_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("open");
        QTest::addColumn<int>("pass");
        const QString good = deploy(QStringLiteral("web"));
        QTest::newRow("IMG-REGISTRY pass") << "IMG-REGISTRY" << good << 0 << 1;
        QTest::newRow("IMG-REGISTRY fail")
            << "IMG-REGISTRY"
            << deploy(QStringLiteral("web"), QStringLiteral("app"),
                      QStringLiteral("docker.io/library/nginx:1.25@") + kDigest)
            << 1 << 0;
        QTest::newRow("IMG-DIGEST fail") << "IMG-DIGEST"
                                         << deploy(QStringLiteral("web"), QStringLiteral("app"),
                                                   QStringLiteral("registry1.dso.mil/ironbank/acme/app:1.0"))
                                         << 1 << 0;
        QTest::newRow("IMG-DIGEST pass") << "IMG-DIGEST" << good << 0 << 1;
        QTest::newRow("IMG-TAG latest")
            << "IMG-TAG"
            << deploy(QStringLiteral("web"), QStringLiteral("app"),
                      QStringLiteral("registry1.dso.mil/ironbank/acme/app:latest"))
            << 1 << 0;
        QTest::newRow("IMG-TAG untagged") << "IMG-TAG"
                                          << deploy(QStringLiteral("web"), QStringLiteral("app"),
                                                    QStringLiteral("registry1.dso.mil/ironbank/acme/app"))
                                          << 1 << 0;
        QTest::newRow("IMG-TAG digest only passes")
            << "IMG-TAG"
            << deploy(QStringLiteral("web"), QStringLiteral("app"),
                      QStringLiteral("registry1.dso.mil/ironbank/acme/app@") + kDigest)
            << 0 << 1;
        QTest::newRow("IMG-VERSIONS two versions")
            << "IMG-VERSIONS"
            << deploy(QStringLiteral("a")) +
                   deploy(QStringLiteral("b"), QStringLiteral("app"),
                          QStringLiteral("registry1.dso.mil/ironbank/acme/app:1.1@sha256:") +
                              QString(64, QLatin1Char('b')))
            << 1 << 0;
        QTest::newRow("IMG-VERSIONS one version")
            << "IMG-VERSIONS" << deploy(QStringLiteral("a")) + deploy(QStringLiteral("b")) << 0 << 1;
        QTest::newRow("RUN-NONROOT pass") << "RUN-NONROOT" << good << 0 << 1;
        QTest::newRow("RUN-NONROOT unset")
            << "RUN-NONROOT"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, QStringLiteral("{}")) << 1
            << 0;
        QTest::newRow("RUN-NONROOT uid 0")
            << "RUN-NONROOT"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage,
                      QStringLiteral("{runAsNonRoot: true}"), QStringLiteral("{runAsUser: 0}"))
            << 1 << 0;
        QTest::newRow("RUN-NONROOT uid 1001") << "RUN-NONROOT"
                                              << deploy(QStringLiteral("web"), QStringLiteral("app"),
                                                        kGoodImage, QStringLiteral("{runAsUser: 1001}"))
                                              << 0 << 1;
        QTest::newRow("RUN-RO-ROOTFS fail")
            << "RUN-RO-ROOTFS"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                      QStringLiteral("{allowPrivilegeEscalation: false}"))
            << 1 << 0;
        QTest::newRow("RUN-RO-ROOTFS pass") << "RUN-RO-ROOTFS" << good << 0 << 1;
        QTest::newRow("RUN-PRIVILEGED escalation unset")
            << "RUN-PRIVILEGED"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                      QStringLiteral("{readOnlyRootFilesystem: true}"))
            << 1 << 0;
        QTest::newRow("RUN-PRIVILEGED privileged")
            << "RUN-PRIVILEGED"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                      QStringLiteral("{privileged: true, allowPrivilegeEscalation: false}"))
            << 1 << 0;
        QTest::newRow("RUN-PRIVILEGED pass") << "RUN-PRIVILEGED" << good << 0 << 1;
        QTest::newRow("RUN-SECCOMP none") << "RUN-SECCOMP"
                                          << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage,
                                                    QStringLiteral("{runAsNonRoot: true}"))
                                          << 1 << 0;
        QTest::newRow("RUN-SECCOMP container Localhost")
            << "RUN-SECCOMP"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, QStringLiteral("{}"),
                      QStringLiteral("{seccompProfile: {type: Localhost, localhostProfile: p.json}}"))
            << 0 << 1;
        QTest::newRow("RUN-CAPS add SYS_ADMIN")
            << "RUN-CAPS"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                      QStringLiteral("{capabilities: {drop: [ALL], add: [SYS_ADMIN]}}"))
            << 1 << 0;
        QTest::newRow("RUN-CAPS NET_BIND_SERVICE ok")
            << "RUN-CAPS"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                      QStringLiteral("{capabilities: {drop: [all], add: [NET_BIND_SERVICE]}}"))
            << 0 << 1;
        QTest::newRow("RUN-CAPS no drop") << "RUN-CAPS"
                                          << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage,
                                                    kGoodPodSc, QStringLiteral("{}"))
                                          << 1 << 0;
        QTest::newRow("RUN-HOST-NS hostNetwork")
            << "RUN-HOST-NS"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc, {},
                      QStringLiteral("      hostNetwork: true\n"))
            << 1 << 0;
        QTest::newRow("RUN-HOST-NS hostPath")
            << "RUN-HOST-NS"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc, {},
                      QStringLiteral("      volumes: [{name: h, hostPath: {path: /var/log}}]\n"))
            << 1 << 0;
        QTest::newRow("RUN-HOST-NS pass") << "RUN-HOST-NS" << good << 0 << 1;
        QTest::newRow("RUN-HOSTPORT 80")
            << "RUN-HOSTPORT"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc,
                      QStringLiteral("        ports: [{containerPort: 8080, hostPort: 80}]\n"))
            << 1 << 0;
        QTest::newRow("RUN-HOSTPORT 8080")
            << "RUN-HOSTPORT"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc,
                      QStringLiteral("        ports: [{containerPort: 8080, hostPort: 8080}]\n"))
            << 0 << 1;
        QTest::newRow("RUN-SECRET-ENV fail")
            << "RUN-SECRET-ENV"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc,
                      QStringLiteral(
                          "        env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}]\n"))
            << 1 << 0;
        QTest::newRow("RUN-SECRET-ENV envFrom")
            << "RUN-SECRET-ENV"
            << deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc,
                      QStringLiteral("        envFrom: [{secretRef: {name: db}}]\n"))
            << 1 << 0;
        QTest::newRow("RUN-SECRET-ENV pass") << "RUN-SECRET-ENV" << good << 0 << 1;
        const QString denyAll = QStringLiteral(
            "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: "
            "app}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n");
        const QString denyIngressOnly =
            QStringLiteral("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: "
                           "deny, namespace: app}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n");
        QTest::newRow("NET-DENY-INGRESS none") << "NET-DENY-INGRESS" << good << 1 << 0;
        QTest::newRow("NET-DENY-INGRESS pass") << "NET-DENY-INGRESS" << good + denyAll << 0 << 1;
        QTest::newRow("NET-DENY-EGRESS ingress only")
            << "NET-DENY-EGRESS" << good + denyIngressOnly << 1 << 0;
        QTest::newRow("NET-DENY-EGRESS pass") << "NET-DENY-EGRESS" << good + denyAll << 0 << 1;
        QTest::newRow("NET-UNSELECTED fail") << "NET-UNSELECTED" << good << 1 << 0;
        QTest::newRow("NET-UNSELECTED pass") << "NET-UNSELECTED" << good + denyIngressOnly << 0 << 1;
        const QString strict =
            QStringLiteral("---\napiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: "
                           "{name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n");
        const QString permissive =
            QStringLiteral("---\napiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: "
                           "{name: default, namespace: app}\nspec: {mtls: {mode: PERMISSIVE}}\n");
        QTest::newRow("MESH-MTLS no mesh") << "MESH-MTLS" << good << 1 << 0;
        QTest::newRow("MESH-MTLS strict")
            << "MESH-MTLS" << ns(QStringLiteral("app"), true) + good + strict << 0 << 1;
        QTest::newRow("MESH-MTLS permissive")
            << "MESH-MTLS" << ns(QStringLiteral("app"), true) + good + strict + permissive << 1 << 0;
        QTest::newRow("MESH-MTLS uninjected")
            << "MESH-MTLS" << ns(QStringLiteral("app")) + good + strict << 1 << 0;
        const QString allowNothing =
            QStringLiteral("---\napiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata: "
                           "{name: allow-nothing, namespace: app}\nspec: {}\n");
        QTest::newRow("MESH-AUTHZ none")
            << "MESH-AUTHZ" << ns(QStringLiteral("app"), true) + good + strict << 1 << 0;
        QTest::newRow("MESH-AUTHZ allow-nothing")
            << "MESH-AUTHZ" << ns(QStringLiteral("app"), true) + good + strict + allowNothing << 0 << 1;
        const QString telemetry = QStringLiteral(
            "---\napiVersion: telemetry.istio.io/v1alpha1\nkind: Telemetry\nmetadata: {name: mesh-default, "
            "namespace: istio-system}\nspec: {accessLogging: [{providers: [{name: envoy}]}]}\n");
        QTest::newRow("MESH-LOG off")
            << "MESH-LOG" << ns(QStringLiteral("app"), true) + good + strict << 1 << 0;
        QTest::newRow("MESH-LOG telemetry")
            << "MESH-LOG" << ns(QStringLiteral("app"), true) + good + strict + telemetry << 0 << 1;
        const QString svc =
            QStringLiteral("---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: app}\nspec: "
                           "{selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n");
        const QString lb = QStringLiteral(
            "---\napiVersion: v1\nkind: Service\nmetadata: {name: web-lb, namespace: app}\nspec: {type: "
            "LoadBalancer, selector: {app: web}, ports: [{port: 443, targetPort: 8080}]}\n");
        QTest::newRow("GW-ENTRY LoadBalancer") << "GW-ENTRY" << good + lb << 1 << 0;
        QTest::newRow("GW-ENTRY ClusterIP only") << "GW-ENTRY" << good + svc << 0 << 0;
        const QString dr =
            QStringLiteral("---\napiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: "
                           "{name: web, namespace: app}\nspec: {host: web, trafficPolicy: {outlierDetection: "
                           "{consecutive5xxErrors: 5}}}\n");
        QTest::newRow("RES-BREAKER none")
            << "RES-BREAKER" << ns(QStringLiteral("app"), true) + good + svc << 1 << 0;
        QTest::newRow("RES-BREAKER outlierDetection")
            << "RES-BREAKER" << ns(QStringLiteral("app"), true) + good + svc + dr << 0 << 1;
        const QString gwHttp =
            QStringLiteral("---\napiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata: {name: "
                           "gw, namespace: app}\nspec: {selector: {istio: ingressgateway}, servers: [{port: "
                           "{number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}\n");
        QTest::newRow("GW-AUTHN plain HTTP, no token") << "GW-AUTHN" << gwHttp << 1 << 0;
        QTest::newRow("SEC-STORE plain Opaque")
            << "SEC-STORE"
            << QStringLiteral(
                   "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: app}\ntype: Opaque\n")
            << 1 << 0;
        QTest::newRow("SEC-STORE tls exempt")
            << "SEC-STORE"
            << QStringLiteral("---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: app}\ntype: "
                              "kubernetes.io/tls\n")
            << 0 << 1;
        QTest::newRow("SEC-STORE sealed")
            << "SEC-STORE"
            << QStringLiteral("---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: app, "
                              "ownerReferences: [{apiVersion: bitnami.com/v1alpha1, kind: SealedSecret, "
                              "name: s, uid: u}]}\ntype: Opaque\n")
            << 0 << 1;
        QTest::newRow("ADM-ENFORCE nothing") << "ADM-ENFORCE" << good << 1 << 0;
        QTest::newRow("NS-DEFAULT ConfigMap")
            << "NS-DEFAULT"
            << QStringLiteral(
                   "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n")
            << 1 << 0;
        QTest::newRow("NS-DEFAULT kubernetes service")
            << "NS-DEFAULT"
            << QStringLiteral("---\napiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: "
                              "default}\nspec: {ports: [{port: 443}]}\n")
            << 0 << 1;
        QTest::newRow("NS-SYSTEM user workload")
            << "NS-SYSTEM" << deploy(QStringLiteral("myapp"), QStringLiteral("kube-system")) << 1 << 0;
        QTest::newRow("NS-SYSTEM coredns")
            << "NS-SYSTEM" << deploy(QStringLiteral("coredns"), QStringLiteral("kube-system")) << 0 << 1;
        QTest::newRow("RBAC-LEAST cluster-admin")
            << "RBAC-LEAST"
            << good +
                   QStringLiteral(
                       "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: "
                       "{name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
                       "cluster-admin}\nsubjects: [{kind: ServiceAccount, name: web, namespace: app}]\n")
            << 1 << 0;
        QTest::newRow("RBAC-LEAST shared account")
            << "RBAC-LEAST"
            << deploy(QStringLiteral("a")) + deploy(QStringLiteral("b"))
                                                 .replace(QStringLiteral("serviceAccountName: b"),
                                                          QStringLiteral("serviceAccountName: a"))
            << 1 << 0;
        QTest::newRow("RBAC-LEAST pass") << "RBAC-LEAST" << good << 0 << 1;
        QTest::newRow("DASHBOARD deployed")
            << "DASHBOARD"
            << deploy(QStringLiteral("kubernetes-dashboard"), QStringLiteral("kubernetes-dashboard")) << 1
            << 0;
        QTest::newRow("DASHBOARD absent") << "DASHBOARD" << good << 0 << 1;
        QTest::newRow("SCAN-COVERAGE no scan") << "SCAN-COVERAGE" << good << 1 << 0;
        QTest::newRow("SSP-DOCUMENTED no baseline") << "SSP-DOCUMENTED" << good << 1 << 0;
        QTest::newRow("DOC-CONTRACT missing") << "DOC-CONTRACT" << good + svc << 1 << 0;
        QTest::newRow("DOC-CONTRACT present")
            << "DOC-CONTRACT"
            << good + QString(svc).replace(
                          QStringLiteral("namespace: app}"),
                          QStringLiteral("namespace: app, annotations: {tollgate.io/api-contract: ICD-7, "
                                         "tollgate.io/owner: team}}"))
            << 0 << 1;
    }
    void everyCheckPassesAndFails()
    {
        QFETCH(QString, control);
        QFETCH(QString, yaml);
        QFETCH(int, open);
        QFETCH(int, pass);
        const QList<Finding> f = evaluate(control, yaml);
        QString all;
        for (const Finding& x : f)
            all += x.result + QStringLiteral(": ") + x.evidence + QLatin1Char('\n');
        QVERIFY2(countOf(f, QStringLiteral("Open")) == open, qPrintable(all));
        QVERIFY2(countOf(f, QStringLiteral("NotAFinding")) == pass, qPrintable(all));
        for (const Finding& x : f) {
            QCOMPARE(x.source, QStringLiteral("tollgate"));
            QCOMPARE(x.ruleId, control);
            if (x.result == QLatin1String("Open"))
                QVERIFY2(x.evidence.contains(QLatin1String("Fix: ")), qPrintable(x.evidence));
        }
    }

    // A failing workload names the object, the field and file:line.
    void evidenceNamesObjectFieldAndLine()
    {
        const QList<Finding> f =
            evaluate(QStringLiteral("RUN-PRIVILEGED"),
                     deploy(QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc,
                            QStringLiteral("{readOnlyRootFilesystem: true}")));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.first().workloadKey, QStringLiteral("app/Deployment/web"));
        QCOMPARE(f.first().position, QStringLiteral("fixture.yaml:2"));
        QVERIFY(f.first().evidence.contains(QLatin1String("allowPrivilegeEscalation is not set")));
        QVERIFY(f.first().evidence.contains(QLatin1String("container 'main'")));
    }

    // A kubectl get pods export: Pods whose ReplicaSet is absent stand in for their owner's template.
    void controllerOwnedPodsStandInForTheirTemplate()
    {
        const QString pod =
            QStringLiteral(
                "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-5d8c6b7f9-x2x4z\n  namespace: app\n"
                "  labels: {app: web}\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: "
                "web-5d8c6b7f9, uid: u, controller: true}]\n"
                "spec:\n  serviceAccountName: web\n  containers:\n  - name: main\n    image: %1\n    "
                "securityContext: {allowPrivilegeEscalation: false}\n")
                .arg(kGoodImage);
        const QList<Finding> f = evaluate(QStringLiteral("RUN-NONROOT"), pod);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.first().result, QStringLiteral("Open"));
        QCOMPARE(f.first().workloadKey, QStringLiteral("app/Pod/web-5d8c6b7f9-x2x4z"));
        // With its Deployment present, the pod no longer counts: the template does.
        const QList<Finding> g = evaluate(QStringLiteral("RUN-NONROOT"), deploy(QStringLiteral("web")) + pod);
        QCOMPARE(g.size(), 2); // the Deployment and the orphan Pod (its ReplicaSet is still absent)
    }

    // istio-proxy and istio-init are the mesh's: root, NET_ADMIN and writable filesystems there do
    // not fail the workload's runtime checks.
    void injectedMeshContainersDoNotFailRuntimeChecks()
    {
        const QString meshed = deploy(
            QStringLiteral("web"), QStringLiteral("app"), kGoodImage, kGoodPodSc, kGoodSc,
            QStringLiteral(
                "      - name: istio-proxy\n        image: %1\n        securityContext: {runAsUser: 1337}\n"
                "      initContainers:\n      - name: istio-init\n        image: %1\n"
                "        securityContext: {runAsUser: 0, runAsNonRoot: false, capabilities: {add: "
                "[NET_ADMIN, NET_RAW]}}\n")
                .arg(kGoodImage));
        for (const char* control : {"RUN-NONROOT", "RUN-RO-ROOTFS", "RUN-PRIVILEGED", "RUN-CAPS",
                                    "RUN-SECCOMP", "RUN-SECRET-ENV"}) {
            const QList<Finding> f = evaluate(QLatin1String(control), meshed);
            QVERIFY2(countOf(f, QStringLiteral("Open")) == 0, control);
            QVERIFY2(countOf(f, QStringLiteral("NotAFinding")) == 1, control);
        }
    }

    void tailoringAllowsDigestsExemptsAndSwitchesOff()
    {
        auto t = Tailoring::parse("approved_registries: [registry.example.mil/]\ndigest_allowlist: [" +
                                      kDigest.toUtf8() +
                                      "]\nexempt_namespaces: [kube-system]\nnot_applicable: {DOC-CONTRACT: "
                                      "'Interfaces are in the ICD'}\n",
                                  QStringLiteral("t.yaml"));
        QVERIFY2(t.ok(), qPrintable(t.error().toString()));
        QCOMPARE(t->notApplicable.value(QStringLiteral("DOC-CONTRACT")),
                 QStringLiteral("Interfaces are in the ICD"));
        // docker.io image, but its digest is allow-listed.
        QCOMPARE(countOf(evaluate(QStringLiteral("IMG-REGISTRY"),
                                  deploy(QStringLiteral("web"), QStringLiteral("app"),
                                         QStringLiteral("docker.io/library/nginx:1.25@") + kDigest),
                                  *t),
                         QStringLiteral("NotAFinding")),
                 1);
        QCOMPARE(evaluate(QStringLiteral("RUN-NONROOT"),
                          deploy(QStringLiteral("proxy"), QStringLiteral("kube-system"), kGoodImage,
                                 QStringLiteral("{}")),
                          *t)
                     .size(),
                 0);
        QVERIFY(!Tailoring::parse("not_applicable: {DOC-CONTRACT: ''}\n", QStringLiteral("t.yaml")).ok());

        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            QVERIFY(SnapshotImporter(*ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")})
                        .ok());
            auto catalog = ControlCatalog::builtIn();
            auto findings = ControlRunner(*ws, catalog.value(), *t).evaluate(1);
            QVERIFY(findings.ok());
            int na = 0;
            for (const Finding& f : findings.value())
                if (f.ruleId == QLatin1String("DOC-CONTRACT")) {
                    QCOMPARE(f.result, QStringLiteral("Not_Applicable"));
                    QVERIFY(f.evidence.contains(QLatin1String("Interfaces are in the ICD")));
                    ++na;
                }
            QCOMPARE(na, 1);
        }
    }

    // The demo system's results, control by control, against a golden file: every intended gap of
    // resources/demo/README.md shows up, nothing else fails without a reason.
    void demoSystemGolden()
    {
        TempWorkspace tmp;
        auto ws = tmp.create();
        QVERIFY(
            SnapshotImporter(*ws, {}).run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")}).ok());
        auto catalog = ControlCatalog::builtIn();
        auto findings = ControlRunner(*ws, catalog.value(), Tailoring()).evaluate(1);
        QVERIFY(findings.ok());
        QStringList lines;
        for (const Finding& f : findings.value())
            if (f.result != QLatin1String("NotAFinding"))
                lines << QStringLiteral("%1 %2 %3").arg(f.ruleId, f.result, f.subject);
        lines.sort();
        const QString actual = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        QCOMPARE(actual, golden(QStringLiteral("controls/demo-snapshot-2.txt"), actual));
    }

    void checkVerbGatesOnOpenFindings()
    {
        TempWorkspace tmp;
        {
            auto ws = tmp.create();
            QVERIFY(SnapshotImporter(*ws, {})
                        .run({sourceDir() + QStringLiteral("/resources/demo/snapshot-2")})
                        .ok());
        }
        CliRun r =
            runCli({QStringLiteral("check"), tmp.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 1); // CAT I and II gaps are open in the demo
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(rows.size() > 300);
        for (const QJsonValue& v : rows)
            for (const char* key : {"control", "status", "severity", "subject", "evidence"})
                QVERIFY2(v.toObject().contains(QLatin1String(key)), key);
        // The gate at CAT I counts reviewer decisions: a current risk acceptance takes a finding out.
        r = runCli({QStringLiteral("check"), tmp.path(), QStringLiteral("--fail-on"), QStringLiteral("I"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 1);
        QStringList catOne;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v.toObject().value(QLatin1String("status")).toString() == QLatin1String("Open") &&
                v.toObject().value(QLatin1String("severity_cat")).toInt() == 1)
                catOne << QString::number(v.toObject().value(QLatin1String("id")).toInteger());
        QCOMPARE(catOne.size(), 15); // MESH-MTLS on 14 workloads, RUN-SECRET-ENV on one
        for (const QString& id : std::as_const(catOne)) {
            const CliRun a =
                runCli({QStringLiteral("accept-risk"), tmp.path(), id, QStringLiteral("--by"),
                        QStringLiteral("AO Smith"), QStringLiteral("--reference"), QStringLiteral("POAM-12"),
                        QStringLiteral("--expires"), QStringLiteral("2026-06-30"), QStringLiteral("--reason"),
                        QStringLiteral("legacy C2 client until Q3")});
            QVERIFY2(a.code == 0, qPrintable(a.err));
        }
        r = runCli({QStringLiteral("check"), tmp.path(), QStringLiteral("--fail-on"), QStringLiteral("I")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("15 more with a current risk acceptance")),
                 qPrintable(r.out.right(300)));
        // A second run on the same evidence is recognised, not recorded twice.
        CliRun again = runCli({QStringLiteral("check"), tmp.path()});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.out.contains(QLatin1String("unchanged since the previous run")),
                 qPrintable(again.out.right(300)));
        // A tailoring that switches off every failing control lets the gate pass at CAT I.
        r = runCli({QStringLiteral("check"), tmp.path(), QStringLiteral("--fail-on"), QStringLiteral("IV")});
        QCOMPARE(r.code, 2);
        r = runCli({QStringLiteral("controls"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 30);
        // Findings of the run are in the store like any scan's, joined to workloads.
        r = runCli({QStringLiteral("findings"), tmp.path(), QStringLiteral("--source"),
                    QStringLiteral("tollgate"), QStringLiteral("--id"), QStringLiteral("RUN-SECRET-ENV"),
                    QStringLiteral("--status"), QStringLiteral("Open"), QStringLiteral("--format"),
                    QStringLiteral("json")});
        const QJsonArray secretEnv = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(secretEnv.size(), 1);
        QCOMPARE(secretEnv.first()
                     .toObject()
                     .value(QLatin1String("joined_workloads"))
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("mission-data/Deployment/mission-planning-api"));
    }
};

QTEST_GUILESS_MAIN(TestControls)
#include "tst_controls.moc"
