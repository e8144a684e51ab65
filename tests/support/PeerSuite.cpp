#include "PeerSuite.h"

#include "TestSupport.h"

#include <QFile>

namespace tollgate::test {

QString PeerSuite::root()
{
    return sharedDir() + QStringLiteral("/peer/netpol-analyzer");
}

QList<PeerSuite::Row> PeerSuite::table(const QString& name)
{
    QList<Row> rows;
    QFile f(root() + QLatin1Char('/') + name);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    const QStringList header = lines.value(0).split(QLatin1Char('\t'));
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const QStringList cells = lines[i].split(QLatin1Char('\t'));
        Row r;
        for (int c = 0; c < header.size(); ++c)
            r.insert(header[c], cells.value(c));
        rows << r;
    }
    return rows;
}

bool PeerSuite::isNpOnly(const Row& row)
{
    const QString kinds = row.value(QStringLiteral("kinds"));
    return !kinds.contains(QLatin1String("AdminNetworkPolicy")) &&
           !kinds.contains(QLatin1String("Ingress")) && !kinds.contains(QLatin1String("Route"));
}

bool PeerSuite::isSupported(const Row& row)
{
    // Secondary networks (NAD, MultiNetworkPolicy) are not modelled; primary user-defined networks are
    // (they isolate their namespaces), but not netpol-analyzer's per-network sections of `list`.
    static const QStringList unsupported = {QStringLiteral("NetworkAttachmentDefinition"),
                                            QStringLiteral("MultiNetworkPolicy")};
    const QString kinds = row.value(QStringLiteral("kinds"));
    for (const QString& k : unsupported)
        if (kinds.contains(k))
            return false;
    return true;
}

QList<PeerSuite::Row> PeerSuite::diffCases()
{
    QList<Row> out;
    for (const Row& r : table(QStringLiteral("cases.tsv")))
        if (r.value(QStringLiteral("command")) == QLatin1String("diff"))
            out << r;
    return out;
}

QList<PeerSuite::Row> PeerSuite::listCases(bool npOnly)
{
    QList<Row> out;
    for (const Row& r : table(QStringLiteral("cases.tsv"))) {
        if (r.value(QStringLiteral("command")) != QLatin1String("list") ||
            r.value(QStringLiteral("default_txt_golden")).isEmpty() ||
            r.value(QStringLiteral("multiple_networks")) != QLatin1String("0"))
            continue;
        if (npOnly && !isNpOnly(r))
            continue;
        out << r;
    }
    return out;
}

QStringList PeerSuite::normalized(const QString& text)
{
    QStringList out;
    for (QString l : text.split(QLatin1Char('\n'))) {
        l.remove(QLatin1Char('\r'));
        while (l.endsWith(QLatin1Char(' ')) || l.endsWith(QLatin1Char('\t')))
            l.chop(1);
        if (!l.trimmed().isEmpty())
            out << l;
    }
    return out;
}

} // namespace tollgate::test
