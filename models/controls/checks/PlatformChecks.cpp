#include "controls/checks/Checks.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace tollgate::checks {

namespace {

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

CheckEmitter::Subject cluster()
{
    CheckEmitter::Subject s;
    s.kind = QStringLiteral("cluster");
    s.name = QStringLiteral("cluster");
    return s;
}

const QStringList& defaultNamespaces()
{
    static const QStringList n = {QStringLiteral("default"), QStringLiteral("kube-public"),
                                  QStringLiteral("kube-node-lease")};
    return n;
}

} // namespace

void secretStore(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    static const QStringList exemptTypes = {
        QStringLiteral("kubernetes.io/tls"), QStringLiteral("kubernetes.io/service-account-token"),
        QStringLiteral("helm.sh/release.v1"), QStringLiteral("kubernetes.io/dockerconfigjson")};
    static const QStringList managers = {
        QStringLiteral("SealedSecret"), QStringLiteral("ExternalSecret"), QStringLiteral("VaultStaticSecret"),
        QStringLiteral("VaultDynamicSecret"), QStringLiteral("VaultPKISecret")};
    for (int i : ctx.objectsOf(QStringLiteral("Secret"))) {
        const QJsonObject& body = ctx.objects.at(i).body;
        const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
        if (ctx.tailoring.exempt(meta.value(QLatin1String("namespace")).toString()))
            continue;
        const QString type = body.value(QLatin1String("type")).toString(QStringLiteral("Opaque"));
        const CheckEmitter::Subject s = objectSubject(ctx, i);
        if (exemptTypes.contains(type)) {
            out.pass(
                s,
                QStringLiteral("Secret %1 (%2) of type %3: exempt by type").arg(s.name, ctx.where(i), type));
            continue;
        }
        QString owner;
        for (const QJsonValue& o : meta.value(QLatin1String("ownerReferences")).toArray())
            if (managers.contains(o.toObject().value(QLatin1String("kind")).toString()))
                owner = o.toObject().value(QLatin1String("kind")).toString() + QLatin1Char('/') +
                        o.toObject().value(QLatin1String("name")).toString();
        const QString marks =
            QString::fromUtf8(QJsonDocument(meta.value(QLatin1String("annotations")).toObject())
                                  .toJson(QJsonDocument::Compact)) +
            QString::fromUtf8(
                QJsonDocument(meta.value(QLatin1String("labels")).toObject()).toJson(QJsonDocument::Compact));
        if (owner.isEmpty() && (marks.contains(QLatin1String("sealedsecrets.bitnami.com")) ||
                                marks.contains(QLatin1String("external-secrets.io")) ||
                                marks.contains(QLatin1String("vault.hashicorp.com"))))
            owner = QStringLiteral("a secret manager's annotation");
        if (!owner.isEmpty())
            out.pass(s, QStringLiteral("Secret %1 (%2) is managed by %3").arg(s.name, ctx.where(i), owner));
        else
            out.open(
                s,
                QStringLiteral(
                    "Secret %1 (%2), type %3, is a plain Secret written by hand (no SealedSecret, External "
                    "Secrets or Vault owner)")
                    .arg(s.name, ctx.where(i), type));
    }
}

void admissionEnforce(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    // The runtime rules an enforcing admission policy must cover, and words that show a policy does.
    const QList<QPair<QString, QStringList>> topics = {
        {QStringLiteral("privileged containers"), {QStringLiteral("privileged")}},
        {QStringLiteral("non-root"),
         {QStringLiteral("runAsNonRoot"), QStringLiteral("run-as-non-root"), QStringLiteral("runasnonroot")}},
        {QStringLiteral("capabilities"), {QStringLiteral("capabilities"), QStringLiteral("Capabilities")}},
        {QStringLiteral("host namespaces and paths"),
         {QStringLiteral("hostNetwork"), QStringLiteral("hostPID"), QStringLiteral("host-namespaces"),
          QStringLiteral("HostNamespace"), QStringLiteral("hostPath"), QStringLiteral("host-path")}},
        {QStringLiteral("image registries"),
         {QStringLiteral("registry"), QStringLiteral("AllowedRepos"), QStringLiteral("allowed-base-images"),
          QStringLiteral("image-registr"), QStringLiteral("verifyImages")}},
    };
    QStringList enforcing;
    QStringList auditOnly;
    QString text; // every enforcing policy, searched for the topics
    for (int i = 0; i < ctx.objects.size(); ++i) {
        const QJsonObject& body = ctx.objects.at(i).body;
        const QString api = body.value(QLatin1String("apiVersion")).toString();
        const QString kind = body.value(QLatin1String("kind")).toString();
        const QJsonObject spec = body.value(QLatin1String("spec")).toObject();
        const QString name =
            body.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        bool enforce = false;
        if (api.startsWith(QLatin1String("kyverno.io/")) &&
            (kind == QLatin1String("ClusterPolicy") || kind == QLatin1String("Policy"))) {
            const QString action = spec.value(QLatin1String("validationFailureAction")).toString();
            const QString specText = QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Compact));
            enforce = action.compare(QLatin1String("Enforce"), Qt::CaseInsensitive) == 0 ||
                      specText.contains(QLatin1String("\"failureAction\":\"Enforce\""));
        } else if (api.startsWith(QLatin1String("constraints.gatekeeper.sh/"))) {
            const QString action =
                spec.value(QLatin1String("enforcementAction")).toString(QStringLiteral("deny"));
            enforce = action == QLatin1String("deny");
        } else {
            continue;
        }
        const QString label =
            kind + QLatin1Char('/') + name + QStringLiteral(" (") + ctx.where(i) + QLatin1Char(')');
        if (enforce) {
            enforcing << label;
            text += kind + QLatin1Char(' ') + name + QLatin1Char(' ') +
                    QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
        } else {
            auditOnly << label;
        }
    }
    QStringList covered;
    QStringList missing;
    for (const auto& [topic, words] : topics) {
        bool hit = false;
        for (const QString& w : words)
            hit = hit || text.contains(w, Qt::CaseInsensitive);
        (hit ? covered : missing) << topic;
    }
    QString evidence =
        QStringLiteral("enforcing policies: %1")
            .arg(enforcing.isEmpty() ? QStringLiteral("none") : enforcing.join(QStringLiteral(", ")));
    if (!auditOnly.isEmpty())
        evidence += QStringLiteral("\naudit only (not enforcing): ") + auditOnly.join(QStringLiteral(", "));
    evidence += QStringLiteral("\ncovered: %1")
                    .arg(covered.isEmpty() ? QStringLiteral("nothing") : covered.join(QStringLiteral(", ")));
    if (missing.isEmpty())
        out.pass(cluster(), evidence);
    else
        out.open(cluster(), evidence + QStringLiteral("\nnot covered by an enforcing policy: ") +
                                missing.join(QStringLiteral(", ")));
}

void namespaceDefault(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    int found = 0;
    for (int i = 0; i < ctx.objects.size(); ++i) {
        const QJsonObject& body = ctx.objects.at(i).body;
        const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
        const QString ns = meta.value(QLatin1String("namespace")).toString();
        if (!defaultNamespaces().contains(ns))
            continue;
        const QString kind = body.value(QLatin1String("kind")).toString();
        const QString name = meta.value(QLatin1String("name")).toString();
        // What Kubernetes itself puts there.
        if ((kind == QLatin1String("Service") || kind == QLatin1String("Endpoints") ||
             kind == QLatin1String("EndpointSlice")) &&
            name.startsWith(QLatin1String("kubernetes")))
            continue;
        if ((kind == QLatin1String("ServiceAccount") && name == QLatin1String("default")) ||
            (kind == QLatin1String("ConfigMap") && name == QLatin1String("kube-root-ca.crt")) ||
            kind == QLatin1String("Lease") || kind == QLatin1String("Event"))
            continue;
        ++found;
        const CheckEmitter::Subject s = objectSubject(ctx, i);
        out.open(
            s,
            QStringLiteral("%1 (%2) is a user resource in the %3 namespace").arg(s.name, ctx.where(i), ns));
    }
    if (found == 0)
        out.pass(cluster(),
                 QStringLiteral("nothing but service/kubernetes in default, kube-public, kube-node-lease"));
}

void namespaceSystem(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    static const QStringList system = {QStringLiteral("kube-system"), QStringLiteral("kube-public"),
                                       QStringLiteral("kube-node-lease")};
    // Platform components are recognised by their well-known names or labels; anything else is a user
    // workload (a heuristic, said in the evidence).
    static const QStringList known = {
        QStringLiteral("coredns"),        QStringLiteral("kube-dns"),
        QStringLiteral("kube-proxy"),     QStringLiteral("etcd"),
        QStringLiteral("kube-apiserver"), QStringLiteral("kube-controller-manager"),
        QStringLiteral("kube-scheduler"), QStringLiteral("metrics-server"),
        QStringLiteral("calico"),         QStringLiteral("cilium"),
        QStringLiteral("aws-node"),       QStringLiteral("ebs-csi"),
        QStringLiteral("konnectivity"),   QStringLiteral("cloud-controller-manager"),
        QStringLiteral("kindnet"),        QStringLiteral("storage-provisioner"),
        QStringLiteral("canal"),          QStringLiteral("flannel")};
    int found = 0;
    for (const WorkloadInfo& w : ctx.inventory.workloads) {
        if (!w.topLevel || !system.contains(w.ns))
            continue;
        bool platform = w.podLabels.contains(QLatin1String("k8s-app")) ||
                        w.podLabels.value(QLatin1String("tier")).toString() == QLatin1String("control-plane");
        for (const QString& k : known)
            platform = platform || w.name.startsWith(k);
        if (platform)
            continue;
        ++found;
        out.open(subjectOf(ctx, w),
                 QStringLiteral("%1 %2/%3 (%4) is not a known platform component (no k8s-app label, not a "
                                "well-known name): a user workload in a system namespace")
                     .arg(w.kind, w.ns, w.name, ctx.where(w.object)));
    }
    if (found == 0)
        out.pass(cluster(), QStringLiteral("no user workload in kube-system, kube-public, kube-node-lease"));
}

void rbacLeast(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    // Roles with wildcards, by "ns/name" (ClusterRoles with an empty namespace).
    QHash<QString, QString> wildcard;
    for (const QString& kind : {QStringLiteral("Role"), QStringLiteral("ClusterRole")})
        for (int i : ctx.objectsOf(kind, QStringLiteral("rbac.authorization.k8s.io"))) {
            const QJsonObject& body = ctx.objects.at(i).body;
            const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
            for (const QJsonValue& r : body.value(QLatin1String("rules")).toArray()) {
                const QJsonObject rule = r.toObject();
                if (rule.value(QLatin1String("verbs")).toArray().contains(QJsonValue(QStringLiteral("*"))) ||
                    rule.value(QLatin1String("resources"))
                        .toArray()
                        .contains(QJsonValue(QStringLiteral("*"))))
                    wildcard.insert(
                        kind + QLatin1Char(':') +
                            (kind == QLatin1String("Role")
                                 ? meta.value(QLatin1String("namespace")).toString() + QLatin1Char('/')
                                 : QString()) +
                            meta.value(QLatin1String("name")).toString(),
                        ctx.where(i));
            }
        }
    // Service accounts the workloads run as.
    QMap<QString, QStringList> saUsers; // ns/sa -> workloads (ordered: results come out the same every run)
    for (const WorkloadInfo* w : ctx.templates())
        saUsers[w->ns + QLatin1Char('/') +
                (w->serviceAccount.isEmpty() ? QStringLiteral("default") : w->serviceAccount)]
            << CheckContext::keyOf(*w);
    int problems = 0;
    for (const QString& kind : {QStringLiteral("RoleBinding"), QStringLiteral("ClusterRoleBinding")})
        for (int i : ctx.objectsOf(kind, QStringLiteral("rbac.authorization.k8s.io"))) {
            const QJsonObject& body = ctx.objects.at(i).body;
            const QString bindingNs =
                body.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
            const QJsonObject ref = body.value(QLatin1String("roleRef")).toObject();
            const QString roleKind = ref.value(QLatin1String("kind")).toString();
            const QString roleName = ref.value(QLatin1String("name")).toString();
            const QString roleKey =
                roleKind + QLatin1Char(':') +
                (roleKind == QLatin1String("Role") ? bindingNs + QLatin1Char('/') : QString()) + roleName;
            for (const QJsonValue& sv : body.value(QLatin1String("subjects")).toArray()) {
                const QJsonObject subj = sv.toObject();
                if (subj.value(QLatin1String("kind")).toString() != QLatin1String("ServiceAccount"))
                    continue;
                const QString sa = subj.value(QLatin1String("namespace")).toString(bindingNs) +
                                   QLatin1Char('/') + subj.value(QLatin1String("name")).toString();
                if (ctx.tailoring.exempt(sa.section(QLatin1Char('/'), 0, 0)))
                    continue;
                const CheckEmitter::Subject s = objectSubject(ctx, i);
                if (roleName == QLatin1String("cluster-admin")) {
                    ++problems;
                    out.open(s, QStringLiteral("%1 (%2) binds cluster-admin to service account %3")
                                    .arg(s.name, ctx.where(i), sa));
                } else if (wildcard.contains(roleKey) && saUsers.contains(sa)) {
                    ++problems;
                    out.open(s, QStringLiteral("%1 (%2) gives %3 (%4) with wildcard verbs or resources to "
                                               "service account %5, used by %6")
                                    .arg(s.name, ctx.where(i), roleKey, wildcard.value(roleKey), sa,
                                         saUsers.value(sa).join(QStringLiteral(", "))));
                }
            }
        }
    for (auto it = saUsers.cbegin(); it != saUsers.cend(); ++it) {
        if (it.key().endsWith(QLatin1String("/default"))) {
            // The namespace's default account: shared by design with anything that names none.
            for (const QString& w : it.value()) {
                ++problems;
                CheckEmitter::Subject s;
                s.kind = QStringLiteral("workload");
                s.name = w;
                s.workloadKey = w;
                s.ns = it.key().section(QLatin1Char('/'), 0, 0);
                out.open(s,
                         QStringLiteral(
                             "%1 runs as the namespace's default service account %2 (spec.serviceAccountName "
                             "unset or default): its identity is not its own")
                             .arg(w, it.key()));
            }
            continue;
        }
        if (it.value().size() < 2)
            continue;
        ++problems;
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("service account");
        s.name = it.key();
        s.ns = it.key().section(QLatin1Char('/'), 0, 0);
        out.open(s, QStringLiteral("service account %1 is shared by %2 workloads: %3")
                        .arg(it.key())
                        .arg(it.value().size())
                        .arg(it.value().join(QStringLiteral(", "))));
    }
    if (problems == 0)
        out.pass(cluster(), QStringLiteral("no cluster-admin or wildcard role for workload service accounts; "
                                           "one service account per workload"));
}

void dashboard(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    int found = 0;
    for (const WorkloadInfo& w : ctx.inventory.workloads) {
        if (!w.topLevel)
            continue;
        bool hit = w.name.contains(QLatin1String("kubernetes-dashboard"));
        for (const ContainerInfo& c : w.containers)
            hit = hit || c.image.repository().contains(QLatin1String("kubernetesui/dashboard")) ||
                  c.image.repository().endsWith(QLatin1String("kubernetes-dashboard"));
        if (!hit)
            continue;
        ++found;
        out.open(subjectOf(ctx, w), QStringLiteral("%1 %2/%3 (%4) is the Kubernetes dashboard")
                                        .arg(w.kind, w.ns, w.name, ctx.where(w.object)));
    }
    if (found == 0)
        out.pass(cluster(), QStringLiteral("no Kubernetes dashboard deployment"));
}

void scanCoverage(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    QMap<QString, QPair<const ContainerInfo*, QStringList>> images; // reference -> container, workloads
    for (const WorkloadInfo* w : ctx.templates())
        for (const ContainerInfo& c : w->containers) {
            auto& entry = images[c.image.reference()];
            entry.first = &c;
            entry.second << CheckContext::keyOf(*w);
        }
    for (auto it = images.cbegin(); it != images.cend(); ++it) {
        const ImageRef& ref = it.value().first->image;
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("image");
        s.name = ref.reference();
        s.imageRef = ref.reference();
        QDateTime when;
        QString how;
        if (!ref.digest().isEmpty() && ctx.scannedDigests.contains(ref.digest())) {
            when = ctx.scannedDigests.value(ref.digest());
            how = QStringLiteral("by digest");
        } else {
            const QString key =
                ref.name() + QLatin1Char(':') + (ref.tag().isEmpty() ? QStringLiteral("latest") : ref.tag());
            if (ctx.scannedRefs.contains(key)) {
                when = ctx.scannedRefs.value(key);
                how = QStringLiteral("by reference (no digest match)");
            }
        }
        const QString users =
            QStringLiteral(" (used by %1)").arg(it.value().second.join(QStringLiteral(", ")));
        if (!when.isValid()) {
            out.open(s, QStringLiteral("no vulnerability scan of %1 in the workspace").arg(ref.reference()) +
                            users);
            continue;
        }
        const qint64 age = when.daysTo(ctx.now);
        const QString seen =
            QStringLiteral("scanned %1 (%2 days ago) %3").arg(when.toString(Qt::ISODate)).arg(age).arg(how);
        if (age > ctx.tailoring.scanMaxAgeDays)
            out.open(s, seen +
                            QStringLiteral(": older than the program's limit of %1 days")
                                .arg(ctx.tailoring.scanMaxAgeDays) +
                            users);
        else
            out.pass(s, seen + users);
    }
}

void sspDocumented(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    for (const WorkloadInfo* w : ctx.templates()) {
        if (!ctx.hasBaseline) {
            out.open(
                subjectOf(ctx, *w),
                QStringLiteral(
                    "component %1: the workspace has no approved baseline, so no component is documented yet")
                    .arg(w->componentKey));
        } else if (ctx.baselineComponents.contains(w->componentKey)) {
            out.pass(subjectOf(ctx, *w),
                     QStringLiteral("component %1 is in the approved baseline").arg(w->componentKey));
        } else {
            out.open(subjectOf(ctx, *w), QStringLiteral("component %1 (%2) is not in the approved baseline")
                                             .arg(w->componentKey, ctx.where(w->object)));
        }
    }
}

void docContract(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    for (const ServiceInfo& svc : ctx.inventory.services) {
        if (ctx.tailoring.exempt(svc.ns) ||
            (svc.ns == QLatin1String("default") && svc.name == QLatin1String("kubernetes")))
            continue;
        const QJsonObject annotations = svc.object >= 0 ? ctx.objects.at(svc.object)
                                                              .body.value(QLatin1String("metadata"))
                                                              .toObject()
                                                              .value(QLatin1String("annotations"))
                                                              .toObject()
                                                        : QJsonObject();
        QStringList missing;
        for (const QString& a : ctx.tailoring.requiredAnnotations)
            if (annotations.value(a).toString().trimmed().isEmpty())
                missing << a;
        CheckEmitter::Subject s;
        s.kind = QStringLiteral("service");
        s.ns = svc.ns;
        s.name = svc.ns + QStringLiteral("/Service/") + svc.name;
        s.where = ctx.where(svc.object);
        s.line = ctx.lineOf(svc.object);
        if (missing.isEmpty())
            out.pass(s, QStringLiteral("Service %1/%2 names its contract and owner").arg(svc.ns, svc.name));
        else
            out.open(s,
                     QStringLiteral("Service %1/%2 (%3) lacks %4")
                         .arg(svc.ns, svc.name, ctx.where(svc.object), missing.join(QStringLiteral(", "))));
    }
}

} // namespace tollgate::checks
