#include "kube/InventoryBuilder.h"

#include "base/Logging.h"
#include "kube/KubeKinds.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace tollgate {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject obj(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toObject();
}

QJsonArray arr(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toArray();
}

QString namespaceOf(const QJsonObject& body)
{
    const QString ns = str(obj(body, "metadata"), "namespace");
    return ns.isEmpty() ? QStringLiteral("default") : ns;
}

struct Owner
{
    QString kind;
    QString name;
};

Owner controllerOwner(const QJsonObject& meta)
{
    for (const QJsonValue& v : arr(meta, "ownerReferences")) {
        const QJsonObject ref = v.toObject();
        if (ref.value(QLatin1String("controller")).toBool() && str(ref, "kind") != QLatin1String("Node")) {
            // An owner reference without a kind names a pod owner, as netpol-analyzer reads it.
            const QString kind = str(ref, "kind");
            return {kind.isEmpty() ? QStringLiteral("Pod") : kind, str(ref, "name")};
        }
    }
    return {};
}

QString portString(const QJsonValue& v)
{
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}

QList<ContainerInfo> containersOf(const QJsonObject& podSpec)
{
    QList<ContainerInfo> out;
    const std::pair<const char*, const char*> lists[] = {
        {"initContainers", "init"}, {"containers", "container"}, {"ephemeralContainers", "ephemeral"}};
    for (const auto& [key, role] : lists) {
        for (const QJsonValue& v : arr(podSpec, key)) {
            const QJsonObject c = v.toObject();
            ContainerInfo ci;
            ci.name = str(c, "name");
            ci.role = QString::fromLatin1(role);
            ci.image = ImageRef::parse(str(c, "image"));
            for (const QJsonValue& pv : arr(c, "ports")) {
                const QJsonObject p = pv.toObject();
                QJsonObject port;
                if (p.contains(QLatin1String("name")))
                    port.insert(QLatin1String("name"), p.value(QLatin1String("name")));
                port.insert(QLatin1String("containerPort"), p.value(QLatin1String("containerPort")));
                port.insert(QLatin1String("protocol"), p.contains(QLatin1String("protocol"))
                                                           ? p.value(QLatin1String("protocol"))
                                                           : QJsonValue(QStringLiteral("TCP")));
                if (p.contains(QLatin1String("hostPort")))
                    port.insert(QLatin1String("hostPort"), p.value(QLatin1String("hostPort")));
                ci.ports.append(port);
            }
            ci.securityContext = obj(c, "securityContext");
            for (const QJsonValue& ev : arr(c, "env")) {
                const QJsonObject ref = obj(obj(ev.toObject(), "valueFrom"), "secretKeyRef");
                if (!ref.isEmpty())
                    ci.secretRefs << str(ref, "name") + QLatin1Char('/') + str(ref, "key");
            }
            for (const QJsonValue& ev : arr(c, "envFrom")) {
                const QJsonObject ref = obj(ev.toObject(), "secretRef");
                if (!ref.isEmpty())
                    ci.secretRefs << str(ref, "name") + QStringLiteral("/*");
            }
            out << ci;
        }
    }
    return out;
}

// The name of the object that owns `name` once a generated suffix is taken off.
QString stripSuffix(const QString& name, const QString& suffix)
{
    if (!suffix.isEmpty() && name.endsWith(QLatin1Char('-') + suffix))
        return name.left(name.size() - suffix.size() - 1);
    return {};
}

} // namespace

bool InventoryBuilder::selectorMatches(const QJsonObject& selector, const QJsonObject& labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        const QJsonValue v = labels.value(it.key());
        if (v.isUndefined() || v.toVariant().toString() != it.value().toVariant().toString())
            return false;
    }
    return true;
}

QJsonObject InventoryBuilder::podTemplate(const QString& kind, const QJsonObject& body)
{
    if (kind == QLatin1String("Pod")) {
        QJsonObject t;
        t.insert(QLatin1String("metadata"), body.value(QLatin1String("metadata")));
        t.insert(QLatin1String("spec"), body.value(QLatin1String("spec")));
        return t;
    }
    const QJsonObject spec = obj(body, "spec");
    if (kind == QLatin1String("CronJob"))
        return obj(obj(obj(spec, "jobTemplate"), "spec"), "template");
    return obj(spec, "template");
}

Inventory InventoryBuilder::build(const QList<ManifestDocument>& objects)
{
    Inventory inv;
    QHash<QString, int> byKey; // "ns/Kind/name" -> object index, for owner look-ups
    QMap<QString, NamespaceInfo> namespaces;

    for (int i = 0; i < objects.size(); ++i) {
        const QJsonObject& body = objects[i].body;
        const QString kind = str(body, "kind");
        const QJsonObject meta = obj(body, "metadata");
        if (kind == QLatin1String("Namespace") && KubeKinds::groupOf(str(body, "apiVersion")).isEmpty()) {
            NamespaceInfo& n = namespaces[str(meta, "name")];
            n.name = str(meta, "name");
            n.object = i;
            n.labels = obj(meta, "labels");
            continue;
        }
        if (meta.contains(QLatin1String("namespace")) ||
            KubeKinds::isWorkload(KubeKinds::groupOf(str(body, "apiVersion")), kind)) {
            const QString ns = namespaceOf(body);
            if (!namespaces.contains(ns))
                namespaces[ns].name = ns;
        }
        byKey.insert(namespaceOf(body) + QLatin1Char('/') + kind + QLatin1Char('/') + str(meta, "name"), i);
    }

    // Workloads.
    QHash<QString, int> firstOfComponent; // component key -> index in inv.workloads (stand-in pods)
    for (int i = 0; i < objects.size(); ++i) {
        const QJsonObject& body = objects[i].body;
        const QString kind = str(body, "kind");
        const QString group = KubeKinds::groupOf(str(body, "apiVersion"));
        if (!KubeKinds::isWorkload(group, kind))
            continue;
        const QJsonObject meta = obj(body, "metadata");
        WorkloadInfo w;
        w.object = i;
        w.ns = namespaceOf(body);
        w.kind = kind;
        w.name = str(meta, "name");
        const Owner owner = controllerOwner(meta);
        w.ownerKind = owner.kind;
        w.ownerName = owner.name;
        w.peerName =
            (kind == QLatin1String("Pod") && !owner.kind.isEmpty())
                ? w.ns + QLatin1Char('/') + owner.name + QLatin1Char('[') + owner.kind + QLatin1Char(']')
                : w.ns + QLatin1Char('/') + w.name + QLatin1Char('[') + kind + QLatin1Char(']');

        const QJsonObject tmpl = podTemplate(kind, body);
        const QJsonObject tmeta = obj(tmpl, "metadata");
        const QJsonObject spec = obj(tmpl, "spec");
        w.podLabels = obj(tmeta, "labels");
        w.podAnnotations = obj(tmeta, "annotations");
        w.serviceAccount = str(spec, "serviceAccountName");
        if (w.serviceAccount.isEmpty())
            w.serviceAccount = str(spec, "serviceAccount");
        if (w.serviceAccount.isEmpty())
            w.serviceAccount = QStringLiteral("default");
        w.hostNetwork = spec.value(QLatin1String("hostNetwork")).toBool();
        w.hostPID = spec.value(QLatin1String("hostPID")).toBool();
        w.hostIPC = spec.value(QLatin1String("hostIPC")).toBool();
        w.podSecurityContext = obj(spec, "securityContext");
        w.volumes = arr(spec, "volumes");
        w.containers = containersOf(spec);
        const QJsonValue replicas = obj(body, "spec").value(QLatin1String("replicas"));
        w.replicas = replicas.isDouble() ? replicas.toInt() : 1;

        // Walk up the owners: present ones by look-up, absent ones by the naming rules of their
        // controllers (a ReplicaSet is <deployment>-<pod-template-hash>).
        QString topKind = kind;
        QString topName = w.name;
        QJsonObject curMeta = meta;
        QJsonObject curLabels = obj(meta, "labels");
        w.topLevel = true;
        for (int hops = 0; hops < 8; ++hops) {
            const Owner o = controllerOwner(curMeta);
            if (o.kind.isEmpty())
                break;
            const auto found = byKey.constFind(w.ns + QLatin1Char('/') + o.kind + QLatin1Char('/') + o.name);
            if (hops == 0 && found != byKey.constEnd())
                w.topLevel = false;
            if (found != byKey.constEnd()) {
                topKind = o.kind;
                topName = o.name;
                curMeta = obj(objects[*found].body, "metadata");
                curLabels = obj(curMeta, "labels");
                continue;
            }
            topKind = o.kind;
            topName = o.name;
            const QString hash = str(curLabels, "pod-template-hash");
            static const QRegularExpression cronSuffix(QStringLiteral("^(.+)-\\d{8,}$"));
            if (o.kind == QLatin1String("ReplicaSet") && !stripSuffix(o.name, hash).isEmpty()) {
                topKind = QStringLiteral("Deployment");
                topName = stripSuffix(o.name, hash);
            } else if (o.kind == QLatin1String("Job")) {
                const auto m = cronSuffix.match(o.name);
                if (m.hasMatch()) {
                    topKind = QStringLiteral("CronJob");
                    topName = m.captured(1);
                }
            }
            break;
        }
        if (topKind == QLatin1String("ReplicaSet") && topName == w.name && owner.kind.isEmpty()) {
            // A ReplicaSet without an owner reference keeps its own name.
        }
        w.componentKey = w.ns + QLatin1Char('/') + topKind + QLatin1Char('/') + topName;

        if (w.topLevel && kind == QLatin1String("Pod") && !owner.kind.isEmpty()) {
            // Pods whose owner is absent stand in for it: one workload per component, replicas counted.
            const auto it = firstOfComponent.constFind(w.componentKey);
            if (it != firstOfComponent.constEnd()) {
                w.topLevel = false;
                inv.workloads[*it].replicas += 1;
            } else {
                w.replicas = 1;
                firstOfComponent.insert(w.componentKey, static_cast<int>(inv.workloads.size()));
            }
        }
        inv.workloads << std::move(w);
    }

    // A stand-in pod whose component's own template is in the snapshot (a Deployment exported with its
    // pods but not its ReplicaSet) is that component, not a second workload.
    {
        QSet<QString> templates;
        for (const WorkloadInfo& w : std::as_const(inv.workloads))
            if (w.topLevel && w.kind != QLatin1String("Pod"))
                templates.insert(w.componentKey);
        for (WorkloadInfo& w : inv.workloads)
            if (w.topLevel && w.kind == QLatin1String("Pod") && !w.ownerKind.isEmpty() &&
                templates.contains(w.componentKey))
                w.topLevel = false;
    }

    // Services.
    for (int i = 0; i < objects.size(); ++i) {
        const QJsonObject& body = objects[i].body;
        if (str(body, "kind") != QLatin1String("Service") ||
            !KubeKinds::groupOf(str(body, "apiVersion")).isEmpty())
            continue;
        const QJsonObject meta = obj(body, "metadata");
        const QJsonObject spec = obj(body, "spec");
        ServiceInfo s;
        s.object = i;
        s.ns = namespaceOf(body);
        s.name = str(meta, "name");
        s.type = str(spec, "type");
        if (s.type.isEmpty())
            s.type = QStringLiteral("ClusterIP");
        s.selector = obj(spec, "selector");
        s.ports = arr(spec, "ports");
        s.clusterIP = str(spec, "clusterIP");
        for (const QJsonValue& ip : arr(spec, "externalIPs"))
            s.externalIPs << ip.toString();
        s.externalName = str(spec, "externalName");
        inv.services << s;
    }

    // Exposures. Top-level workloads indexed by namespace: a selector only looks at its own namespace.
    QHash<QString, QList<int>> topLevelByNs;
    for (int i = 0; i < inv.workloads.size(); ++i)
        if (inv.workloads[i].topLevel)
            topLevelByNs[inv.workloads[i].ns] << i;
    auto workloadsSelectedBy = [&](const QString& ns, const QJsonObject& selector, bool anyNamespace) {
        QStringList peers;
        if (selector.isEmpty())
            return peers;
        auto scan = [&](const QList<int>& indexes) {
            for (int i : indexes) {
                const WorkloadInfo& w = inv.workloads[i];
                if (selectorMatches(selector, w.podLabels) && !peers.contains(w.peerName))
                    peers << w.peerName;
            }
        };
        if (anyNamespace) {
            for (auto it = topLevelByNs.cbegin(); it != topLevelByNs.cend(); ++it)
                scan(it.value());
            peers.sort();
        } else {
            scan(topLevelByNs.value(ns));
        }
        return peers;
    };
    QHash<QString, int> serviceIndex;
    for (int i = 0; i < inv.services.size(); ++i)
        serviceIndex.insert(inv.services[i].ns + QLatin1Char('/') + inv.services[i].name, i);
    auto serviceByName = [&](const QString& ns, const QString& name) -> const ServiceInfo* {
        const auto it = serviceIndex.constFind(ns + QLatin1Char('/') + name);
        return it == serviceIndex.constEnd() ? nullptr : &inv.services[*it];
    };

    for (const ServiceInfo& s : std::as_const(inv.services)) {
        QStringList ports;
        QStringList nodePorts;
        for (const QJsonValue& pv : s.ports) {
            const QJsonObject p = pv.toObject();
            const QString proto =
                p.contains(QLatin1String("protocol")) ? str(p, "protocol") : QStringLiteral("TCP");
            ports << portString(p.value(QLatin1String("port"))) + QLatin1Char('/') + proto;
            if (p.contains(QLatin1String("nodePort")))
                nodePorts << portString(p.value(QLatin1String("nodePort"))) + QLatin1Char('/') + proto;
        }
        const QStringList reached = workloadsSelectedBy(s.ns, s.selector, false);
        ExposureInfo e;
        e.object = s.object;
        e.ns = s.ns;
        e.name = s.name;
        e.target = QStringLiteral("service/") + s.name;
        e.workloads = reached;
        if (s.type == QLatin1String("LoadBalancer")) {
            e.kind = QStringLiteral("LoadBalancer");
            e.port = ports.join(QLatin1Char(','));
            e.detail = QStringLiteral("Service of type LoadBalancer");
            inv.exposures << e;
        } else if (s.type == QLatin1String("NodePort")) {
            e.kind = QStringLiteral("NodePort");
            e.port = nodePorts.isEmpty() ? ports.join(QLatin1Char(',')) : nodePorts.join(QLatin1Char(','));
            e.detail = QStringLiteral("Service of type NodePort");
            inv.exposures << e;
        }
        if (!s.externalIPs.isEmpty()) {
            ExposureInfo x = e;
            x.kind = QStringLiteral("ExternalIP");
            x.host = s.externalIPs.join(QLatin1Char(','));
            x.port = ports.join(QLatin1Char(','));
            x.detail = QStringLiteral("Service externalIPs");
            inv.exposures << x;
        }
    }
    for (const WorkloadInfo& w : std::as_const(inv.workloads)) {
        if (!w.topLevel)
            continue;
        if (w.hostNetwork) {
            ExposureInfo e;
            e.object = w.object;
            e.kind = QStringLiteral("HostNetwork");
            e.ns = w.ns;
            e.name = w.name;
            e.target = w.peerName;
            e.workloads = QStringList{w.peerName};
            e.detail = QStringLiteral("pod uses the node's network namespace");
            inv.exposures << e;
        }
        for (const ContainerInfo& c : w.containers) {
            for (const QJsonValue& pv : c.ports) {
                const QJsonObject p = pv.toObject();
                if (!p.contains(QLatin1String("hostPort")))
                    continue;
                ExposureInfo e;
                e.object = w.object;
                e.kind = QStringLiteral("HostPort");
                e.ns = w.ns;
                e.name = w.name;
                e.target = w.peerName;
                e.workloads = QStringList{w.peerName};
                e.port = portString(p.value(QLatin1String("hostPort")));
                e.protocol = str(p, "protocol");
                e.detail = QStringLiteral("container %1 binds host port").arg(c.name);
                inv.exposures << e;
            }
        }
    }
    for (int i = 0; i < objects.size(); ++i) {
        const QJsonObject& body = objects[i].body;
        const QString kind = str(body, "kind");
        const QString group = KubeKinds::groupOf(str(body, "apiVersion"));
        const QJsonObject meta = obj(body, "metadata");
        const QJsonObject spec = obj(body, "spec");
        const QString ns = namespaceOf(body);
        auto addBackend = [&](const QString& exposureKind, const QString& host, const QString& path,
                              const QString& svc, const QString& port) {
            ExposureInfo e;
            e.object = i;
            e.kind = exposureKind;
            e.ns = ns;
            e.name = str(meta, "name");
            e.target = QStringLiteral("service/") + svc;
            if (const ServiceInfo* s = serviceByName(ns, svc))
                e.workloads = workloadsSelectedBy(ns, s->selector, false);
            e.host = host;
            e.port = port;
            e.protocol = QStringLiteral("TCP");
            e.detail = path.isEmpty() ? QString() : QStringLiteral("path ") + path;
            inv.exposures << e;
        };
        if (kind == QLatin1String("Ingress") &&
            (group == QLatin1String("networking.k8s.io") || group == QLatin1String("extensions"))) {
            auto backendOf = [](const QJsonObject& b) -> std::pair<QString, QString> {
                if (b.contains(QLatin1String("service"))) {
                    const QJsonObject s = obj(b, "service");
                    const QJsonObject p = obj(s, "port");
                    return {str(s, "name"), p.contains(QLatin1String("number"))
                                                ? portString(p.value(QLatin1String("number")))
                                                : str(p, "name")};
                }
                return {str(b, "serviceName"), portString(b.value(QLatin1String("servicePort")))};
            };
            QJsonObject def = obj(spec, "defaultBackend");
            if (def.isEmpty())
                def = obj(spec, "backend");
            if (!def.isEmpty()) {
                const auto [svc, port] = backendOf(def);
                addBackend(QStringLiteral("Ingress"), QStringLiteral("*"), QString(), svc, port);
            }
            for (const QJsonValue& rv : arr(spec, "rules")) {
                const QJsonObject rule = rv.toObject();
                const QString host =
                    rule.contains(QLatin1String("host")) ? str(rule, "host") : QStringLiteral("*");
                for (const QJsonValue& pv : arr(obj(rule, "http"), "paths")) {
                    const QJsonObject p = pv.toObject();
                    const auto [svc, port] = backendOf(obj(p, "backend"));
                    addBackend(QStringLiteral("Ingress"), host, str(p, "path"), svc, port);
                }
            }
        } else if (kind == QLatin1String("Route") && group == QLatin1String("route.openshift.io")) {
            const QJsonObject to = obj(spec, "to");
            addBackend(QStringLiteral("Route"), str(spec, "host"), str(spec, "path"), str(to, "name"),
                       portString(obj(spec, "port").value(QLatin1String("targetPort"))));
        } else if (kind == QLatin1String("Gateway") && group == QLatin1String("networking.istio.io")) {
            const QStringList reached = workloadsSelectedBy(ns, obj(spec, "selector"), true);
            for (const QJsonValue& sv : arr(spec, "servers")) {
                const QJsonObject server = sv.toObject();
                const QJsonObject port = obj(server, "port");
                QStringList hosts;
                for (const QJsonValue& h : arr(server, "hosts"))
                    hosts << h.toString();
                ExposureInfo e;
                e.object = i;
                e.kind = QStringLiteral("IstioGateway");
                e.ns = ns;
                e.name = str(meta, "name");
                e.target = reached.isEmpty() ? QStringLiteral("(no gateway workload matches the selector)")
                                             : reached.join(QLatin1Char(','));
                e.workloads = reached;
                e.host = hosts.join(QLatin1Char(','));
                e.port = portString(port.value(QLatin1String("number")));
                e.protocol = str(port, "protocol");
                const QString tls = str(obj(server, "tls"), "mode");
                e.detail = tls.isEmpty() ? QStringLiteral("no TLS") : QStringLiteral("TLS ") + tls;
                inv.exposures << e;
            }
        } else if (kind == QLatin1String("Gateway") && group == QLatin1String("gateway.networking.k8s.io")) {
            for (const QJsonValue& lv : arr(spec, "listeners")) {
                const QJsonObject l = lv.toObject();
                ExposureInfo e;
                e.object = i;
                e.kind = QStringLiteral("Gateway");
                e.ns = ns;
                e.name = str(meta, "name");
                e.target = QStringLiteral("gatewayClass/") + str(spec, "gatewayClassName");
                e.host = str(l, "hostname");
                e.port = portString(l.value(QLatin1String("port")));
                e.protocol = str(l, "protocol");
                e.detail = QStringLiteral("Gateway API listener ") + str(l, "name");
                inv.exposures << e;
            }
        }
    }

    for (const NamespaceInfo& n : std::as_const(namespaces))
        inv.namespaces << n;
    qCDebug(lcInventory) << inv.workloads.size() << "workloads" << inv.services.size() << "services"
                         << inv.exposures.size() << "exposures";
    return inv;
}

} // namespace tollgate
