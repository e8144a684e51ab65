#pragma once

#include "base/Error.h"
#include "network/ConnectionSet.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace tollgate {

// The allowed connections of a snapshot, per pair of equivalence classes: pods (workloads) that share
// namespace, labels and ports behave the same under every policy, and external address blocks.
struct FlowClass
{
    int id = 0;
    bool external = false;
    bool entry = false; // a way in from outside that only Tollgate's own views show (LoadBalancer, ...)
    QString ns;
    QJsonObject labels;
    QStringList members; // peer names: "ns/name[Kind]", or "a.b.c.d-e.f.g.h[External]"
    quint32 lo = 0;      // address range of an external block
    quint32 hi = 0;
};

struct ClassFlow
{
    int src = 0;
    int dst = 0;
    ConnectionSet conn;
    QStringList why;       // "egress: ns/policy rule 0", "ingress: no policy selects ...", ...
    QString mtls;          // strict, permissive, plaintext, fails, not-in-mesh: the weakest port's state
    QJsonObject mtlsPorts; // per-port states where ports differ
    QStringList mtlsWhy;   // the objects that decide it
    QJsonObject authz;     // Istio AuthorizationPolicy verdict: state, allowed, why, l7
    int via = -1;          // for an entry through a gateway: the gateway class that makes the hop
};

struct ConnectivityResult
{
    QList<FlowClass> classes;
    QList<ClassFlow> flows;
    QList<Error> warnings;
    int workloads = 0;
    int policies = 0;
};

} // namespace tollgate
