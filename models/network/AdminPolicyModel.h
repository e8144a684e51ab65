#pragma once

#include "base/Result.h"
#include "kube/LabelSelector.h"
#include "kube/ManifestDocument.h"
#include "network/ConnectionSet.h"

#include <QHash>

namespace tollgate {

// An AdminNetworkPolicy or the BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1),
// compiled and validated as the network-policy-api defines them: a subject, and ordered ingress and
// egress rules whose first match decides (Allow, Deny, or Pass to the NetworkPolicy layer).
class AdminPolicyModel
{
public:
    enum class Action
    {
        Allow,
        Deny,
        Pass
    };

    struct Peer
    {
        enum class Kind
        {
            Namespaces,
            Pods,
            Networks,
            Nodes
        } kind = Kind::Namespaces;
        LabelSelector namespaces;
        LabelSelector pods;
        IntervalSet addresses; // networks
        QString text;
    };

    struct Port
    {
        enum class Kind
        {
            Number,
            Named,
            Range
        } kind = Kind::Number;
        ConnectionSet::Protocol protocol = ConnectionSet::TCP;
        quint32 start = 0;
        quint32 end = 0;
        QString name;
    };

    struct Rule
    {
        QString name;
        Action action = Action::Deny;
        QList<Peer> peers;
        bool allPorts = true;
        QList<Port> ports;
    };

    QString name;
    QString file;
    int line = 0;
    bool baseline = false;
    int priority = 0;
    bool subjectIsNamespaces = true;
    LabelSelector subjectNamespaces;
    LabelSelector subjectPods;
    QList<Rule> ingress;
    QList<Rule> egress;

    [[nodiscard]] static Result<AdminPolicyModel> compile(const ManifestDocument& doc, bool baseline);

    bool selects(const QJsonObject& nsLabels, const QJsonObject& podLabels) const;
    static bool peerMatchesPod(const Peer& p, const QJsonObject& nsLabels, const QJsonObject& podLabels);
    static bool peerMatchesBlock(const Peer& p, quint32 lo, quint32 hi);
    // The ports a rule names towards a destination with these named ports (null: outside the cluster).
    static ConnectionSet rulePorts(const Rule& r, const QHash<QString, quint32>* namedPorts);
    QString kindName() const
    {
        return baseline ? QStringLiteral("BaselineAdminNetworkPolicy") : QStringLiteral("AdminNetworkPolicy");
    }
    static QString actionName(Action a);
};

} // namespace tollgate
