#pragma once

#include "network/ConnectionSet.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace tollgate::test {

// A canonical set of connectivity facts for comparing Tollgate's engine with network-config-analyzer
// (NCA): (source peer, destination peer, protocol class) -> allowed connections. A peer is a pod
// workload ("ns/name"), an IPv4 address range, or a DNS host. The protocol classes are TCP (what Istio
// restricts) and non-TCP (UDP and SCTP, which Istio passes untouched); NCA's other protocols (ICMP,
// ...) are not modelled by Kubernetes NetworkPolicy and are dropped. Address ranges are split at the
// union of both sides' boundaries, so two different groupings of the same addresses compare equal.
class NcaFacts
{
public:
    struct Peer
    {
        enum Kind
        {
            Pod,
            Ip,
            Host
        };
        Kind kind = Pod;
        QString name; // "ns/name" or the host
        quint32 lo = 0;
        quint32 hi = 0;
        static Peer pod(const QString& name) { return {Pod, name, 0, 0}; }
        static Peer host(const QString& name) { return {Host, name, 0, 0}; }
        static Peer ip(quint32 lo, quint32 hi) { return {Ip, QString(), lo, hi}; }
        // "0.0.0.0/0", "10.0.0.0-10.255.255.255", or one address; false for anything else.
        static bool parseIp(const QString& text, Peer& out);
    };
    struct Entry
    {
        Peer src;
        Peer dst;
        ConnectionSet conn;
        bool l7 = false; // the connection carries L7 conditions (methods, paths, hosts)
    };

    // Self connections (a workload to itself) are dropped: Tollgate's engine does not list them.
    void add(const Peer& src, const Peer& dst, const ConnectionSet& conn, bool l7 = false);
    const QList<Entry>& entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }

    // Every address-range boundary (lo and hi + 1) of this set.
    QSet<quint64> boundaries() const;
    // key "src => dst (TCP)" or "(non-TCP)" -> connections of that class, address ranges split at
    // `cuts`. Keys whose connections carry L7 conditions are also put in `l7Keys`.
    QMap<QString, ConnectionSet> canonical(const QSet<quint64>& cuts, QSet<QString>* l7Keys = nullptr) const;

    static ConnectionSet tcpOnly();
    static ConnectionSet nonTcp();
    // The first `max` differences between what the engine computed and what NCA expects.
    static QStringList differences(const QMap<QString, ConnectionSet>& got,
                                   const QMap<QString, ConnectionSet>& want, int max);
    // The same maps reduced to which keys are connected (for dot graphs, where the connections are
    // compressed into labels).
    static QMap<QString, ConnectionSet> connectedOnly(const QMap<QString, ConnectionSet>& m);

private:
    QList<Entry> m_entries;
};

} // namespace tollgate::test
