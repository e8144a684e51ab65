#pragma once

#include "kube/ImageRef.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate {

// The inventory a snapshot yields: plain values derived from the stored objects at import.
// `object` fields index the snapshot's object list.

struct ContainerInfo
{
    QString name;
    QString role; // container, init, ephemeral
    ImageRef image;
    QJsonArray ports; // [{name, containerPort, protocol, hostPort}]
    QJsonObject securityContext;
    QStringList secretRefs; // "secret/key" reached through env or envFrom
};

struct WorkloadInfo
{
    int object = -1;
    QString ns;
    QString kind;
    QString name;
    QString peerName;     // ns/name[Kind], a controller-owned Pod as its owner, as netpol-analyzer prints
    QString componentKey; // ns/TopKind/name, pod-template hash stripped: a rollout is one component
    QString ownerKind;
    QString ownerName;
    bool topLevel = true; // false when its owner is in the snapshot (the owner's template speaks for it)
    int replicas = 1;
    QString serviceAccount;
    QJsonObject podLabels;
    QJsonObject podAnnotations;
    bool hostNetwork = false;
    bool hostPID = false;
    bool hostIPC = false;
    QJsonObject podSecurityContext;
    QJsonArray volumes;
    QList<ContainerInfo> containers;
};

struct ServiceInfo
{
    int object = -1;
    QString ns;
    QString name;
    QString type;
    QJsonObject selector;
    QJsonArray ports;
    QString clusterIP;
    QStringList externalIPs;
    QString externalName;
};

// A way in from outside the cluster.
struct ExposureInfo
{
    int object = -1;
    QString kind; // LoadBalancer, NodePort, ExternalIP, HostPort, HostNetwork, Ingress, Route, IstioGateway,
                  // Gateway
    QString ns;
    QString name;          // the object that exposes
    QString target;        // service/NAME, or the workload peer name
    QStringList workloads; // peer names reached
    QString host;
    QString port;
    QString protocol;
    QString detail;
};

struct NamespaceInfo
{
    QString name;
    int object = -1; // -1 when only referenced, not declared
    QJsonObject labels;
};

struct Inventory
{
    QList<WorkloadInfo> workloads;
    QList<ServiceInfo> services;
    QList<ExposureInfo> exposures;
    QList<NamespaceInfo> namespaces;
};

} // namespace tollgate
