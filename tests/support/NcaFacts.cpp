#include "NcaFacts.h"

#include "network/NetworkPolicyModel.h"

#include <algorithm>

namespace tollgate::test {

namespace {
QString ipText(quint32 v)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(v >> 24)
        .arg((v >> 16) & 0xff)
        .arg((v >> 8) & 0xff)
        .arg(v & 0xff);
}

bool parseAddress(const QString& text, quint32& out)
{
    IntervalSet::Range r{};
    if (!NetworkPolicyModel::parseCidr(text.trimmed() + QStringLiteral("/32"), r))
        return false;
    out = r.lo;
    return true;
}

QList<NcaFacts::Peer> split(const NcaFacts::Peer& p, const QList<quint64>& cuts)
{
    if (p.kind != NcaFacts::Peer::Ip)
        return {p};
    QList<NcaFacts::Peer> out;
    quint64 lo = p.lo;
    auto it = std::upper_bound(cuts.cbegin(), cuts.cend(), lo);
    for (; it != cuts.cend() && *it <= p.hi; ++it) {
        out << NcaFacts::Peer::ip(static_cast<quint32>(lo), static_cast<quint32>(*it - 1));
        lo = *it;
    }
    out << NcaFacts::Peer::ip(static_cast<quint32>(lo), p.hi);
    return out;
}

QString peerKey(const NcaFacts::Peer& p)
{
    switch (p.kind) {
    case NcaFacts::Peer::Pod:
        return p.name;
    case NcaFacts::Peer::Host:
        return QStringLiteral("host:") + p.name;
    case NcaFacts::Peer::Ip:
        break;
    }
    return ipText(p.lo) + QLatin1Char('-') + ipText(p.hi);
}
} // namespace

bool NcaFacts::Peer::parseIp(const QString& text, Peer& out)
{
    const QString t = text.trimmed();
    if (t.contains(QLatin1Char('-'))) {
        quint32 a = 0;
        quint32 b = 0;
        if (!parseAddress(t.section(QLatin1Char('-'), 0, 0), a) ||
            !parseAddress(t.section(QLatin1Char('-'), 1), b))
            return false;
        out = ip(a, b);
        return true;
    }
    IntervalSet::Range r{};
    if (!NetworkPolicyModel::parseCidr(t.contains(QLatin1Char('/')) ? t : t + QStringLiteral("/32"), r))
        return false;
    out = ip(r.lo, r.hi);
    return true;
}

ConnectionSet NcaFacts::tcpOnly()
{
    return ConnectionSet::wholeProtocol(ConnectionSet::TCP);
}

ConnectionSet NcaFacts::nonTcp()
{
    return ConnectionSet::wholeProtocol(ConnectionSet::UDP)
        .united(ConnectionSet::wholeProtocol(ConnectionSet::SCTP));
}

void NcaFacts::add(const Peer& src, const Peer& dst, const ConnectionSet& conn, bool l7)
{
    if (src.kind == Peer::Pod && dst.kind == Peer::Pod && src.name == dst.name)
        return;
    if (src.kind == Peer::Ip && dst.kind == Peer::Ip)
        return; // an address block to an address block: no pod involved (NCA's cliques draw it)
    if (conn.isEmpty())
        return;
    m_entries.append({src, dst, conn, l7});
}

QSet<quint64> NcaFacts::boundaries() const
{
    QSet<quint64> out;
    for (const Entry& e : m_entries)
        for (const Peer* p : {&e.src, &e.dst})
            if (p->kind == Peer::Ip) {
                out.insert(p->lo);
                out.insert(quint64(p->hi) + 1);
            }
    return out;
}

QMap<QString, ConnectionSet> NcaFacts::canonical(const QSet<quint64>& cuts, QSet<QString>* l7Keys) const
{
    QList<quint64> sorted(cuts.cbegin(), cuts.cend());
    std::sort(sorted.begin(), sorted.end());
    QMap<QString, ConnectionSet> out;
    for (const Entry& e : m_entries) {
        const ConnectionSet parts[2] = {e.conn.intersected(tcpOnly()), e.conn.intersected(nonTcp())};
        for (const Peer& s : split(e.src, sorted)) {
            for (const Peer& d : split(e.dst, sorted)) {
                for (int i = 0; i < 2; ++i) {
                    if (parts[i].isEmpty())
                        continue;
                    const QString key = peerKey(s) + QStringLiteral(" => ") + peerKey(d) +
                                        (i == 0 ? QStringLiteral(" (TCP)") : QStringLiteral(" (non-TCP)"));
                    out[key].unite(parts[i]);
                    if (e.l7 && l7Keys)
                        l7Keys->insert(key);
                }
            }
        }
    }
    return out;
}

QMap<QString, ConnectionSet> NcaFacts::connectedOnly(const QMap<QString, ConnectionSet>& m)
{
    QMap<QString, ConnectionSet> out;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        if (!it.value().isEmpty())
            out.insert(it.key(), ConnectionSet::all());
    return out;
}

QStringList NcaFacts::differences(const QMap<QString, ConnectionSet>& got,
                                  const QMap<QString, ConnectionSet>& want, int max)
{
    QStringList out;
    int total = 0;
    QStringList keys = got.keys() + want.keys();
    keys.removeDuplicates();
    std::sort(keys.begin(), keys.end());
    for (const QString& k : std::as_const(keys)) {
        const auto g = got.constFind(k);
        const auto w = want.constFind(k);
        QString line;
        if (g == got.cend())
            line = QStringLiteral("missing %1 : %2").arg(k, w->toString());
        else if (w == want.cend())
            line = QStringLiteral("extra %1 : %2").arg(k, g->toString());
        else if (*g != *w)
            line = QStringLiteral("differs %1 : got %2, NCA %3").arg(k, g->toString(), w->toString());
        else
            continue;
        ++total;
        if (out.size() < max)
            out << line;
    }
    if (total > out.size())
        out << QStringLiteral("... %1 differences in all").arg(total);
    return out;
}

} // namespace tollgate::test
