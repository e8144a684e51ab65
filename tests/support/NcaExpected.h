#pragma once

#include "NcaFacts.h"
#include "NcaTopology.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tollgate::test {

// Reads an NCA expected output into canonical facts (NcaFacts):
// - `txt` grouped fw-rules: each rule is expanded to workload pairs with the config's pods (namespaces
//   and the pod selector); "For connections of type TCP/non-TCP" sections restrict each rule's
//   connections to that protocol class; without sections a rule covers every protocol.
// - `txt_no_fw_rules`: one pair per line ("TCP Connections:" / "non-TCP Connections:" sections alike).
// - `dot`: the graph after undoing NCA's compression: a node that stands for a set of workloads stands
//   for each of them, a clique connects every pair of its members, a biclique every source with every
//   destination, `arrowtail=normal` adds the reverse direction. Only which pairs are connected is
//   kept (the labels abbreviate connections).
// - semanticDiff: every section is read in the format above and counted as added ("Added", "New") or
//   removed ("Removed", "Lost"), expanded with the topology of the config the section names.
// NCA's simulated resources (its "-livesim" workloads, "Automatically added workload" nodes) are not
// in the config and are dropped; any other peer that the config does not have is kept, so it fails.
class NcaExpected
{
public:
    enum class Format
    {
        FwRules,
        NoFwRules,
        Dot
    };
    static Format formatOf(const QString& outputFormat);

    NcaFacts facts;         // connectivityMap
    NcaFacts added;         // semanticDiff
    NcaFacts removed;       // semanticDiff
    bool split = false;     // the output has TCP and non-TCP sections (a config with Istio)
    bool pairsOnly = false; // dot: only connected pairs are known
    QStringList problems;   // lines or selectors that could not be read
    int simulatedDropped = 0;

    // `topologies` maps config names to their pods; the first is used where no config is named.
    static NcaExpected parse(const QString& text, Format format, bool diff,
                             const QMap<QString, NcaTopology>& topologies, const QString& defaultConfig);

    // One NCA connection text ("All connections", "{protocols:TCP,dst_ports:80,methods:GET},{...}")
    // within a protocol class (`within`); `l7` turns true when a group has methods, paths or hosts.
    static ConnectionSet parseConn(const QString& text, const ConnectionSet& within, bool& l7, bool& ok);
};

} // namespace tollgate::test
