#pragma once

#include "controls/CheckContext.h"
#include "controls/CheckEmitter.h"
#include "controls/Control.h"

// The check kinds of the control catalog, one function each, grouped by area in this folder.
namespace tollgate::checks {

using Args = void(const Control&, const CheckContext&, CheckEmitter&);

// ImageChecks.cpp
Args imageRegistry, imageDigest, imageTag, imageVersions;
// RuntimeChecks.cpp
Args runNonRoot, runReadOnlyRootFs, runPrivileged, runSeccomp, runCapabilities, runHostNamespaces,
    runHostPort, runSecretEnv;
// NetworkChecks.cpp
Args netDefaultDeny, netUnselected;
// MeshChecks.cpp
Args meshMtls, meshAuthzDefaultDeny, meshAccessLog, gatewayEntry, gatewayAuthn, meshCircuitBreaker;
// PlatformChecks.cpp
Args secretStore, admissionEnforce, namespaceDefault, namespaceSystem, rbacLeast, dashboard, scanCoverage,
    sspDocumented, docContract;

// A workload as a finding's subject.
CheckEmitter::Subject subjectOf(const CheckContext& ctx, const WorkloadInfo& w);

// One result per workload template: Open naming every failing container, else a pass. `test` returns
// the problem of one container, or an empty string. Mesh containers are skipped unless asked for.
// One result per workload: Open with every failing container named, else a pass.
template <typename Test>
inline void perContainer(const CheckContext& ctx, CheckEmitter& out, bool includeMesh, Test test,
                         const QString& passText)
{
    for (const WorkloadInfo* w : ctx.templates()) {
        QStringList problems;
        int checked = 0;
        for (const ContainerInfo& c : w->containers) {
            if (!includeMesh && CheckContext::isMeshContainer(c))
                continue;
            ++checked;
            const QString p = test(*w, c);
            if (!p.isEmpty())
                problems << QStringLiteral("%1 container '%2': %3").arg(c.role, c.name, p);
        }
        if (checked == 0)
            continue;
        const QString head =
            QStringLiteral("%1 %2/%3 (%4)").arg(w->kind, w->ns, w->name, ctx.where(w->object));
        if (problems.isEmpty())
            out.pass(subjectOf(ctx, *w), head + QStringLiteral(": ") + passText);
        else
            out.open(subjectOf(ctx, *w), head + QStringLiteral(":\n") + problems.join(QLatin1Char('\n')));
    }
}

} // namespace tollgate::checks
