#pragma once

#include <QString>

namespace tollgate {

// Facts about Kubernetes kinds: API groups, which kinds Tollgate analyses, which hold pod templates.
class KubeKinds
{
public:
    // "apps/v1" -> "apps"; "v1" -> "" (the core group).
    static QString groupOf(const QString& apiVersion);
    // Kinds keyed by group and kind: the Istio Gateway is not the Gateway API Gateway.
    static bool isAnalysed(const QString& group, const QString& kind);
    static bool isWorkload(const QString& group, const QString& kind);
    // "networking.istio.io/Gateway", or "Service" for the core group.
    static QString qualifiedKind(const QString& group, const QString& kind);
};

} // namespace tollgate
