#include "NcaExpected.h"

#include <QRegularExpression>
#include <QSet>

namespace tollgate::test {

namespace {

bool isSimulated(const QString& name)
{
    return name.contains(QLatin1String("-livesim"));
}

// A peer written by NCA as "ns/name[Kind]", an address range or CIDR, or a DNS host.
bool readPeer(const QString& text, const NcaTopology& topo, NcaFacts::Peer& out, int& simulated)
{
    const QString t = text.trimmed();
    if (NcaFacts::Peer::parseIp(t, out))
        return true;
    if (t.contains(QLatin1Char('/'))) {
        const QString base = t.section(QLatin1Char('['), 0, 0).section(QLatin1Char('('), 0, 0);
        if (!topo.has(base) && isSimulated(base)) {
            // NCA's simulated ingress controller is what Tollgate calls {ingress-controller}.
            if (base.contains(QLatin1String("/ingress-controller-livesim")) &&
                topo.has(QStringLiteral("{ingress-controller}"))) {
                out = NcaFacts::Peer::pod(QStringLiteral("{ingress-controller}"));
                return true;
            }
            ++simulated;
            return false;
        }
        out = NcaFacts::Peer::pod(topo.resolve(base));
        return true;
    }
    out = NcaFacts::Peer::host(t);
    return true;
}

} // namespace

NcaExpected::Format NcaExpected::formatOf(const QString& outputFormat)
{
    if (outputFormat == QLatin1String("dot"))
        return Format::Dot;
    if (outputFormat == QLatin1String("txt_no_fw_rules"))
        return Format::NoFwRules;
    return Format::FwRules;
}

ConnectionSet NcaExpected::parseConn(const QString& text, const ConnectionSet& within, bool& l7, bool& ok)
{
    QString t = text.trimmed();
    if (t.compare(QLatin1String("All connections"), Qt::CaseInsensitive) == 0)
        return within;
    if (t.compare(QLatin1String("No connections"), Qt::CaseInsensitive) == 0)
        return ConnectionSet::none();
    if (!t.startsWith(QLatin1Char('{')) || !t.endsWith(QLatin1Char('}'))) {
        ok = false;
        return ConnectionSet::none();
    }
    t = t.mid(1, t.size() - 2);
    static const QRegularExpression keySplit(QStringLiteral(",(?=[a-z_]+:)"));
    ConnectionSet out;
    for (const QString& group : t.split(QStringLiteral("},{"))) {
        QList<ConnectionSet::Protocol> protocols;
        bool protocolsGiven = false;
        IntervalSet ports = IntervalSet::of(1, ConnectionSet::MaxPort);
        for (const QString& kv : group.split(keySplit)) {
            const QString key = kv.section(QLatin1Char(':'), 0, 0).trimmed();
            const QString value = kv.section(QLatin1Char(':'), 1).trimmed();
            if (key == QLatin1String("protocols")) {
                protocolsGiven = true;
                for (const QString& p : value.split(QLatin1Char(','))) {
                    ConnectionSet::Protocol pr = ConnectionSet::TCP;
                    if (ConnectionSet::parseProtocol(p.trimmed(), pr))
                        protocols << pr; // ICMP and the like: not modelled, dropped
                }
            } else if (key == QLatin1String("dst_ports")) {
                ports = IntervalSet();
                for (const QString& r : value.split(QLatin1Char(','))) {
                    bool a = false;
                    bool b = true;
                    const quint32 lo = r.section(QLatin1Char('-'), 0, 0).toUInt(&a);
                    const quint32 hi =
                        r.contains(QLatin1Char('-')) ? r.section(QLatin1Char('-'), 1).toUInt(&b) : lo;
                    if (!a || !b) {
                        ok = false;
                        return ConnectionSet::none();
                    }
                    ports.add(lo, hi);
                }
            } else if (key == QLatin1String("methods") || key == QLatin1String("paths") ||
                       key == QLatin1String("hosts")) {
                l7 = true;
            } else {
                ok = false; // src_ports, icmp, ...: not read
                return ConnectionSet::none();
            }
        }
        if (!protocolsGiven)
            for (int p = 0; p < ConnectionSet::ProtocolCount; ++p)
                protocols << static_cast<ConnectionSet::Protocol>(p);
        for (ConnectionSet::Protocol p : std::as_const(protocols))
            for (const auto& r : ports.ranges())
                out.unite(ConnectionSet::ports(p, r.lo, r.hi));
    }
    return out.intersected(within);
}

NcaExpected NcaExpected::parse(const QString& text, Format format, bool diff,
                               const QMap<QString, NcaTopology>& topologies, const QString& defaultConfig)
{
    NcaExpected e;
    e.pairsOnly = format == Format::Dot;
    NcaTopology topo = topologies.value(defaultConfig);
    ConnectionSet within = ConnectionSet::all();
    NcaFacts* target = &e.facts;
    static const QRegularExpression basedOn(QStringLiteral("based on topology from config: ([^ )]+)"));
    static const QRegularExpression fwRule(
        QStringLiteral("^(?:src: (\\S+)|src_ns: \\[([^\\]]*)\\] src_pods: \\[(.*?)\\]) "
                       "(?:dst: (\\S+)|dst_ns: \\[([^\\]]*)\\] dst_pods: \\[(.*?)\\]) conn: (.*)$"));
    static const QRegularExpression pairLine(QStringLiteral("^(\\S+) => (\\S+) : (.*)$"));

    // Expands one side of a fw-rule to peers.
    auto side = [&](const QString& single, const QString& nsList, const QString& pods,
                    QList<NcaFacts::Peer>& out) {
        if (!single.isEmpty()) {
            for (const QString& part : single.split(QLatin1Char(','))) {
                NcaFacts::Peer p;
                if (readPeer(part, topo, p, e.simulatedDropped))
                    out << p;
            }
            return;
        }
        bool ok = true;
        const QStringList peers = topo.select(nsList.split(QLatin1Char(',')), pods, ok);
        if (!ok)
            e.problems << QStringLiteral("pod selector not read: [%1]").arg(pods);
        for (const QString& p : peers)
            out << NcaFacts::Peer::pod(p);
    };

    // dot: nodes, then edges, per graph.
    QMap<QString, QList<NcaFacts::Peer>> nodes;
    QMap<QString, QList<QString>> cliques;     // clique -> connected nodes
    QMap<QString, QList<QString>> bicliqueSrc; // biclique -> source nodes
    QMap<QString, QList<QString>> bicliqueDst; // biclique -> destination nodes
    auto flushGraph = [&]() {
        for (auto it = cliques.cbegin(); it != cliques.cend(); ++it)
            for (const QString& a : it.value())
                for (const QString& b : it.value())
                    for (const auto& pa : nodes.value(a))
                        for (const auto& pb : nodes.value(b))
                            target->add(pa, pb, within);
        for (auto it = bicliqueSrc.cbegin(); it != bicliqueSrc.cend(); ++it)
            for (const QString& a : it.value())
                for (const QString& b : bicliqueDst.value(it.key()))
                    for (const auto& pa : nodes.value(a))
                        for (const auto& pb : nodes.value(b))
                            target->add(pa, pb, within);
        nodes.clear();
        cliques.clear();
        bicliqueSrc.clear();
        bicliqueDst.clear();
    };
    static const QRegularExpression nodeLine(QStringLiteral("^\\s*\"([^\"]+)\" \\[(.*)\\]\\s*$"));
    static const QRegularExpression edgeLine(
        QStringLiteral("^\\s*\"([^\"]+)\" -> \"([^\"]+)\"\\[(.*)\\]\\s*$"));
    static const QRegularExpression cell(QStringLiteral("<td>([^<]*)</td>"));
    // Legend rows: <td align="text" tooltip="{protocols:TCP,dst_ports:3000}" href="bogus">tcp3000     ...
    static const QRegularExpression legendEntry(
        QStringLiteral("tooltip=\"([^\"]*)\" href=\"bogus\">(\\S+)\\s"));
    static const QRegularExpression edgeLabel(QStringLiteral("\\blabel=\"([^\"]*)\""));
    QHash<QString, QString> legend; // abbreviation -> connection, per graph

    for (QString line : text.split(QLatin1Char('\n'))) {
        line.remove(QLatin1Char('\r'));
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        // Sections.
        if (trimmed.startsWith(QLatin1String("For connections of type TCP")) ||
            trimmed == QLatin1String("TCP Connections:") ||
            (trimmed.startsWith(QLatin1String("// The Connectivity Graph")) &&
             trimmed.endsWith(QLatin1String("for TCP connections")))) {
            if (format == Format::Dot)
                flushGraph();
            within = NcaFacts::tcpOnly();
            e.split = true;
            continue;
        }
        if (trimmed.startsWith(QLatin1String("For connections of type non-TCP")) ||
            trimmed == QLatin1String("non-TCP Connections:") ||
            (trimmed.startsWith(QLatin1String("// The Connectivity Graph")) &&
             trimmed.endsWith(QLatin1String("for non-TCP connections")))) {
            if (format == Format::Dot)
                flushGraph();
            within = NcaFacts::nonTcp();
            e.split = true;
            continue;
        }
        if (trimmed.startsWith(QLatin1String("// The Connectivity Graph"))) {
            flushGraph();
            within = ConnectionSet::all();
            continue;
        }
        if (diff) {
            const bool add =
                trimmed.startsWith(QLatin1String("Added ")) || trimmed.startsWith(QLatin1String("New "));
            const bool rem =
                trimmed.startsWith(QLatin1String("Removed ")) || trimmed.startsWith(QLatin1String("Lost "));
            if (add || rem) {
                target = add ? &e.added : &e.removed;
                const auto m = basedOn.match(trimmed);
                topo = topologies.value(m.hasMatch() ? m.captured(1) : defaultConfig);
                continue;
            }
            if (trimmed.contains(QLatin1String("semantically equivalent")))
                continue;
        }
        if (format == Format::Dot) {
            if (trimmed.startsWith(QLatin1String("dict_box ["))) {
                legend.clear();
                auto li = legendEntry.globalMatch(trimmed);
                while (li.hasNext()) {
                    const auto lm = li.next();
                    legend.insert(lm.captured(2), lm.captured(1));
                }
                continue;
            }
            if (const auto m = edgeLine.match(line); m.hasMatch()) {
                const QString a = m.captured(1);
                const QString b = m.captured(2);
                const QString attrs = m.captured(3);
                if (a.startsWith(QLatin1String("clique_")) || b.startsWith(QLatin1String("clique_"))) {
                    const bool aC = a.startsWith(QLatin1String("clique_"));
                    auto& members = cliques[aC ? a : b];
                    members << (aC ? b : a);
                } else if (b.startsWith(QLatin1String("biclique_"))) {
                    bicliqueSrc[b] << a;
                } else if (a.startsWith(QLatin1String("biclique_"))) {
                    bicliqueDst[a] << b;
                } else {
                    // The edge label abbreviates the connection; the legend's tooltip spells it out, so
                    // its protocols are known ("tcp3000a" is TCP only, not every protocol).
                    ConnectionSet conn = within;
                    const auto lm = edgeLabel.match(attrs);
                    if (lm.hasMatch() && legend.contains(lm.captured(1))) {
                        bool l7 = false, ok = true;
                        const ConnectionSet spelled = parseConn(legend.value(lm.captured(1)), within, l7, ok);
                        if (ok)
                            conn = spelled;
                    }
                    for (const auto& pa : nodes.value(a))
                        for (const auto& pb : nodes.value(b)) {
                            target->add(pa, pb, conn);
                            if (attrs.contains(QLatin1String("arrowtail=normal")))
                                target->add(pb, pa, conn);
                        }
                }
                continue;
            }
            if (const auto m = nodeLine.match(line); m.hasMatch()) {
                const QString id = m.captured(1);
                const QString attrs = m.captured(2);
                if (id == QLatin1String("dict_box") || id.startsWith(QLatin1String("clique_")) ||
                    id.startsWith(QLatin1String("biclique_")))
                    continue;
                QList<NcaFacts::Peer> peers;
                const bool simulated = attrs.contains(QLatin1String("Automatically added workload"));
                auto it = cell.globalMatch(attrs);
                while (it.hasNext()) {
                    const QString c = it.next().captured(1).trimmed();
                    // A simulated node is dropped, except NCA's ingress controller (readPeer maps it).
                    if (simulated && !c.contains(QLatin1String("ingress-controller-livesim"))) {
                        ++e.simulatedDropped;
                        continue;
                    }
                    NcaFacts::Peer p;
                    if (attrs.contains(QLatin1String("tooltip=\"IP Block\""))) {
                        for (const QString& part : c.split(QLatin1Char(','))) {
                            if (NcaFacts::Peer::parseIp(part, p))
                                peers << p;
                            else
                                e.problems << QStringLiteral("address block not read: %1").arg(part);
                        }
                    } else if (id.contains(QLatin1Char('/'))) {
                        const QString name = id.section(QLatin1Char('/'), 0, 0) + QLatin1Char('/') + c;
                        if (readPeer(name, topo, p, e.simulatedDropped))
                            peers << p;
                    } else {
                        peers << NcaFacts::Peer::host(c);
                    }
                }
                nodes.insert(id, peers);
            }
            continue;
        }
        bool l7 = false;
        bool ok = true;
        if (format == Format::FwRules) {
            if (trimmed.contains(QLatin1String("final fw rules for query")))
                continue;
            const auto m = fwRule.match(trimmed);
            if (!m.hasMatch()) {
                e.problems << QStringLiteral("line not read: %1").arg(trimmed);
                continue;
            }
            QList<NcaFacts::Peer> srcs;
            QList<NcaFacts::Peer> dsts;
            side(m.captured(1), m.captured(2), m.captured(3), srcs);
            side(m.captured(4), m.captured(5), m.captured(6), dsts);
            const ConnectionSet conn = parseConn(m.captured(7), within, l7, ok);
            if (!ok)
                e.problems << QStringLiteral("connection not read: %1").arg(m.captured(7));
            for (const auto& s : std::as_const(srcs))
                for (const auto& d : std::as_const(dsts))
                    target->add(s, d, conn, l7);
            continue;
        }
        const auto m = pairLine.match(trimmed);
        if (!m.hasMatch()) {
            e.problems << QStringLiteral("line not read: %1").arg(trimmed);
            continue;
        }
        NcaFacts::Peer s;
        NcaFacts::Peer d;
        if (!readPeer(m.captured(1), topo, s, e.simulatedDropped) ||
            !readPeer(m.captured(2), topo, d, e.simulatedDropped))
            continue;
        const ConnectionSet conn = parseConn(m.captured(3), within, l7, ok);
        if (!ok)
            e.problems << QStringLiteral("connection not read: %1").arg(m.captured(3));
        target->add(s, d, conn, l7);
    }
    if (format == Format::Dot)
        flushGraph();
    return e;
}

} // namespace tollgate::test
