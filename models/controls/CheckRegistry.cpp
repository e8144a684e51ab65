#include "controls/CheckRegistry.h"

#include "controls/checks/Checks.h"

#include <QMap>

namespace tollgate {

namespace {
const QMap<QString, CheckRegistry::Check>& registry()
{
    using namespace checks;
    static const QMap<QString, CheckRegistry::Check> r = {
        {QStringLiteral("image-registry"), &imageRegistry},
        {QStringLiteral("image-digest"), &imageDigest},
        {QStringLiteral("image-tag"), &imageTag},
        {QStringLiteral("image-versions"), &imageVersions},
        {QStringLiteral("run-nonroot"), &runNonRoot},
        {QStringLiteral("run-readonly-rootfs"), &runReadOnlyRootFs},
        {QStringLiteral("run-privileged"), &runPrivileged},
        {QStringLiteral("run-seccomp"), &runSeccomp},
        {QStringLiteral("run-capabilities"), &runCapabilities},
        {QStringLiteral("run-host-namespaces"), &runHostNamespaces},
        {QStringLiteral("run-hostport"), &runHostPort},
        {QStringLiteral("run-secret-env"), &runSecretEnv},
        {QStringLiteral("net-default-deny"), &netDefaultDeny},
        {QStringLiteral("net-unselected"), &netUnselected},
        {QStringLiteral("mesh-mtls"), &meshMtls},
        {QStringLiteral("mesh-authz-default-deny"), &meshAuthzDefaultDeny},
        {QStringLiteral("mesh-access-log"), &meshAccessLog},
        {QStringLiteral("gateway-entry"), &gatewayEntry},
        {QStringLiteral("gateway-authn"), &gatewayAuthn},
        {QStringLiteral("mesh-circuit-breaker"), &meshCircuitBreaker},
        {QStringLiteral("secret-store"), &secretStore},
        {QStringLiteral("admission-enforce"), &admissionEnforce},
        {QStringLiteral("namespace-default"), &namespaceDefault},
        {QStringLiteral("namespace-system"), &namespaceSystem},
        {QStringLiteral("rbac-least"), &rbacLeast},
        {QStringLiteral("dashboard"), &dashboard},
        {QStringLiteral("scan-coverage"), &scanCoverage},
        {QStringLiteral("ssp-documented"), &sspDocumented},
        {QStringLiteral("doc-contract"), &docContract},
    };
    return r;
}
} // namespace

bool CheckRegistry::has(const QString& kind)
{
    return registry().contains(kind);
}

CheckRegistry::Check CheckRegistry::get(const QString& kind)
{
    return registry().value(kind, nullptr);
}

QStringList CheckRegistry::kinds()
{
    return registry().keys();
}

} // namespace tollgate
