#include "controls/checks/Checks.h"
#include "kube/LabelSelector.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace tollgate::checks {

namespace {

// The mesh report row of each template, by peer name.
QHash<QString, QJsonObject> meshRows(const CheckContext& ctx)
{
    QHash<QString, QJsonObject> rows;
    for (const QJsonObject& r : ctx.meshReport())
        rows.insert(r.value(QLatin1String("workload")).toString(), r);
    return rows;
}

CheckEmitter::Subject clusterSubject()
{
    CheckEmitter::Subject s;
    s.kind = QStringLiteral("cluster");
    s.name = QStringLiteral("cluster");
    return s;
}

CheckEmitter::Subject objectSubject(const CheckContext& ctx, int i)
{
    const QJsonObject meta = ctx.objects.at(i).body.value(QLatin1String("metadata")).toObject();
    CheckEmitter::Subject s;
    s.kind = QStringLiteral("object");
    s.ns = meta.value(QLatin1String("namespace")).toString();
    s.name = (s.ns.isEmpty() ? QString() : s.ns + QLatin1Char('/')) +
             ctx.objects.at(i).body.value(QLatin1String("kind")).toString() + QLatin1Char('/') +
             meta.value(QLatin1String("name")).toString();
    s.where = ctx.where(i);
    s.line = ctx.lineOf(i);
    return s;
}

// Namespaces with at least one injected template: where the mesh controls apply.
QStringList meshNamespaces(const CheckContext& ctx)
{
    QStringList out;
    for (const WorkloadInfo* w : ctx.templates())
        if (ctx.mesh.injected(*w) && !out.contains(w->ns))
            out << w->ns;
    out.sort();
    return out;
}

} // namespace

void meshMtls(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    if (!ctx.mesh.hasMesh()) {
        out.open(clusterSubject(),
                 QStringLiteral("the snapshot has no Istio mesh (no injected workload, no mesh policy): "
                                "no workload-to-workload traffic is mutually authenticated or encrypted"));
        return;
    }
    const QHash<QString, QJsonObject> rows = meshRows(ctx);
    for (const WorkloadInfo* w : ctx.templates()) {
        const QJsonObject r = rows.value(w->peerName);
        const QString head =
            QStringLiteral("%1 %2/%3 (%4)").arg(w->kind, w->ns, w->name, ctx.where(w->object));
        if (!r.value(QLatin1String("injected")).toBool()) {
            out.open(subjectOf(ctx, *w),
                     head + QStringLiteral(": no sidecar (%1): its traffic is outside the mesh")
                                .arg(r.value(QLatin1String("injection")).toString()));
            continue;
        }
        QStringList weak;
        const QString mode = r.value(QLatin1String("mode")).toString();
        if (mode != QLatin1String("STRICT"))
            weak << QStringLiteral("server mode %1 (%2)")
                        .arg(mode, r.value(QLatin1String("mode_source")).toString());
        const QJsonObject ports = r.value(QLatin1String("port_modes")).toObject();
        for (auto it = ports.begin(); it != ports.end(); ++it)
            if (it.value().toString() != QLatin1String("STRICT"))
                weak << QStringLiteral("port %1 %2").arg(it.key(), it.value().toString());
        if (weak.isEmpty())
            out.pass(subjectOf(ctx, *w), head + QStringLiteral(": injected, STRICT on every port"));
        else
            out.open(subjectOf(ctx, *w), head + QStringLiteral(": ") + weak.join(QStringLiteral("; ")));
    }
    // A client that turns mTLS off is as bad as a server that accepts plaintext.
    for (int i : ctx.objectsOf(QStringLiteral("DestinationRule"), QStringLiteral("networking.istio.io"))) {
        const QJsonObject tp = ctx.objects.at(i)
                                   .body.value(QLatin1String("spec"))
                                   .toObject()
                                   .value(QLatin1String("trafficPolicy"))
                                   .toObject();
        QStringList off;
        if (tp.value(QLatin1String("tls")).toObject().value(QLatin1String("mode")).toString() ==
            QLatin1String("DISABLE"))
            off << QStringLiteral("trafficPolicy.tls.mode DISABLE");
        for (const QJsonValue& p : tp.value(QLatin1String("portLevelSettings")).toArray())
            if (p.toObject().value(QLatin1String("tls")).toObject().value(QLatin1String("mode")).toString() ==
                QLatin1String("DISABLE"))
                off << QStringLiteral("port %1 tls.mode DISABLE")
                           .arg(p.toObject()
                                    .value(QLatin1String("port"))
                                    .toObject()
                                    .value(QLatin1String("number"))
                                    .toInt());
        if (!off.isEmpty())
            out.open(objectSubject(ctx, i),
                     QStringLiteral("DestinationRule %1 (%2): %3; clients send plaintext")
                         .arg(objectSubject(ctx, i).name, ctx.where(i), off.join(QStringLiteral(", "))));
    }
}

void meshAuthzDefaultDeny(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    const QString root = ctx.mesh.rootNamespace();
    QString meshWide;
    QHash<QString, QString> perNs;
    for (int i : ctx.objectsOf(QStringLiteral("AuthorizationPolicy"), QStringLiteral("security.istio.io"))) {
        const QJsonObject& body = ctx.objects.at(i).body;
        const QJsonObject spec = body.value(QLatin1String("spec")).toObject();
        const QString action = spec.value(QLatin1String("action")).toString(QStringLiteral("ALLOW"));
        const QJsonObject sel = spec.value(QLatin1String("selector")).toObject();
        const bool selectsAll = sel.value(QLatin1String("matchLabels")).toObject().isEmpty();
        if (action != QLatin1String("ALLOW") || !selectsAll ||
            !spec.value(QLatin1String("rules")).toArray().isEmpty())
            continue;
        const QString ns =
            body.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
        const QString what =
            QStringLiteral("AuthorizationPolicy %1/%2 (%3) allows nothing")
                .arg(ns,
                     body.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(),
                     ctx.where(i));
        if (ns == root)
            meshWide = what + QStringLiteral(" mesh-wide");
        else
            perNs.insert(ns, what);
    }
    const QStringList namespaces = meshNamespaces(ctx);
    if (namespaces.isEmpty()) {
        out.open(clusterSubject(),
                 QStringLiteral("no namespace has injected workloads: no mesh authorization at all"));
        return;
    }
    for (const QString& ns : namespaces) {
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("namespace");
        s.name = ns;
        s.ns = ns;
        const QString found = perNs.value(ns, meshWide);
        if (found.isEmpty())
            out.open(s,
                     QStringLiteral(
                         "mesh namespace %1 has no default-deny AuthorizationPolicy (an ALLOW policy with an "
                         "empty spec, here or in %2): every authenticated caller is let in")
                         .arg(ns, root));
        else
            out.pass(s, found);
    }
}

void meshAccessLog(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    const QStringList namespaces = meshNamespaces(ctx);
    if (namespaces.isEmpty()) {
        out.open(clusterSubject(),
                 QStringLiteral("no mesh: there is no access log of service-to-service traffic"));
        return;
    }
    QHash<QString, QString> logging;
    for (const QJsonObject& r : ctx.meshReport())
        if (r.value(QLatin1String("injected")).toBool())
            logging.insert(r.value(QLatin1String("namespace")).toString(),
                           r.value(QLatin1String("access_logging")).toString());
    for (const QString& ns : namespaces) {
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("namespace");
        s.name = ns;
        s.ns = ns;
        const QString how = logging.value(ns, QStringLiteral("off"));
        if (how == QLatin1String("off"))
            out.open(s, QStringLiteral(
                            "mesh namespace %1: no Telemetry accessLogging and no meshConfig.accessLogFile")
                            .arg(ns));
        else
            out.pass(s, QStringLiteral("mesh namespace %1: access logging by %2").arg(ns, how));
    }
}

void gatewayEntry(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    static const QStringList direct = {QStringLiteral("LoadBalancer"), QStringLiteral("NodePort"),
                                       QStringLiteral("ExternalIP"), QStringLiteral("HostPort")};
    for (const ExposureInfo& e : ctx.inventory.exposures) {
        if (!direct.contains(e.kind) || ctx.tailoring.exempt(e.ns))
            continue;
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("object");
        s.ns = e.ns;
        s.name = e.ns + QLatin1Char('/') + e.name;
        s.where = ctx.where(e.object);
        s.line = ctx.lineOf(e.object);
        const QString what = QStringLiteral("%1 %2/%3 (%4) port %5 -> %6")
                                 .arg(e.kind, e.ns, e.name, ctx.where(e.object), e.port, e.target);
        if (ctx.tailoring.approvedGateways.contains(e.ns + QLatin1Char('/') + e.name))
            out.pass(s, what + QStringLiteral(": the approved gateway"));
        else
            out.open(s, what + QStringLiteral(": a way in that bypasses the approved gateway (%1)")
                                   .arg(ctx.tailoring.approvedGateways.join(QStringLiteral(", "))));
    }
}

void gatewayAuthn(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    const QList<int> gateways =
        ctx.objectsOf(QStringLiteral("Gateway"), QStringLiteral("networking.istio.io"));
    if (gateways.isEmpty()) {
        CheckEmitter::Subject s = clusterSubject();
        out.open(s, QStringLiteral(
                        "no Istio Gateway in the snapshot: there is no authenticated entry point to check"));
        return;
    }
    const QList<int> reqAuth =
        ctx.objectsOf(QStringLiteral("RequestAuthentication"), QStringLiteral("security.istio.io"));
    const QList<int> authz =
        ctx.objectsOf(QStringLiteral("AuthorizationPolicy"), QStringLiteral("security.istio.io"));
    for (int g : gateways) {
        const QJsonObject spec = ctx.objects.at(g).body.value(QLatin1String("spec")).toObject();
        const QJsonObject selector = spec.value(QLatin1String("selector")).toObject();
        QStringList problems;
        for (const QJsonValue& sv : spec.value(QLatin1String("servers")).toArray()) {
            const QJsonObject server = sv.toObject();
            const QJsonObject port = server.value(QLatin1String("port")).toObject();
            const QString proto = port.value(QLatin1String("protocol")).toString().toUpper();
            const QString mode =
                server.value(QLatin1String("tls")).toObject().value(QLatin1String("mode")).toString();
            const bool redirect =
                server.value(QLatin1String("tls")).toObject().value(QLatin1String("httpsRedirect")).toBool();
            if ((proto == QLatin1String("HTTP") || proto == QLatin1String("TCP") || mode.isEmpty()) &&
                !redirect && proto != QLatin1String("HTTPS") && proto != QLatin1String("TLS"))
                problems << QStringLiteral("server on port %1 (%2) has no TLS")
                                .arg(port.value(QLatin1String("number")).toInt())
                                .arg(proto);
        }
        // Policies that select the gateway's pods (matching its selector labels), in any namespace
        // where the gateway workload runs; the mesh root namespace applies to all.
        auto selectsGateway = [&](int i) {
            const QJsonObject sel = ctx.objects.at(i)
                                        .body.value(QLatin1String("spec"))
                                        .toObject()
                                        .value(QLatin1String("selector"))
                                        .toObject();
            const QJsonObject labels = sel.value(QLatin1String("matchLabels")).toObject();
            for (auto it = labels.begin(); it != labels.end(); ++it)
                if (selector.value(it.key()) != it.value())
                    return false;
            return !labels.isEmpty() || ctx.objects.at(i)
                                                .body.value(QLatin1String("metadata"))
                                                .toObject()
                                                .value(QLatin1String("namespace"))
                                                .toString() == ctx.mesh.rootNamespace();
        };
        bool hasRa = false;
        for (int i : reqAuth)
            hasRa = hasRa || selectsGateway(i);
        bool requiresToken = false;
        for (int i : authz) {
            if (!selectsGateway(i))
                continue;
            const QString text = QString::fromUtf8(
                QJsonDocument(ctx.objects.at(i).body.value(QLatin1String("spec")).toObject())
                    .toJson(QJsonDocument::Compact));
            requiresToken = requiresToken || text.contains(QLatin1String("equestPrincipals"));
        }
        if (!hasRa)
            problems << QStringLiteral("no RequestAuthentication selects the gateway's pods");
        if (!requiresToken)
            problems << QStringLiteral("no AuthorizationPolicy on the gateway requires requestPrincipals "
                                       "(RequestAuthentication alone rejects nothing)");
        const CheckEmitter::Subject s = objectSubject(ctx, g);
        if (problems.isEmpty())
            out.pass(s, QStringLiteral("Gateway %1 (%2): TLS on every server, token required")
                            .arg(s.name, ctx.where(g)));
        else
            out.open(s, QStringLiteral("Gateway %1 (%2):\n%3")
                            .arg(s.name, ctx.where(g), problems.join(QLatin1Char('\n'))));
    }
}

void meshCircuitBreaker(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    const QHash<QString, QJsonObject> rows = meshRows(ctx);
    for (const WorkloadInfo* w : ctx.templates()) {
        const QJsonObject r = rows.value(w->peerName);
        if (!r.value(QLatin1String("injected")).toBool() ||
            !r.value(QLatin1String("circuit_breaker")).isBool())
            continue; // not a mesh service
        const QString head =
            QStringLiteral("%1 %2/%3 (%4) serving %5")
                .arg(
                    w->kind, w->ns, w->name, ctx.where(w->object),
                    r.value(QLatin1String("services")).toVariant().toStringList().join(QStringLiteral(", ")));
        if (r.value(QLatin1String("circuit_breaker")).toBool())
            out.pass(subjectOf(ctx, *w), head + QStringLiteral(": ") +
                                             r.value(QLatin1String("circuit_breakers"))
                                                 .toVariant()
                                                 .toStringList()
                                                 .join(QStringLiteral("; ")));
        else
            out.open(subjectOf(ctx, *w),
                     head + QStringLiteral(": no DestinationRule with outlierDetection for its service"));
    }
}

} // namespace tollgate::checks
