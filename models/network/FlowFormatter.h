#pragma once

#include "network/ConnectivityResult.h"

#include <QJsonObject>
#include <QString>

namespace tollgate {

// Prints flows the way netpol-analyzer prints them (txt, csv, md: the same lines; json: the same
// objects with more keys), plus Graphviz DOT. One line per (source workload, destination) pair.
class FlowFormatter
{
public:
    struct Line
    {
        QString src;
        QString dst;
        QString conn;
        QStringList why;
        QString mtls;
        QJsonObject mtlsPorts;
        QStringList mtlsWhy;
        QJsonObject authz;
    };

    // Expands class flows to workload pairs (self pairs dropped), sorted by source then destination.
    // `focus`, when set, keeps only lines whose source or destination is that workload.
    // Entry nodes (LoadBalancer, NodePort, ...) are Tollgate's own view: left out unless asked for, so the
    // peer-compatible formats print only what netpol-analyzer prints.
    static QList<Line> lines(const ConnectivityResult& result, const QString& focus = {},
                             bool withEntries = false);
    static bool matchesWorkload(const QString& peerName, const QString& focus);

    // `mesh` adds the mTLS state: " [mtls: strict]" after a txt line, an mtls column in csv and md.
    static QString txt(const QList<Line>& lines, bool mesh = false);
    static QString csv(const QList<Line>& lines, bool mesh = false);
    static QString md(const QList<Line>& lines, bool mesh = false);
    static QString json(const QList<Line>& lines);
    // A csv field quoted as Go's encoding/csv quotes it (netpol-analyzer's csv).
    static QString csvField(const QString& s);
    static QString dot(const QList<Line>& lines, const ConnectivityResult& result);
    // A quoted DOT identifier or attribute value.
    static QString dotId(const QString& s);
    [[nodiscard]] static bool format(const QString& name, const QList<Line>& lines,
                                     const ConnectivityResult& result, QString& out, bool mesh = false);
};

} // namespace tollgate
