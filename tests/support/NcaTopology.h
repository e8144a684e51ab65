#pragma once

#include "network/ConnectivityResult.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate::test {

// The pods (workloads) of a config as Tollgate's engine sees them, to expand NCA's grouped fw-rules
// (`src_ns: [a,b] src_pods: [app in (x,y)]`) into workload pairs.
class NcaTopology
{
public:
    struct Pod
    {
        QString ns;
        QString name; // the workload name: owner-resolved, as NCA prints it
        QString kind;
        QJsonObject labels;
    };

    static NcaTopology fromResult(const ConnectivityResult& result);
    const QList<Pod>& pods() const { return m_pods; }
    // "ns/name" of a pod or workload, when the config has it.
    bool has(const QString& peer) const;
    // NCA names controller-owned pods by pod (outputEndpoints: pods) or by Deployment (the ReplicaSet
    // name without its pod-template hash); Tollgate by the owner in the config. Maps such a name to the
    // config's workload ("ns/name"); any other name is returned unchanged.
    QString resolve(const QString& peer) const;

    // The pods of `namespaces` that an NCA pod selector picks: `*`, `key in (a,b)`, `key not in (a,b)`,
    // `key!=v`, `key=v`, `has(key)`, `!has(key)`, or plain names separated by ", " (a workload name, or
    // NCA's shorthand for a label value when no workload of that name exists). `ok` turns false for a
    // selector this parser does not know.
    QStringList select(const QStringList& namespaces, const QString& selector, bool& ok) const;

private:
    QList<Pod> m_pods;
};

} // namespace tollgate::test
