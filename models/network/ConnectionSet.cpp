#include "network/ConnectionSet.h"

#include <QStringList>

namespace tollgate {

ConnectionSet ConnectionSet::all()
{
    ConnectionSet c;
    for (auto& p : c.m_ports)
        p = IntervalSet::of(1, MaxPort);
    return c;
}

ConnectionSet ConnectionSet::ports(Protocol p, quint32 lo, quint32 hi)
{
    ConnectionSet c;
    c.m_ports[p] = IntervalSet::of(std::max<quint32>(lo, 1), std::min(hi, MaxPort));
    return c;
}

bool ConnectionSet::parseProtocol(const QString& s, Protocol& out)
{
    const QString u = s.toUpper();
    if (u == QLatin1String("TCP"))
        out = TCP;
    else if (u == QLatin1String("UDP"))
        out = UDP;
    else if (u == QLatin1String("SCTP"))
        out = SCTP;
    else
        return false;
    return true;
}

QString ConnectionSet::protocolName(Protocol p)
{
    switch (p) {
    case SCTP:
        return QStringLiteral("SCTP");
    case TCP:
        return QStringLiteral("TCP");
    case UDP:
        return QStringLiteral("UDP");
    }
    return {};
}

bool ConnectionSet::isEmpty() const
{
    for (const auto& p : m_ports)
        if (!p.isEmpty())
            return false;
    return true;
}

bool ConnectionSet::isAll() const
{
    for (const auto& p : m_ports)
        if (!p.covers(1, MaxPort))
            return false;
    return true;
}

ConnectionSet ConnectionSet::united(const ConnectionSet& o) const
{
    ConnectionSet c;
    for (int i = 0; i < ProtocolCount; ++i)
        c.m_ports[i] = m_ports[i].united(o.m_ports[i]);
    return c;
}

ConnectionSet ConnectionSet::intersected(const ConnectionSet& o) const
{
    ConnectionSet c;
    for (int i = 0; i < ProtocolCount; ++i)
        c.m_ports[i] = m_ports[i].intersected(o.m_ports[i]);
    return c;
}

ConnectionSet ConnectionSet::subtracted(const ConnectionSet& o) const
{
    ConnectionSet c;
    for (int i = 0; i < ProtocolCount; ++i)
        c.m_ports[i] = m_ports[i].subtracted(o.m_ports[i]);
    return c;
}

QString ConnectionSet::toString() const
{
    if (isAll())
        return QStringLiteral("All Connections");
    if (isEmpty())
        return QStringLiteral("No Connections");
    QStringList parts;
    for (int i = 0; i < ProtocolCount; ++i)
        if (!m_ports[i].isEmpty())
            parts << protocolName(static_cast<Protocol>(i)) + QLatin1Char(' ') + m_ports[i].toString();
    return parts.join(QLatin1Char(','));
}

bool ConnectionSet::fromString(const QString& text, ConnectionSet& out)
{
    out = ConnectionSet();
    if (text == QLatin1String("All Connections")) {
        out = all();
        return true;
    }
    if (text == QLatin1String("No Connections"))
        return true;
    int proto = -1;
    for (QString token : text.split(QLatin1Char(','))) {
        token = token.trimmed();
        const qsizetype space = token.indexOf(QLatin1Char(' '));
        if (space > 0) {
            Protocol p;
            if (!parseProtocol(token.left(space), p))
                return false;
            proto = p;
            token = token.mid(space + 1);
        }
        if (proto < 0)
            return false;
        const QStringList bounds = token.split(QLatin1Char('-'));
        bool ok1 = false;
        bool ok2 = true;
        const uint lo = bounds.value(0).toUInt(&ok1);
        const uint hi = bounds.size() > 1 ? bounds.value(1).toUInt(&ok2) : lo;
        if (!ok1 || !ok2 || bounds.size() > 2)
            return false;
        out.m_ports[proto].add(lo, hi);
    }
    return true;
}

} // namespace tollgate
