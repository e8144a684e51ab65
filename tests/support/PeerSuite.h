#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tollgate::test {

// Reads the netpol-analyzer peer suite's tables (cases.tsv, index.tsv, eval_cases.tsv).
class PeerSuite
{
public:
    using Row = QMap<QString, QString>;
    static QString root();
    static QList<Row> table(const QString& name);
    // Default list cases (txt golden, multiple networks off); npOnly drops ANP/BANP/Ingress/Route cases.
    static QList<Row> listCases(bool npOnly);
    static bool isNpOnly(const Row& caseRow);
    // Whether every kind the case uses is one Tollgate's engine evaluates today. The one place that
    // widens as the engine grows; cases outside it are still run and counted, not asserted.
    static bool isSupported(const Row& caseRow);
    // The diff pairs (diff/<a>__vs__<b>) with their cases.tsv rows.
    static QList<Row> diffCases();
    // Non-blank lines, right-trimmed, CR removed: upstream compares without newlines.
    static QStringList normalized(const QString& text);
};

} // namespace tollgate::test
