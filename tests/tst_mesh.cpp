// The mesh overlay: the mTLS state of flows, from cases written by hand from Istio's documented
// precedence rules (no public suite covers PeerAuthentication). Each case adds objects to a base system
// and states the expected state of one flow.
#include "CliRun.h"
#include "TestSupport.h"
#include "kube/InventoryBuilder.h"
#include "kube/ManifestLoader.h"
#include "kube/ManifestParser.h"
#include "network/ConnectivityEngine.h"
#include "network/FlowFormatter.h"
#include "network/MeshModel.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tollgate;
using namespace tollgate::test;

namespace {
const QByteArray kBase = R"(
apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: b, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: a}
spec:
  template:
    metadata: {labels: {app: client}, annotations: {}}
    spec:
      containers: [{name: c, image: x}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: server, namespace: b}
spec:
  template:
    metadata: {labels: {app: server}}
    spec:
      containers:
      - name: s
        image: x
        ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]
---
apiVersion: v1
kind: Service
metadata: {name: server, namespace: b}
spec:
  selector: {app: server}
  ports: [{name: http, port: 8080}, {name: admin, port: 9090}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: old, namespace: legacy}
spec:
  template:
    metadata: {labels: {app: old}}
    spec:
      containers: [{name: o, image: x, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: old, namespace: legacy}
spec:
  selector: {app: old}
  ports: [{port: 80, targetPort: 8080}]
)";

const QByteArray kMeshStrict =
    "\n---\napiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\n"
    "metadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n";

QByteArray pa(const char* ns, const char* name, const char* body)
{
    return QByteArray(
               "\n---\napiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: ") +
           name + ", namespace: " + ns + "}\nspec:\n" + body + "\n";
}

QByteArray dr(const char* ns, const char* name, const char* body)
{
    return QByteArray(
               "\n---\napiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: {name: ") +
           name + ", namespace: " + ns + "}\nspec:\n" + body + "\n";
}

FlowFormatter::Line flow(const QByteArray& yaml, const QString& src, const QString& dst)
{
    auto parsed = ManifestParser::parse(QStringLiteral("case.yaml"), yaml, ManifestParser::Mode::Strict);
    if (!parsed)
        qFatal("case does not parse: %s", qPrintable(parsed.error().toString()));
    auto r = ConnectivityEngine::compute(parsed->objects);
    if (!r)
        qFatal("case does not compute: %s", qPrintable(r.error().toString()));
    for (const auto& l : FlowFormatter::lines(r.value()))
        if (l.src == src && l.dst == dst)
            return l;
    return {};
}

const QString kClient = QStringLiteral("a/client[Deployment]");
const QString kServer = QStringLiteral("b/server[Deployment]");
const QString kOld = QStringLiteral("legacy/old[Deployment]");
} // namespace

class TestMesh : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mtlsStates_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("src");
        QTest::addColumn<QString>("dst");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("ports"); // expected per-port states as compact JSON, or empty

        QTest::newRow("01 no PeerAuthentication: PERMISSIVE, auto mTLS")
            << QByteArray() << kClient << kServer << "permissive"
            << "";
        QTest::newRow("02 mesh-wide STRICT") << kMeshStrict << kClient << kServer << "strict"
                                             << "";
        QTest::newRow("03 mesh STRICT, namespace PERMISSIVE overrides")
            << kMeshStrict + pa("b", "default", "  mtls: {mode: PERMISSIVE}") << kClient << kServer
            << "permissive"
            << "";
        QTest::newRow("04 uninjected client to a STRICT server is refused")
            << kMeshStrict << kOld << kServer << "fails"
            << "";
        QTest::newRow("05 uninjected client to a PERMISSIVE server: plaintext")
            << QByteArray() << kOld << kServer << "plaintext"
            << "";
        QTest::newRow("06 server without sidecar") << kMeshStrict << kClient << kOld << "not-in-mesh"
                                                   << "";
        QTest::newRow("07 DestinationRule DISABLE against a STRICT server")
            << kMeshStrict + dr("a", "to-server",
                                "  host: server.b.svc.cluster.local\n  trafficPolicy: {tls: {mode: DISABLE}}")
            << kClient << kServer << "fails"
            << "";
        QTest::newRow("08 DestinationRule DISABLE against a PERMISSIVE server")
            << dr("a", "to-server",
                  "  host: server.b.svc.cluster.local\n  trafficPolicy: {tls: {mode: DISABLE}}")
            << kClient << kServer << "plaintext"
            << "";
        QTest::newRow("09 workload DISABLE on one port, auto mTLS client")
            << pa("b", "default", "  mtls: {mode: STRICT}") +
                   pa("b", "server-admin",
                      "  selector: {matchLabels: {app: server}}\n  portLevelMtls: {\"9090\": {mode: "
                      "DISABLE}}")
            << kClient << kServer << "fails"
            << R"({"9090":"fails","other":"strict"})";
        QTest::newRow("10 workload DISABLE on one port, DestinationRule port DISABLE")
            << pa("b", "default", "  mtls: {mode: STRICT}") +
                   pa("b", "server-admin",
                      "  selector: {matchLabels: {app: server}}\n  portLevelMtls: {\"9090\": {mode: "
                      "DISABLE}}") +
                   dr("b", "server",
                      "  host: server\n  trafficPolicy:\n    portLevelSettings:\n    - port: {number: "
                      "9090}\n      tls: {mode: DISABLE}")
            << kClient << kServer << "plaintext"
            << R"({"9090":"plaintext","other":"strict"})";
        QTest::newRow("11 workload UNSET inherits the namespace")
            << pa("b", "default", "  mtls: {mode: STRICT}") +
                   pa("b", "server", "  selector: {matchLabels: {app: server}}\n  mtls: {mode: UNSET}")
            << kClient << kServer << "strict"
            << "";
        QTest::newRow("12 portLevelMtls without a selector is ignored")
            << pa("b", "default", "  mtls: {mode: STRICT}\n  portLevelMtls: {\"9090\": {mode: PERMISSIVE}}")
            << kClient << kServer << "strict"
            << "";
        QTest::newRow("13 DestinationRule ISTIO_MUTUAL to a server without sidecar")
            << dr("a", "to-old",
                  "  host: old.legacy.svc.cluster.local\n  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}")
            << kClient << kOld << "fails"
            << "";
        QTest::newRow("14 pod annotation inject=false in an injected namespace")
            << kMeshStrict + QByteArray("\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "
                                        "optout, namespace: a}\nspec:\n"
                                        "  template:\n    metadata:\n      labels: {app: optout}\n"
                                        "      annotations: {sidecar.istio.io/inject: \"false\"}\n"
                                        "    spec: {containers: [{name: c, image: x}]}\n")
            << "a/optout[Deployment]" << kServer << "fails"
            << "";
        QTest::newRow("15 hostNetwork pods are not injected")
            << kMeshStrict + QByteArray("\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "
                                        "agent, namespace: a}\nspec:\n"
                                        "  template:\n    metadata: {labels: {app: agent}}\n"
                                        "    spec: {hostNetwork: true, containers: [{name: c, image: x}]}\n")
            << "a/agent[Deployment]" << kServer << "fails"
            << "";
        QTest::newRow("16 mesh config names another root namespace")
            << pa("istio-system", "default", "  mtls: {mode: DISABLE}") +
                   pa("mesh-root", "default", "  mtls: {mode: STRICT}") +
                   QByteArray("\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: "
                              "istio-system}\n"
                              "data:\n  mesh: |\n    rootNamespace: mesh-root\n")
            << kClient << kServer << "strict"
            << "";
        QTest::newRow("17 namespace DISABLE with an auto mTLS client")
            << pa("b", "default", "  mtls: {mode: DISABLE}") << kClient << kServer << "fails"
            << "";
        QTest::newRow("18 client DISABLE to a DISABLE server: plaintext")
            << pa("b", "default", "  mtls: {mode: DISABLE}") +
                   dr("istio-system", "mesh-off",
                      "  host: \"*.b.svc.cluster.local\"\n  trafficPolicy: {tls: {mode: DISABLE}}")
            << kClient << kServer << "plaintext"
            << "";
        QTest::newRow("19 non-TCP traffic is outside the mesh")
            << kMeshStrict +
                   QByteArray("\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: "
                              "{name: udp-only, namespace: b}\n"
                              "spec:\n  podSelector: {}\n  ingress: [{ports: [{protocol: UDP, port: 53}]}]\n")
            << kClient << kServer << "not-in-mesh"
            << "";
    }

    void mtlsStates()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, src);
        QFETCH(QString, dst);
        QFETCH(QString, state);
        QFETCH(QString, ports);
        const FlowFormatter::Line l = flow(kBase + extra, src, dst);
        QVERIFY2(!l.src.isEmpty(), "the flow is not allowed at all");
        QVERIFY2(l.mtls == state,
                 qPrintable(QStringLiteral("got %1: %2").arg(l.mtls, l.mtlsWhy.join(QStringLiteral("; ")))));
        if (!ports.isEmpty())
            QCOMPARE(QString::fromUtf8(QJsonDocument(l.mtlsPorts).toJson(QJsonDocument::Compact)), ports);
        QVERIFY(!l.mtlsWhy.isEmpty());
    }

    void authorizationPolicies_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("src");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("allowed");
        auto ap = [](const char* name, const char* body) -> QByteArray {
            return QByteArray("\n---\napiVersion: security.istio.io/v1beta1\nkind: "
                              "AuthorizationPolicy\nmetadata: {name: ") +
                   name + ", namespace: b}\nspec:\n" + body + "\n";
        };
        const QByteArray strict = kMeshStrict;
        QTest::newRow("no policy") << strict << kClient << "none"
                                   << "All Connections";
        QTest::newRow("allow-nothing denies all") << strict + ap("allow-nothing", "  {}") << kClient << "deny"
                                                  << "SCTP 1-65535,UDP 1-65535";
        QTest::newRow("principal over mTLS")
            << strict + ap("p", "  selector: {matchLabels: {app: server}}\n  rules:\n  - from:\n"
                                "    - source: {principals: [cluster.local/ns/a/sa/default]}")
            << kClient << "allow"
            << "All Connections";
        QTest::newRow("plaintext client carries no principal")
            << ap("p", "  rules:\n  - from:\n    - source: {principals: [\"*\"]}") << kOld << "deny"
            << "SCTP 1-65535,UDP 1-65535";
        QTest::newRow("deny by namespace")
            << strict + ap("d", "  action: DENY\n  rules:\n  - from:\n    - source: {namespaces: [a]}")
            << kClient << "deny"
            << "SCTP 1-65535,UDP 1-65535";
        QTest::newRow("allow on one port")
            << strict + ap("port", "  rules:\n  - to:\n    - operation: {ports: [\"8080\"]}") << kClient
            << "partial"
            << "SCTP 1-65535,TCP 8080,UDP 1-65535";
        QTest::newRow("L7 conditions are recorded")
            << strict + ap("get", "  rules:\n  - to:\n    - operation: {methods: [GET], paths: [\"/api/*\"]}")
            << kClient << "conditional"
            << "All Connections";
        QTest::newRow("AUDIT neither allows nor denies")
            << strict + ap("audit", "  action: AUDIT\n  rules: [{}]") << kClient << "none"
            << "All Connections";
        QTest::newRow("CUSTOM is reported as external")
            << strict + ap("ext", "  action: CUSTOM\n  provider: {name: opa}\n  rules: [{}]") << kClient
            << "custom"
            << "All Connections";
    }

    void authorizationPolicies()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, src);
        QFETCH(QString, state);
        QFETCH(QString, allowed);
        const FlowFormatter::Line l = flow(kBase + extra, src, kServer);
        QVERIFY(!l.src.isEmpty());
        QVERIFY2(l.authz.value(QLatin1String("state")).toString() == state,
                 qPrintable(QString::fromUtf8(QJsonDocument(l.authz).toJson(QJsonDocument::Compact))));
        QCOMPARE(l.authz.value(QLatin1String("allowed")).toString(), allowed);
        if (state == QLatin1String("conditional"))
            QVERIFY(!l.authz.value(QLatin1String("l7")).toArray().isEmpty());
        // The NetworkPolicy-level connection is unchanged: the peer formats stay the peer's.
        QCOMPARE(l.conn, QStringLiteral("All Connections"));
    }

    void gatewayOriginatesOnlyAlongRoutes()
    {
        // A pod that a Gateway selects (an Envoy gateway) sends TCP only to its VirtualServices' routed
        // Service target ports; its agent still talks to istiod; nothing else.
        const QByteArray gw = R"(
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: istio-system}
spec:
  template:
    metadata: {labels: {istio: ingressgateway}}
    spec:
      containers: [{name: istio-proxy, image: proxyv2}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system}
spec:
  template:
    metadata: {labels: {app: istiod}}
    spec:
      containers: [{name: discovery, image: pilot}]
---
apiVersion: v1
kind: Service
metadata: {name: istiod, namespace: istio-system}
spec:
  selector: {app: istiod}
  ports: [{port: 15012}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: b}
spec:
  selector: {app: server}
  ports: [{name: web, port: 80, targetPort: http}, {name: admin, port: 9090}]
---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: web, namespace: b}
spec:
  hosts: ["*"]
  gateways: [istio-system/public]
  http: [{route: [{destination: {host: web.b.svc.cluster.local, port: {number: 80}}}]}]
)";
        const QString gwPeer = QStringLiteral("istio-system/gw[Deployment]");
        const FlowFormatter::Line toServer = flow(kBase + gw, gwPeer, kServer);
        QCOMPARE(toServer.conn, QStringLiteral("All Connections")); // NetworkPolicies: unchanged
        QCOMPARE(toServer.authz.value(QLatin1String("state")).toString(), QStringLiteral("partial"));
        QCOMPARE(toServer.authz.value(QLatin1String("allowed")).toString(),
                 QStringLiteral("SCTP 1-65535,TCP 8080,UDP 1-65535"));
        const FlowFormatter::Line toClient = flow(kBase + gw, gwPeer, kClient);
        QCOMPARE(toClient.authz.value(QLatin1String("state")).toString(), QStringLiteral("deny"));
        QVERIFY(QJsonDocument(toClient.authz).toJson().contains("no route on gateway istio-system/public"));
        const FlowFormatter::Line toIstiod =
            flow(kBase + gw, gwPeer, QStringLiteral("istio-system/istiod[Deployment]"));
        QVERIFY(toIstiod.authz.value(QLatin1String("allowed"))
                    .toString()
                    .contains(QLatin1String("TCP 15010,15012")));
        // The client is no gateway: unchanged.
        const FlowFormatter::Line plain = flow(kBase + gw, kClient, kServer);
        QVERIFY(plain.authz.value(QLatin1String("state")).toString() != QLatin1String("partial"));
    }

    void meshRouteThroughEgressGateway()
    {
        // A VirtualService bound to `mesh` sends an external host to the egress gateway, whose own
        // VirtualService route leads to the host: the sidecars reach it only via the gateway.
        const QByteArray extra = R"(
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: egw, namespace: istio-system}
spec:
  template:
    metadata: {labels: {istio: egressgateway}}
    spec:
      containers: [{name: istio-proxy, image: proxyv2}]
---
apiVersion: networking.istio.io/v1beta1
kind: ServiceEntry
metadata: {name: ext, namespace: a}
spec:
  hosts: [api.example.com, other.example.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  servers: [{port: {number: 443, name: tls, protocol: TLS}, hosts: [api.example.com], tls: {mode: PASSTHROUGH}}]
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: via-egress, namespace: a}
spec:
  hosts: [api.example.com]
  gateways: [mesh, istio-system/egress]
  tls:
  - match: [{gateways: [mesh], port: 443, sniHosts: [api.example.com]}]
    route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 443}}}]
  - match: [{gateways: [istio-system/egress], port: 443, sniHosts: [api.example.com]}]
    route: [{destination: {host: api.example.com, port: {number: 443}}}]
)";
        auto parsed =
            ManifestParser::parse(QStringLiteral("case.yaml"), kBase + extra, ManifestParser::Mode::Strict);
        QVERIFY(parsed);
        const Inventory inv = InventoryBuilder::build(parsed->objects);
        const MeshModel mesh = MeshModel::build(parsed->objects, inv);
        bool sawClient = false;
        bool sawGateway = false;
        for (const WorkloadInfo& w : inv.workloads) {
            if (!w.topLevel)
                continue;
            const MeshModel::Egress e = mesh.egress(w);
            if (w.name == QLatin1String("client")) {
                sawClient = true;
                QCOMPARE(e.hosts, QStringList{QStringLiteral("other.example.com")});
            } else if (w.name == QLatin1String("egw")) {
                sawGateway = true;
                QCOMPARE(e.policy, QStringLiteral("gateway routes"));
                QCOMPARE(e.hosts, QStringList{QStringLiteral("api.example.com")});
            }
        }
        QVERIFY(sawClient && sawGateway);
        // The egress gateway's TCP to addresses outside: only as the routed host.
        auto r = ConnectivityEngine::compute(parsed->objects);
        QVERIFY(r);
        bool sawBlock = false;
        for (const auto& l : FlowFormatter::lines(r.value()))
            if (l.src == QLatin1String("istio-system/egw[Deployment]") &&
                l.dst.endsWith(QLatin1String("[External]"))) {
                sawBlock = true;
                QVERIFY(QJsonDocument(l.authz).toJson().contains("api.example.com:443"));
            }
        Q_UNUSED(sawBlock);
    }

    void egressHostsFromSidecarsAndServiceEntries()
    {
        // NCA's internal/external Sidecar cases: ratings' Sidecar lists only www.slack.com.
        for (const char* c : {"istio__connectivity_internal_external_sidecar",
                              "istio__connectivity_internal_external_sidecar_registry_only"}) {
            auto loaded =
                ManifestLoader::load({sharedDir() + QStringLiteral("/peer/network-config-analyzer/") +
                                      QLatin1String(c) + QStringLiteral("/input")});
            QVERIFY(loaded);
            const Inventory inv = InventoryBuilder::build(loaded->objects);
            const MeshModel mesh = MeshModel::build(loaded->objects, inv);
            for (const WorkloadInfo& w : inv.workloads) {
                if (!w.topLevel)
                    continue;
                const MeshModel::Egress e = mesh.egress(w);
                if (w.name == QLatin1String("ratings-v1")) {
                    // The Sidecar hides www.google.com: ALLOW_ANY passes it through as an unknown
                    // destination, REGISTRY_ONLY sends it to the black hole.
                    const bool allowAny = e.policy == QLatin1String("ALLOW_ANY");
                    const QStringList slack{QStringLiteral("www.slack.com")};
                    const QStringList google{QStringLiteral("www.google.com")};
                    QCOMPARE(e.hosts, allowAny ? google + slack : slack);
                    QCOMPARE(e.passthrough, allowAny ? google : QStringList());
                    QVERIFY(e.source.contains(QLatin1String("Sidecar default/")));
                } else {
                    QCOMPARE(e.policy, QStringLiteral("ALLOW_ANY"));
                    QVERIFY(e.hosts.contains(QStringLiteral("www.google.com")));
                }
            }
        }
    }

    void gatewayAndVirtualServiceEntry()
    {
        auto loaded = ManifestLoader::load({sourceDir() + QStringLiteral("/resources/demo/snapshot-1")});
        QVERIFY(loaded);
        auto r = ConnectivityEngine::compute(loaded->objects);
        QVERIFY(r);
        QHash<QString, FlowFormatter::Line> byPair;
        for (const auto& l : FlowFormatter::lines(r.value(), QString(), true))
            byPair.insert(l.src + QStringLiteral(" => ") + l.dst, l);
        // Outside traffic reaches the gateway's listeners, outside PeerAuthentication.
        const auto gw = byPair.value(QStringLiteral("{IstioGateway istio-system/sentinel-gateway} => "
                                                    "istio-system/istio-ingressgateway[Deployment]"));
        QCOMPARE(gw.conn, QStringLiteral("TCP 80,443"));
        QCOMPARE(gw.mtls, QStringLiteral("not-in-mesh"));
        // A VirtualService route: the gateway's hop to the backend is strict mTLS.
        const auto api = byPair.value(QStringLiteral(
            "{IstioGateway istio-system/sentinel-gateway} => frontend/api-gateway[Deployment]"));
        QCOMPARE(api.conn, QStringLiteral("TCP 8080"));
        QCOMPARE(api.mtls, QStringLiteral("strict"));
        QVERIFY(api.why.join(QLatin1Char(' ')).contains(QLatin1String("VirtualService")));
    }

    void sidecarEgressLimitsInMeshFlows()
    {
        const QByteArray sidecar =
            "\n---\napiVersion: networking.istio.io/v1beta1\nkind: Sidecar\n"
            "metadata: {name: default, namespace: a}\nspec:\n  egress:\n  - hosts: [\"./*\"]\n";
        // ALLOW_ANY (Istio's default): the unlisted service is reached by passthrough, without mTLS, which
        // a STRICT server refuses.
        FlowFormatter::Line l = flow(kBase + kMeshStrict + sidecar, kClient, kServer);
        QCOMPARE(l.mtls, QStringLiteral("fails"));
        QVERIFY(l.mtlsWhy.join(QLatin1Char(' ')).contains(QLatin1String("ALLOW_ANY passes it through")));
        // REGISTRY_ONLY on the Sidecar: the black hole.
        QByteArray strictSidecar = sidecar;
        strictSidecar += "  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n";
        l = flow(kBase + kMeshStrict + strictSidecar, kClient, kServer);
        QCOMPARE(l.authz.value(QLatin1String("state")).toString(), QStringLiteral("deny"));
        QCOMPARE(l.authz.value(QLatin1String("allowed")).toString(),
                 QStringLiteral("SCTP 1-65535,UDP 1-65535"));
        // Listing the server's namespace restores strict mTLS.
        QByteArray listed = sidecar;
        listed.replace("[\"./*\"]", "[\"./*\", \"b/*\"]");
        l = flow(kBase + kMeshStrict + listed, kClient, kServer);
        QCOMPARE(l.mtls, QStringLiteral("strict"));
    }

    void registryOnlyBlackHolesExternalAddresses()
    {
        // Istio's outboundTrafficPolicy REGISTRY_ONLY: an injected client's proxy sends TCP to an address
        // outside the service registry to the black hole; UDP is not captured; ALLOW_ANY passes it.
        auto external = [](const QByteArray& yaml, const QString& src) {
            auto parsed =
                ManifestParser::parse(QStringLiteral("case.yaml"), yaml, ManifestParser::Mode::Strict);
            if (!parsed)
                qFatal("case does not parse");
            auto r = ConnectivityEngine::compute(parsed->objects);
            if (!r)
                qFatal("case does not compute");
            for (const auto& l : FlowFormatter::lines(r.value()))
                if (l.src == src && l.dst.startsWith(QLatin1String("0.0.0.0-255.255.255.255")))
                    return l;
            return FlowFormatter::Line{};
        };
        FlowFormatter::Line l = external(kBase, kClient);
        QVERIFY(!l.src.isEmpty());
        QVERIFY(l.authz.isEmpty()); // ALLOW_ANY, Istio's default
        const QByteArray registryOnly = "\n---\napiVersion: networking.istio.io/v1beta1\nkind: Sidecar\n"
                                        "metadata: {name: default, namespace: a}\nspec:\n  "
                                        "outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n";
        l = external(kBase + registryOnly, kClient);
        QCOMPARE(l.conn, QStringLiteral("All Connections")); // NetworkPolicy allows it
        QCOMPARE(l.authz.value(QLatin1String("state")).toString(), QStringLiteral("deny"));
        QCOMPARE(l.authz.value(QLatin1String("allowed")).toString(),
                 QStringLiteral("SCTP 1-65535,UDP 1-65535"));
        QVERIFY(l.authz.value(QLatin1String("why"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("Sidecar a/default")));
        // A workload without a sidecar has no proxy to enforce it.
        l = external(kBase + registryOnly, kOld);
        QVERIFY(!l.src.isEmpty());
        QVERIFY(l.authz.isEmpty());
    }

    void explainShowsTheMesh()
    {
        // In the demo, Prometheus may scrape track-service under NetworkPolicy, but track-service's
        // AuthorizationPolicy admits only two principals: the scrape is refused by the mesh.
        const CliRun r =
            runCli({QStringLiteral("explain"), QStringLiteral("--dir"),
                    sourceDir() + QStringLiteral("/resources/demo/snapshot-1"),
                    QStringLiteral("monitoring/prometheus"), QStringLiteral("mission-data/track-service")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("ALLOWED: TCP 15020,15090")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("MESH DENIES (AuthorizationPolicy)")));
        QVERIFY(r.out.contains(QLatin1String("mtls: strict")));
        QVERIFY(r.out.contains(QLatin1String("mission-data/allow-track-service")));
    }

    void noMeshAtAll()
    {
        QByteArray plain = kBase;
        plain.replace("labels: {istio-injection: enabled}", "labels: {}");
        const FlowFormatter::Line l = flow(plain, kClient, kServer);
        QCOMPARE(l.mtls, QStringLiteral("not-in-mesh"));
        QVERIFY(l.mtlsWhy.join(QLatin1Char(' ')).contains(QLatin1String("no service mesh")));
    }

    void cliShowsTheMeshWithoutChangingPeerFormats()
    {
        TempWorkspace t;
        writeFile(t.file(QStringLiteral("in/m.yaml")), kBase + kMeshStrict);
        const QString in = t.file(QStringLiteral("in"));
        CliRun r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), in});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(QLatin1String("mtls")));
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), in, QStringLiteral("--mesh")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(
            QLatin1String("a/client[Deployment] => b/server[Deployment] : All Connections [mtls: strict]")));
        r = runCli({QStringLiteral("flows"), QStringLiteral("--dir"), in, QStringLiteral("--format"),
                    QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            const QJsonObject obj = v.toObject();
            QVERIFY(obj.contains(QLatin1String("mtls")) && obj.contains(QLatin1String("why")));
        }
        r = runCli({QStringLiteral("mesh"), QStringLiteral("--dir"), in, QStringLiteral("--format"),
                    QStringLiteral("json")});
        QCOMPARE(r.code, 0);
        const QString out = r.out;
        const QJsonArray rows = QJsonDocument::fromJson(out.toUtf8()).array();
        QCOMPARE(rows.size(), 3);
        for (const QJsonValue& v : rows) {
            const QJsonObject row = v.toObject();
            if (row.value(QLatin1String("workload")).toString() == kServer) {
                QCOMPARE(row.value(QLatin1String("injected")).toBool(), true);
                QCOMPARE(row.value(QLatin1String("mode")).toString(), QStringLiteral("STRICT"));
            }
            if (row.value(QLatin1String("workload")).toString() == kOld)
                QCOMPARE(row.value(QLatin1String("injected")).toBool(), false);
        }
    }
};

QTEST_GUILESS_MAIN(TestMesh)
#include "tst_mesh.moc"
