#include "network/AdminPolicyModel.h"

#include "network/NetworkPolicyModel.h"

#include <QJsonArray>

namespace tollgate {

namespace {
QStringList setKeys(const QJsonObject& o)
{
    QStringList keys;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!it.value().isNull() && !it.value().isUndefined())
            keys << it.key();
    return keys;
}

Result<LabelSelector> selector(const QJsonValue& v)
{
    return LabelSelector::parse(v);
}
} // namespace

QString AdminPolicyModel::actionName(Action a)
{
    switch (a) {
    case Action::Allow:
        return QStringLiteral("Allow");
    case Action::Deny:
        return QStringLiteral("Deny");
    case Action::Pass:
        return QStringLiteral("Pass");
    }
    return {};
}

Result<AdminPolicyModel> AdminPolicyModel::compile(const ManifestDocument& doc, bool baseline)
{
    AdminPolicyModel m;
    m.baseline = baseline;
    m.file = doc.file;
    m.line = doc.line;
    const QJsonObject meta = doc.body.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = doc.body.value(QLatin1String("spec")).toObject();
    m.name = meta.value(QLatin1String("name")).toString();
    auto fail = [&](const QString& what) {
        return Error(doc.file, doc.line, QStringLiteral("%1 %2: %3").arg(m.kindName(), m.name, what));
    };
    if (baseline) {
        if (m.name != QLatin1String("default"))
            return fail(QStringLiteral("a BaselineAdminNetworkPolicy must be named \"default\""));
    } else {
        const QJsonValue pr = spec.value(QLatin1String("priority"));
        if (!pr.isDouble())
            return fail(QStringLiteral("priority is required"));
        m.priority = pr.toInt();
        if (m.priority < 0 || m.priority > 1000)
            return fail(QStringLiteral("priority %1 is outside 0-1000").arg(m.priority));
    }
    const QJsonObject subject = spec.value(QLatin1String("subject")).toObject();
    const QStringList subjectKeys = setKeys(subject);
    if (subjectKeys.size() != 1)
        return fail(subjectKeys.isEmpty()
                        ? QStringLiteral("subject is empty")
                        : QStringLiteral("subject sets more than one of namespaces and pods"));
    if (subjectKeys.first() == QLatin1String("namespaces")) {
        auto s = selector(subject.value(QLatin1String("namespaces")));
        if (!s)
            return fail(s.error().what());
        m.subjectNamespaces = s.value();
    } else if (subjectKeys.first() == QLatin1String("pods")) {
        m.subjectIsNamespaces = false;
        const QJsonObject pods = subject.value(QLatin1String("pods")).toObject();
        auto ns = selector(pods.value(QLatin1String("namespaceSelector")));
        auto ps = selector(pods.value(QLatin1String("podSelector")));
        if (!ns)
            return fail(ns.error().what());
        if (!ps)
            return fail(ps.error().what());
        m.subjectNamespaces = ns.value();
        m.subjectPods = ps.value();
    } else {
        return fail(QStringLiteral("unknown subject field \"%1\"").arg(subjectKeys.first()));
    }

    auto readRules = [&](const char* key, bool isEgress, QList<Rule>& out) -> Status {
        const char* peersKey = isEgress ? "to" : "from";
        int index = 0;
        for (const QJsonValue& rv : spec.value(QLatin1String(key)).toArray()) {
            const QJsonObject ro = rv.toObject();
            Rule r;
            r.name = ro.value(QLatin1String("name")).toString();
            const QString where = QStringLiteral("%1 rule %2").arg(QLatin1String(key)).arg(index++);
            const QString action = ro.value(QLatin1String("action")).toString();
            if (action == QLatin1String("Allow"))
                r.action = Action::Allow;
            else if (action == QLatin1String("Deny"))
                r.action = Action::Deny;
            else if (action == QLatin1String("Pass") && !baseline)
                r.action = Action::Pass;
            else
                return Error(QStringLiteral("%1: invalid action \"%2\"").arg(where, action));
            const QJsonValue peers = ro.value(QLatin1String(peersKey));
            if (!peers.isArray() || peers.toArray().isEmpty())
                return Error(QStringLiteral("%1: \"%2\" must list at least one peer")
                                 .arg(where, QLatin1String(peersKey)));
            for (const QJsonValue& pv : peers.toArray()) {
                const QJsonObject po = pv.toObject();
                const QStringList keys = setKeys(po);
                if (keys.size() != 1)
                    return Error(QStringLiteral("%1: a peer must set exactly one field").arg(where));
                Peer p;
                const QString k = keys.first();
                if (k == QLatin1String("namespaces")) {
                    auto s = selector(po.value(k));
                    if (!s)
                        return s.error();
                    p.namespaces = s.value();
                    p.text = QStringLiteral("namespaces(%1)").arg(s->toString());
                } else if (k == QLatin1String("pods")) {
                    p.kind = Peer::Kind::Pods;
                    const QJsonObject pods = po.value(k).toObject();
                    auto ns = selector(pods.value(QLatin1String("namespaceSelector")));
                    auto ps = selector(pods.value(QLatin1String("podSelector")));
                    if (!ns)
                        return ns.error();
                    if (!ps)
                        return ps.error();
                    p.namespaces = ns.value();
                    p.pods = ps.value();
                    p.text = QStringLiteral("pods(%1 in %2)").arg(ps->toString(), ns->toString());
                } else if (isEgress && k == QLatin1String("networks")) {
                    p.kind = Peer::Kind::Networks;
                    QStringList cidrs;
                    for (const QJsonValue& cv : po.value(k).toArray()) {
                        IntervalSet::Range r2{};
                        bool v6 = false;
                        if (!NetworkPolicyModel::parseCidr(cv.toString(), r2, &v6)) {
                            if (v6)
                                continue;
                            return Error(
                                QStringLiteral("%1: invalid CIDR address: %2").arg(where, cv.toString()));
                        }
                        p.addresses = p.addresses.united(IntervalSet::of(r2.lo, r2.hi));
                        cidrs << cv.toString();
                    }
                    p.text = QStringLiteral("networks(%1)").arg(cidrs.join(QLatin1Char(',')));
                } else if (isEgress && k == QLatin1String("nodes")) {
                    p.kind = Peer::Kind::Nodes; // a snapshot holds no nodes: matches nothing
                    p.text = QStringLiteral("nodes");
                } else {
                    return Error(QStringLiteral("%1: unknown peer field \"%2\"").arg(where, k));
                }
                r.peers << p;
            }
            const QJsonArray ports = ro.value(QLatin1String("ports")).toArray();
            r.allPorts = ports.isEmpty();
            for (const QJsonValue& pv : ports) {
                const QJsonObject po = pv.toObject();
                const QStringList keys = setKeys(po);
                if (keys.size() != 1)
                    return Error(
                        QStringLiteral(
                            "%1: a port entry must set exactly one of portNumber, namedPort, portRange")
                            .arg(where));
                Port port;
                const QString k = keys.first();
                if (k == QLatin1String("portNumber")) {
                    const QJsonObject o = po.value(k).toObject();
                    if (o.contains(QLatin1String("protocol")) &&
                        !ConnectionSet::parseProtocol(o.value(QLatin1String("protocol")).toString(),
                                                      port.protocol))
                        return Error(QStringLiteral("%1: invalid protocol").arg(where));
                    port.start = port.end = static_cast<quint32>(o.value(QLatin1String("port")).toInt());
                } else if (k == QLatin1String("namedPort")) {
                    port.kind = Port::Kind::Named;
                    port.name = po.value(k).toString();
                } else if (k == QLatin1String("portRange")) {
                    port.kind = Port::Kind::Range;
                    const QJsonObject o = po.value(k).toObject();
                    if (o.contains(QLatin1String("protocol")) &&
                        !ConnectionSet::parseProtocol(o.value(QLatin1String("protocol")).toString(),
                                                      port.protocol))
                        return Error(QStringLiteral("%1: invalid protocol").arg(where));
                    port.start = static_cast<quint32>(o.value(QLatin1String("start")).toInt());
                    port.end = static_cast<quint32>(o.value(QLatin1String("end")).toInt());
                    if (port.start > port.end)
                        return Error(QStringLiteral("%1: portRange start %2 is after end %3")
                                         .arg(where)
                                         .arg(port.start)
                                         .arg(port.end));
                } else {
                    return Error(QStringLiteral("%1: unknown port field \"%2\"").arg(where, k));
                }
                r.ports << port;
            }
            out << r;
        }
        return {};
    };
    if (auto s = readRules("ingress", false, m.ingress); !s)
        return fail(s.error().what());
    if (auto s = readRules("egress", true, m.egress); !s)
        return fail(s.error().what());
    return m;
}

bool AdminPolicyModel::selects(const QJsonObject& nsLabels, const QJsonObject& podLabels) const
{
    if (!subjectNamespaces.matches(nsLabels))
        return false;
    return subjectIsNamespaces || subjectPods.matches(podLabels);
}

bool AdminPolicyModel::peerMatchesPod(const Peer& p, const QJsonObject& nsLabels,
                                      const QJsonObject& podLabels)
{
    switch (p.kind) {
    case Peer::Kind::Namespaces:
        return p.namespaces.matches(nsLabels);
    case Peer::Kind::Pods:
        return p.namespaces.matches(nsLabels) && p.pods.matches(podLabels);
    default:
        return false;
    }
}

bool AdminPolicyModel::peerMatchesBlock(const Peer& p, quint32 lo, quint32 hi)
{
    return p.kind == Peer::Kind::Networks && p.addresses.covers(lo, hi);
}

ConnectionSet AdminPolicyModel::rulePorts(const Rule& r, const QHash<QString, quint32>* namedPorts)
{
    if (r.allPorts)
        return ConnectionSet::all();
    ConnectionSet c;
    for (const Port& p : r.ports) {
        if (p.kind == Port::Kind::Named) {
            if (!namedPorts)
                continue;
            for (int proto = 0; proto < ConnectionSet::ProtocolCount; ++proto) {
                const auto it = namedPorts->constFind(
                    NetworkPolicyModel::namedPortKey(p.name, static_cast<ConnectionSet::Protocol>(proto)));
                if (it != namedPorts->constEnd())
                    c.unite(ConnectionSet::ports(static_cast<ConnectionSet::Protocol>(proto), *it, *it));
            }
        } else {
            c.unite(ConnectionSet::ports(p.protocol, p.start, p.end));
        }
    }
    return c;
}

} // namespace tollgate
