#include "network/NetworkPolicyModel.h"

#include <QJsonArray>
#include <QStringList>

namespace tollgate {

namespace {
Result<NetworkPolicyModel::Peer> compilePeer(const QJsonValue& v, bool& ipv6Skipped, QString& ipv6Text)
{
    NetworkPolicyModel::Peer peer;
    const QJsonObject o = v.toObject();
    const bool hasIp = o.contains(QLatin1String("ipBlock")) && !o.value(QLatin1String("ipBlock")).isNull();
    const bool hasPod =
        o.contains(QLatin1String("podSelector")) && !o.value(QLatin1String("podSelector")).isNull();
    const bool hasNs = o.contains(QLatin1String("namespaceSelector")) &&
                       !o.value(QLatin1String("namespaceSelector")).isNull();
    if (!hasIp && !hasPod && !hasNs)
        return Error(QStringLiteral("rule NetworkPolicyPeer error: must have at least one of podSelector, "
                                    "namespaceSelector or ipBlock"));
    if (hasIp && (hasPod || hasNs))
        return Error(QStringLiteral("rule NetworkPolicyPeer error: cannot have both IPBlock and "
                                    "PodSelector/NamespaceSelector set"));
    if (hasIp) {
        peer.isIpBlock = true;
        const QJsonObject ib = o.value(QLatin1String("ipBlock")).toObject();
        const QString cidr = ib.value(QLatin1String("cidr")).toString();
        IntervalSet::Range r{};
        bool v6 = false;
        if (!NetworkPolicyModel::parseCidr(cidr, r, &v6)) {
            if (v6) {
                ipv6Skipped = true;
                ipv6Text = cidr;
                peer.text = QStringLiteral("ipBlock ") + cidr;
                return peer; // empty address set: matches nothing
            }
            return Error(QStringLiteral("CIDR error: invalid CIDR address: %1").arg(cidr));
        }
        peer.addresses = IntervalSet::of(r.lo, r.hi);
        QStringList excepts;
        for (const QJsonValue& ev : ib.value(QLatin1String("except")).toArray()) {
            IntervalSet::Range x{};
            bool xv6 = false;
            if (!NetworkPolicyModel::parseCidr(ev.toString(), x, &xv6)) {
                if (xv6)
                    continue;
                return Error(QStringLiteral("CIDR error: invalid CIDR address: %1").arg(ev.toString()));
            }
            peer.addresses = peer.addresses.subtracted(IntervalSet::of(x.lo, x.hi));
            excepts << ev.toString();
        }
        peer.text =
            QStringLiteral("ipBlock ") + cidr +
            (excepts.isEmpty() ? QString() : QStringLiteral(" except ") + excepts.join(QLatin1Char(',')));
        return peer;
    }
    QStringList text;
    if (hasPod) {
        auto s = LabelSelector::parse(o.value(QLatin1String("podSelector")));
        if (!s)
            return s.error();
        peer.podSelector = s.value();
        text << QStringLiteral("pods(%1)").arg(s->toString());
    }
    if (hasNs) {
        auto s = LabelSelector::parse(o.value(QLatin1String("namespaceSelector")));
        if (!s)
            return s.error();
        peer.namespaceSelector = s.value();
        text << QStringLiteral("namespaces(%1)").arg(s->toString());
    }
    peer.text = text.join(QStringLiteral(" and "));
    return peer;
}

Result<NetworkPolicyModel::Port> compilePort(const QJsonValue& v)
{
    NetworkPolicyModel::Port p;
    const QJsonObject o = v.toObject();
    const QJsonValue proto = o.value(QLatin1String("protocol"));
    if (!proto.isUndefined() && !proto.isNull()) {
        if (!ConnectionSet::parseProtocol(proto.toString(), p.protocol))
            return Error(QStringLiteral("invalid protocol \"%1\" (TCP, UDP or SCTP)")
                             .arg(proto.toVariant().toString()));
    }
    const QJsonValue port = o.value(QLatin1String("port"));
    const QJsonValue end = o.value(QLatin1String("endPort"));
    if (port.isUndefined() || port.isNull()) {
        p.allPorts = true;
        return p;
    }
    if (port.isString()) {
        bool numeric = false;
        const int n = port.toString().toInt(&numeric);
        if (numeric) {
            p.port = static_cast<quint32>(n);
        } else {
            p.named = port.toString();
            if (!end.isUndefined() && !end.isNull())
                return Error(
                    QStringLiteral("port error: endPort cannot be used with a named port (%1)").arg(p.named));
            return p;
        }
    } else {
        const double d = port.toDouble();
        if (d < 1 || d > 65535)
            return Error(QStringLiteral("port error: port %1 is not in 1-65535").arg(d));
        p.port = static_cast<quint32>(d);
    }
    p.endPort = p.port;
    if (!end.isUndefined() && !end.isNull()) {
        const double e = end.toDouble();
        if (e < p.port || e > 65535)
            return Error(QStringLiteral("port error: endPort %1 must be between port %2 and 65535")
                             .arg(e)
                             .arg(p.port));
        p.endPort = static_cast<quint32>(e);
    }
    return p;
}
} // namespace

QString NetworkPolicyModel::namedPortKey(const QString& name, ConnectionSet::Protocol p)
{
    return name + QLatin1Char('/') + QString::number(p);
}

QString NetworkPolicyModel::ipText(quint32 ip)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(ip >> 24)
        .arg((ip >> 16) & 255)
        .arg((ip >> 8) & 255)
        .arg(ip & 255);
}

namespace {
// A syntactically valid IPv6 CIDR (Tollgate does not analyse IPv6, but a typo must still be an error).
bool isValidIpv6Cidr(const QString& cidr)
{
    const qsizetype slash = cidr.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return false;
    bool ok = false;
    const int bits = cidr.mid(slash + 1).toInt(&ok);
    if (!ok || bits < 0 || bits > 128)
        return false;
    const QString addr = cidr.left(slash);
    if (addr.count(QStringLiteral("::")) > 1)
        return false;
    const QStringList groups = addr.split(QLatin1Char(':'));
    if (groups.size() < 3 || groups.size() > 8)
        return false;
    for (const QString& g : groups) {
        if (g.size() > 4)
            return false;
        for (QChar c : g)
            if (!c.isDigit() && !(c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')))
                return false;
    }
    return true;
}
} // namespace

bool NetworkPolicyModel::parseCidr(const QString& cidr, IntervalSet::Range& out, bool* isIpv6)
{
    if (isIpv6)
        *isIpv6 = cidr.contains(QLatin1Char(':')) && isValidIpv6Cidr(cidr);
    const qsizetype slash = cidr.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return false;
    const QStringList octets = cidr.left(slash).split(QLatin1Char('.'));
    if (octets.size() != 4)
        return false;
    quint32 ip = 0;
    for (const QString& o : octets) {
        bool ok = false;
        const uint v = o.toUInt(&ok);
        if (!ok || v > 255 || o.isEmpty())
            return false;
        ip = (ip << 8) | v;
    }
    bool ok = false;
    const int bits = cidr.mid(slash + 1).toInt(&ok);
    if (!ok || bits < 0 || bits > 32)
        return false;
    const quint32 mask = bits == 0 ? 0 : ~quint32(0) << (32 - bits);
    out.lo = ip & mask;
    out.hi = out.lo | ~mask;
    return true;
}

Result<NetworkPolicyModel> NetworkPolicyModel::compile(const ManifestDocument& doc, QList<Error>& warnings)
{
    NetworkPolicyModel m;
    const QJsonObject meta = doc.body.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = doc.body.value(QLatin1String("spec")).toObject();
    m.name = meta.value(QLatin1String("name")).toString();
    m.ns = meta.value(QLatin1String("namespace")).toString();
    if (m.ns.isEmpty())
        m.ns = QStringLiteral("default");
    m.file = doc.file;
    m.line = doc.line;
    auto fail = [&](const Error& e) {
        return Error(doc.file, doc.line, QStringLiteral("NetworkPolicy %1: %2").arg(m.id(), e.what()));
    };
    auto sel = LabelSelector::parse(spec.value(QLatin1String("podSelector")));
    if (!sel)
        return fail(sel.error());
    m.podSelector = sel.value();

    const QJsonValue types = spec.value(QLatin1String("policyTypes"));
    const QJsonArray egressRules = spec.value(QLatin1String("egress")).toArray();
    if (types.isArray() && !types.toArray().isEmpty()) {
        for (const QJsonValue& t : types.toArray()) {
            if (t.toString() == QLatin1String("Ingress"))
                m.ingress = true;
            else if (t.toString() == QLatin1String("Egress"))
                m.egress = true;
            else
                return fail(Error(QStringLiteral("invalid policyType \"%1\"").arg(t.toString())));
        }
    } else {
        m.ingress = true;
        m.egress = !egressRules.isEmpty();
    }

    bool ipv6 = false;
    QString ipv6Text;
    auto compileRules = [&](const QJsonArray& rules, const char* peersKey, bool isEgress,
                            QList<Rule>& out) -> Status {
        for (const QJsonValue& rv : rules) {
            const QJsonObject ro = rv.toObject();
            Rule rule;
            const QJsonArray peers = ro.value(QLatin1String(peersKey)).toArray();
            rule.allPeers = peers.isEmpty();
            bool hasIpBlock = false;
            for (const QJsonValue& pv : peers) {
                auto p = compilePeer(pv, ipv6, ipv6Text);
                if (!p)
                    return p.error();
                hasIpBlock = hasIpBlock || p->isIpBlock;
                rule.peers << p.value();
            }
            const QJsonArray ports = ro.value(QLatin1String("ports")).toArray();
            rule.allPorts = ports.isEmpty();
            for (const QJsonValue& pv : ports) {
                auto p = compilePort(pv);
                if (!p)
                    return p.error();
                if (!p->named.isEmpty()) {
                    rule.hasNamedPorts = true;
                    if (isEgress && hasIpBlock)
                        return Error(
                            QStringLiteral("named port \"%1\" in an egress rule to an ipBlock cannot be "
                                           "resolved")
                                .arg(p->named));
                }
                rule.ports << p.value();
            }
            out << rule;
        }
        return {};
    };
    if (auto s = compileRules(spec.value(QLatin1String("ingress")).toArray(), "from", false, m.ingressRules);
        !s)
        return fail(s.error());
    if (auto s = compileRules(egressRules, "to", true, m.egressRules); !s)
        return fail(s.error());
    if (ipv6)
        warnings << Error(doc.file, doc.line,
                          QStringLiteral("NetworkPolicy %1: IPv6 block %2 is not analysed (IPv4 only)")
                              .arg(m.id(), ipv6Text));
    return m;
}

ConnectionSet NetworkPolicyModel::rulePorts(const Rule& rule, const QHash<QString, quint32>* namedPorts)
{
    if (rule.allPorts)
        return ConnectionSet::all();
    ConnectionSet c;
    for (const Port& p : rule.ports) {
        if (p.allPorts) {
            c.unite(ConnectionSet::wholeProtocol(p.protocol));
        } else if (!p.named.isEmpty()) {
            if (!namedPorts)
                continue;
            const auto it = namedPorts->constFind(namedPortKey(p.named, p.protocol));
            if (it != namedPorts->constEnd())
                c.unite(ConnectionSet::ports(p.protocol, *it, *it));
        } else {
            c.unite(ConnectionSet::ports(p.protocol, p.port, p.endPort));
        }
    }
    return c;
}

} // namespace tollgate
