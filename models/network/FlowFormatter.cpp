#include "network/FlowFormatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <algorithm>

namespace tollgate {

bool FlowFormatter::matchesWorkload(const QString& peerName, const QString& focus)
{
    if (peerName == focus)
        return true;
    const QString base = peerName.section(QLatin1Char('['), 0, 0);
    return base == focus || base.section(QLatin1Char('/'), 1) == focus;
}

QList<FlowFormatter::Line> FlowFormatter::lines(const ConnectivityResult& result, const QString& focus,
                                                bool withEntries)
{
    QList<Line> out;
    for (const ClassFlow& f : result.flows) {
        const FlowClass& s = result.classes[f.src];
        const FlowClass& d = result.classes[f.dst];
        if (!withEntries && (s.entry || d.entry))
            continue;
        const QString conn = f.conn.toString();
        for (const QString& a : s.members) {
            for (const QString& b : d.members) {
                if (a == b)
                    continue;
                if (!focus.isEmpty() && !matchesWorkload(a, focus) && !matchesWorkload(b, focus))
                    continue;
                out.append({a, b, conn, f.why, f.mtls, f.mtlsPorts, f.mtlsWhy, f.authz});
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Line& x, const Line& y) {
        const int c = QString::compare(x.src, y.src);
        return c != 0 ? c < 0 : QString::compare(x.dst, y.dst) < 0;
    });
    return out;
}

QString FlowFormatter::csvField(const QString& s)
{
    // Go's encoding/csv: quote a field holding a comma, quote, CR/LF, or a leading space.
    if (s.isEmpty() ||
        !(s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
          s.contains(QLatin1Char('\r')) || s.startsWith(QLatin1Char(' '))))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString FlowFormatter::txt(const QList<Line>& lines, bool mesh)
{
    QString out;
    for (const Line& l : lines) {
        out += l.src + QStringLiteral(" => ") + l.dst + QStringLiteral(" : ") + l.conn;
        if (mesh)
            out += QStringLiteral(" [mtls: ") + l.mtls + QLatin1Char(']');
        out += QLatin1Char('\n');
    }
    return out;
}

QString FlowFormatter::csv(const QList<Line>& lines, bool mesh)
{
    QString out = mesh ? QStringLiteral("src,dst,conn,mtls\n") : QStringLiteral("src,dst,conn\n");
    for (const Line& l : lines) {
        out += csvField(l.src) + QLatin1Char(',') + csvField(l.dst) + QLatin1Char(',') + csvField(l.conn);
        if (mesh)
            out += QLatin1Char(',') + csvField(l.mtls);
        out += QLatin1Char('\n');
    }
    return out;
}

QString FlowFormatter::md(const QList<Line>& lines, bool mesh)
{
    QString out = mesh ? QStringLiteral("| src | dst | conn | mtls |\n|-----|-----|------|------|\n")
                       : QStringLiteral("| src | dst | conn |\n|-----|-----|------|\n");
    for (const Line& l : lines)
        out += mesh ? QStringLiteral("| %1 | %2 | %3 | %4 |\n").arg(l.src, l.dst, l.conn, l.mtls)
                    : QStringLiteral("| %1 | %2 | %3 |\n").arg(l.src, l.dst, l.conn);
    return out;
}

QString FlowFormatter::json(const QList<Line>& lines)
{
    QJsonArray arr;
    for (const Line& l : lines) {
        QJsonObject o;
        o.insert(QLatin1String("src"), l.src);
        o.insert(QLatin1String("dst"), l.dst);
        o.insert(QLatin1String("conn"), l.conn);
        o.insert(QLatin1String("why"), QJsonArray::fromStringList(l.why));
        o.insert(QLatin1String("mtls"), l.mtls);
        if (!l.mtlsPorts.isEmpty())
            o.insert(QLatin1String("mtls_ports"), l.mtlsPorts);
        o.insert(QLatin1String("mtls_why"), QJsonArray::fromStringList(l.mtlsWhy));
        if (!l.authz.isEmpty())
            o.insert(QLatin1String("authz"), l.authz);
        arr.append(o);
    }
    // netpol-analyzer indents by two spaces and ends without a newline.
    const QString indented = QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented)).trimmed();
    QStringList out;
    for (const QString& line : indented.split(QLatin1Char('\n'))) {
        qsizetype n = 0;
        while (n < line.size() && line[n] == QLatin1Char(' '))
            ++n;
        out << QString(n / 2, QLatin1Char(' ')) + line.mid(n);
    }
    return out.join(QLatin1Char('\n'));
}

QString FlowFormatter::dotId(const QString& s)
{
    QString q = s;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    q.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString FlowFormatter::dot(const QList<Line>& lines, const ConnectivityResult& result)
{
    QMap<QString, QStringList> byNs;
    QStringList external;
    QSet<QString> seen;
    for (const FlowClass& c : result.classes) {
        for (const QString& mname : c.members) {
            if (seen.contains(mname))
                continue;
            seen.insert(mname);
            if (c.external)
                external << mname;
            else
                byNs[c.ns] << mname;
        }
    }
    const auto id = &FlowFormatter::dotId;
    QString out = QStringLiteral("digraph {\n");
    for (auto it = byNs.begin(); it != byNs.end(); ++it) {
        QStringList members = it.value();
        members.sort();
        out += QStringLiteral("\tsubgraph \"cluster_%1\" {\n\t\tlabel=%2\n").arg(it.key(), id(it.key()));
        for (const QString& mname : members)
            out += QStringLiteral("\t\t%1 [label=%2 color=\"blue\" fontcolor=\"blue\"]\n")
                       .arg(id(mname), id(mname.section(QLatin1Char('/'), 1)));
        out += QStringLiteral("\t}\n");
    }
    external.sort();
    for (const QString& e : external)
        out += QStringLiteral("\t%1 [label=%1 color=\"red2\" fontcolor=\"red2\"]\n").arg(id(e));
    for (const Line& l : lines)
        out += QStringLiteral("\t%1 -> %2 [label=%3 color=\"gold2\" fontcolor=\"darkgreen\"]\n")
                   .arg(id(l.src), id(l.dst), id(l.conn));
    out += QStringLiteral("}\n");
    return out;
}

bool FlowFormatter::format(const QString& name, const QList<Line>& lines, const ConnectivityResult& result,
                           QString& out, bool mesh)
{
    if (name == QLatin1String("txt"))
        out = txt(lines, mesh);
    else if (name == QLatin1String("csv"))
        out = csv(lines, mesh);
    else if (name == QLatin1String("md"))
        out = md(lines, mesh);
    else if (name == QLatin1String("json"))
        out = json(lines);
    else if (name == QLatin1String("dot"))
        out = dot(lines, result);
    else
        return false;
    return true;
}

} // namespace tollgate
