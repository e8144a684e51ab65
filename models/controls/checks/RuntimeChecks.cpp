#include "controls/checks/Checks.h"

#include <QJsonArray>

namespace tollgate::checks {

namespace {

// A field of the container's securityContext, else the pod's (for the fields Kubernetes inherits).
QJsonValue inherited(const WorkloadInfo& w, const ContainerInfo& c, const char* key)
{
    const QJsonValue v = c.securityContext.value(QLatin1String(key));
    return v.isUndefined() || v.isNull() ? w.podSecurityContext.value(QLatin1String(key)) : v;
}

} // namespace

void runNonRoot(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo& w, const ContainerInfo& c) -> QString {
            const QJsonValue user = inherited(w, c, "runAsUser");
            if (user.isDouble() && user.toInteger() == 0)
                return QStringLiteral("securityContext.runAsUser is 0 (root)");
            if (inherited(w, c, "runAsNonRoot").toBool() || (user.isDouble() && user.toInteger() > 0))
                return {};
            return QStringLiteral(
                "neither securityContext.runAsNonRoot: true nor runAsUser > 0 (pod or container)");
        },
        QStringLiteral("every container runs as non-root"));
}

void runReadOnlyRootFs(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            return c.securityContext.value(QLatin1String("readOnlyRootFilesystem")).toBool()
                       ? QString()
                       : QStringLiteral("securityContext.readOnlyRootFilesystem is not true");
        },
        QStringLiteral("every root filesystem read-only"));
}

void runPrivileged(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            if (c.securityContext.value(QLatin1String("privileged")).toBool())
                return QStringLiteral("securityContext.privileged is true");
            const QJsonValue esc = c.securityContext.value(QLatin1String("allowPrivilegeEscalation"));
            if (!esc.isBool())
                return QStringLiteral(
                    "securityContext.allowPrivilegeEscalation is not set (unset means true)");
            if (esc.toBool())
                return QStringLiteral("securityContext.allowPrivilegeEscalation is true");
            return {};
        },
        QStringLiteral("no privileged container, privilege escalation off"));
}

void runSeccomp(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo& w, const ContainerInfo& c) -> QString {
            const QString type =
                inherited(w, c, "seccompProfile").toObject().value(QLatin1String("type")).toString();
            if (type == QLatin1String("RuntimeDefault") || type == QLatin1String("Localhost"))
                return {};
            const QString legacy =
                w.podAnnotations.value(QLatin1String("seccomp.security.alpha.kubernetes.io/pod")).toString();
            if (type.isEmpty() && (legacy == QLatin1String("runtime/default") ||
                                   legacy.startsWith(QLatin1String("localhost/"))))
                return {};
            return type.isEmpty() ? QStringLiteral("no seccompProfile (pod or container)")
                                  : QStringLiteral("seccompProfile.type is %1").arg(type);
        },
        QStringLiteral("seccomp RuntimeDefault or Localhost"));
}

void runCapabilities(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            const QJsonObject caps = c.securityContext.value(QLatin1String("capabilities")).toObject();
            QStringList problems;
            bool dropAll = false;
            for (const QJsonValue& d : caps.value(QLatin1String("drop")).toArray())
                dropAll = dropAll || d.toString().compare(QLatin1String("ALL"), Qt::CaseInsensitive) == 0;
            if (!dropAll)
                problems << QStringLiteral("capabilities.drop does not include ALL");
            for (const QJsonValue& a : caps.value(QLatin1String("add")).toArray()) {
                QString cap = a.toString().toUpper();
                if (cap.startsWith(QLatin1String("CAP_")))
                    cap = cap.mid(4);
                if (cap != QLatin1String("NET_BIND_SERVICE"))
                    problems << QStringLiteral("capabilities.add has %1").arg(a.toString());
            }
            return problems.join(QStringLiteral("; "));
        },
        QStringLiteral("capabilities drop ALL, nothing added beyond NET_BIND_SERVICE"));
}

void runHostNamespaces(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    for (const WorkloadInfo* w : ctx.templates()) {
        QStringList problems;
        if (w->hostNetwork)
            problems << QStringLiteral("spec.hostNetwork is true");
        if (w->hostPID)
            problems << QStringLiteral("spec.hostPID is true");
        if (w->hostIPC)
            problems << QStringLiteral("spec.hostIPC is true");
        for (const QJsonValue& v : w->volumes) {
            const QJsonObject vol = v.toObject();
            if (vol.contains(QLatin1String("hostPath")))
                problems << QStringLiteral("volume '%1' is a hostPath (%2)")
                                .arg(vol.value(QLatin1String("name")).toString(),
                                     vol.value(QLatin1String("hostPath"))
                                         .toObject()
                                         .value(QLatin1String("path"))
                                         .toString());
        }
        const QString head =
            QStringLiteral("%1 %2/%3 (%4)").arg(w->kind, w->ns, w->name, ctx.where(w->object));
        if (problems.isEmpty())
            out.pass(subjectOf(ctx, *w), head + QStringLiteral(": no host namespace, no hostPath"));
        else
            out.open(subjectOf(ctx, *w), head + QStringLiteral(":\n") + problems.join(QLatin1Char('\n')));
    }
}

void runHostPort(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, true,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            QStringList low;
            for (const QJsonValue& p : c.ports) {
                const int hp = p.toObject().value(QLatin1String("hostPort")).toInt();
                if (hp > 0 && hp < 1024)
                    low << QString::number(hp);
            }
            return low.isEmpty()
                       ? QString()
                       : QStringLiteral("hostPort %1 below 1024").arg(low.join(QStringLiteral(", ")));
        },
        QStringLiteral("no host port below 1024"));
}

void runSecretEnv(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    perContainer(
        ctx, out, false,
        [](const WorkloadInfo&, const ContainerInfo& c) -> QString {
            return c.secretRefs.isEmpty() ? QString()
                                          : QStringLiteral("Secret reached through env/envFrom: %1")
                                                .arg(c.secretRefs.join(QStringLiteral(", ")));
        },
        QStringLiteral("no Secret in environment variables"));
}

} // namespace tollgate::checks
