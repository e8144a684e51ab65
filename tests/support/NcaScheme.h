#pragma once

#include "base/Result.h"
#include "kube/ManifestDocument.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tollgate::test {

// One case of the network-config-analyzer (NCA) peer suite: its scheme.yaml cut down to the configs
// and the single query of the case. Resolves a config's inputs with the roles the scheme gives them:
// podList / namespaceList take only workloads and namespaces, networkPolicyList only policies,
// resourceList everything. A directory entry is read non-recursively, `dir/**` recursively. The
// top-level lists are the defaults of every config; a key set on a config replaces that default.
class NcaScheme
{
public:
    [[nodiscard]] static Result<NcaScheme> load(const QString& caseDir);

    QString queryType() const { return m_queryType; } // connectivityMap or semanticDiff
    QStringList queryConfigs() const { return m_queryConfigs; }

    // The objects of one config, deduplicated by kind, namespace and name (the first one wins, as a
    // file listed under two roles must not become a duplicate object).
    [[nodiscard]] Result<QList<ManifestDocument>> objects(const QString& config) const;

    static QString roleOf(const QString& kind);

    // NCA's mesh assumption (a documented normalisation, not Istio's rule): NCA does not model sidecar
    // injection and applies Istio policies to every pod. When a config has Istio objects and says
    // nothing about injection (no istio-injection / istio.io/rev namespace label, no
    // sidecar.istio.io/inject on a pod; a gateway's own istio-proxy container says nothing about the
    // others), every workload's pod template gets
    // the annotation sidecar.istio.io/inject=true. Returns whether it did.
    static bool assumeMesh(QList<ManifestDocument>& objects);

private:
    QString m_dir;
    QString m_queryType;
    QStringList m_queryConfigs;
    QMap<QString, QStringList> m_defaults;               // role -> entries
    QMap<QString, QMap<QString, QStringList>> m_configs; // config -> role -> entries
};

} // namespace tollgate::test
