#pragma once

#include "network/IntervalSet.h"

#include <array>

namespace tollgate {

// Which connections are allowed: a port set per protocol (TCP, UDP, SCTP), ports 1..65535.
class ConnectionSet
{
public:
    enum Protocol
    {
        SCTP = 0,
        TCP = 1,
        UDP = 2
    }; // in the order the peer prints them
    static constexpr int ProtocolCount = 3;
    static constexpr quint32 MaxPort = 65535;

    static ConnectionSet all();
    static ConnectionSet none() { return {}; }
    static ConnectionSet ports(Protocol p, quint32 lo, quint32 hi);
    static ConnectionSet wholeProtocol(Protocol p) { return ports(p, 1, MaxPort); }
    // "TCP", "UDP", "SCTP" (case-insensitive); false for anything else.
    static bool parseProtocol(const QString& s, Protocol& out);
    static QString protocolName(Protocol p);

    bool isEmpty() const;
    bool isAll() const;
    const IntervalSet& portsOf(Protocol p) const { return m_ports[p]; }
    bool allows(Protocol p, quint32 port) const { return m_ports[p].contains(port); }

    ConnectionSet united(const ConnectionSet& o) const;
    ConnectionSet intersected(const ConnectionSet& o) const;
    ConnectionSet subtracted(const ConnectionSet& o) const;
    void unite(const ConnectionSet& o) { *this = united(o); }
    bool operator==(const ConnectionSet& o) const { return m_ports == o.m_ports; }
    bool operator!=(const ConnectionSet& o) const { return !(*this == o); }

    // netpol-analyzer's text: "All Connections", "No Connections", or "SCTP 1-9,TCP 80,UDP 53".
    QString toString() const;
    // Reads toString()'s text back; false for anything else.
    static bool fromString(const QString& text, ConnectionSet& out);

private:
    std::array<IntervalSet, ProtocolCount> m_ports;
};

} // namespace tollgate
