#include "kube/KubeKinds.h"

#include <QSet>

namespace tollgate {

QString KubeKinds::groupOf(const QString& apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QString KubeKinds::qualifiedKind(const QString& group, const QString& kind)
{
    return group.isEmpty() ? kind : group + QLatin1Char('/') + kind;
}

bool KubeKinds::isWorkload(const QString& group, const QString& kind)
{
    static const QSet<QString> kinds = {
        QStringLiteral("Pod"),
        QStringLiteral("apps/Deployment"),
        QStringLiteral("apps/StatefulSet"),
        QStringLiteral("apps/DaemonSet"),
        QStringLiteral("apps/ReplicaSet"),
        QStringLiteral("ReplicationController"),
        QStringLiteral("batch/Job"),
        QStringLiteral("batch/CronJob"),
        // Older API groups still seen in exported manifests.
        QStringLiteral("extensions/Deployment"),
        QStringLiteral("extensions/DaemonSet"),
        QStringLiteral("extensions/ReplicaSet"),
    };
    return kinds.contains(qualifiedKind(group, kind));
}

bool KubeKinds::isAnalysed(const QString& group, const QString& kind)
{
    static const QSet<QString> kinds = {
        QStringLiteral("Namespace"),
        QStringLiteral("Pod"),
        QStringLiteral("apps/Deployment"),
        QStringLiteral("apps/StatefulSet"),
        QStringLiteral("apps/DaemonSet"),
        QStringLiteral("apps/ReplicaSet"),
        QStringLiteral("ReplicationController"),
        QStringLiteral("batch/Job"),
        QStringLiteral("batch/CronJob"),
        QStringLiteral("Service"),
        QStringLiteral("networking.k8s.io/Ingress"),
        QStringLiteral("extensions/Ingress"),
        QStringLiteral("networking.k8s.io/NetworkPolicy"),
        QStringLiteral("policy.networking.k8s.io/AdminNetworkPolicy"),
        QStringLiteral("policy.networking.k8s.io/BaselineAdminNetworkPolicy"),
        QStringLiteral("route.openshift.io/Route"),
        QStringLiteral("ServiceAccount"),
        QStringLiteral("rbac.authorization.k8s.io/Role"),
        QStringLiteral("rbac.authorization.k8s.io/ClusterRole"),
        QStringLiteral("rbac.authorization.k8s.io/RoleBinding"),
        QStringLiteral("rbac.authorization.k8s.io/ClusterRoleBinding"),
        QStringLiteral("Secret"),
        QStringLiteral("bitnami.com/SealedSecret"),
        QStringLiteral("ConfigMap"),
        QStringLiteral("security.istio.io/PeerAuthentication"),
        QStringLiteral("security.istio.io/AuthorizationPolicy"),
        QStringLiteral("security.istio.io/RequestAuthentication"),
        QStringLiteral("networking.istio.io/DestinationRule"),
        QStringLiteral("networking.istio.io/VirtualService"),
        QStringLiteral("networking.istio.io/Gateway"),
        QStringLiteral("networking.istio.io/ServiceEntry"),
        QStringLiteral("networking.istio.io/Sidecar"),
        QStringLiteral("telemetry.istio.io/Telemetry"),
        QStringLiteral("gateway.networking.k8s.io/Gateway"),
        QStringLiteral("gateway.networking.k8s.io/HTTPRoute"),
        QStringLiteral("kyverno.io/ClusterPolicy"),
        QStringLiteral("kyverno.io/Policy"),
        QStringLiteral("templates.gatekeeper.sh/ConstraintTemplate"),
    };
    if (kinds.contains(qualifiedKind(group, kind)) || isWorkload(group, kind))
        return true;
    // Gatekeeper constraints: one kind per template, all in this group.
    return group == QLatin1String("constraints.gatekeeper.sh");
}

} // namespace tollgate
