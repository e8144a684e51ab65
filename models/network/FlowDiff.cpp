#include "network/FlowDiff.h"

#include "network/FlowFormatter.h"
#include "network/NetworkPolicyModel.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <map>
#include <vector>

namespace tollgate {

namespace {
const QString kIngressController = QStringLiteral("{ingress-controller}");
const QString kNone = QStringLiteral("No Connections");

QSet<QString> workloadsOf(const ConnectivityResult& r)
{
    QSet<QString> out;
    for (const FlowClass& c : r.classes)
        if (!c.external && !c.entry)
            for (const QString& m : c.members)
                out.insert(m);
    return out;
}

struct Side
{
    QHash<QString, QString> pairs; // "src\x1fdst" -> conn, between workloads (and the ingress controller)
    // External blocks per workload and direction: (lo, hi, conn), sorted by lo.
    struct Block
    {
        quint32 lo;
        quint32 hi;
        QString conn;
    };
    QHash<QString, std::vector<Block>> fromBlocks; // workload -> blocks that reach it
    QHash<QString, std::vector<Block>> toBlocks;   // workload -> blocks it reaches
};

QString key(const QString& a, const QString& b)
{
    return a + QChar(0x1f) + b;
}

Side sideOf(const ConnectivityResult& r)
{
    Side s;
    QSet<int> srcB;
    QSet<int> dstB;
    for (const ClassFlow& f : r.flows) {
        const FlowClass& a = r.classes[f.src];
        const FlowClass& b = r.classes[f.dst];
        if (a.entry || b.entry)
            continue; // Tollgate's own entry nodes are not part of the peer's diff
        const QString conn = f.conn.toString();
        if (a.external) {
            for (const QString& m : b.members)
                s.fromBlocks[m].push_back({a.lo, a.hi, conn});
        } else if (b.external) {
            for (const QString& m : a.members)
                s.toBlocks[m].push_back({b.lo, b.hi, conn});
        } else {
            for (const QString& x : a.members)
                for (const QString& y : b.members)
                    if (x != y)
                        s.pairs.insert(key(x, y), conn);
        }
    }
    for (auto* map : {&s.fromBlocks, &s.toBlocks})
        for (auto& blocks : *map)
            std::sort(blocks.begin(), blocks.end(),
                      [](const Side::Block& x, const Side::Block& y) { return x.lo < y.lo; });
    return s;
}

QString blockName(quint32 lo, quint32 hi)
{
    return NetworkPolicyModel::ipText(lo) + QLatin1Char('-') + NetworkPolicyModel::ipText(hi) +
           QStringLiteral("[External]");
}

QString formatLine(const FlowDiff::Entry& e, const QString& l1, const QString& l2)
{
    QString s = QStringLiteral("diff-type: %1, source: %2, destination: %3, %4: %5, %6: %7")
                    .arg(e.type, e.src, e.dst, l1, e.conn1, l2, e.conn2);
    if (!e.info.isEmpty())
        s += QStringLiteral(", workloads-diff-info: ") + e.info;
    return s;
}

QList<FlowDiff::Entry> ordered(const QList<FlowDiff::Entry>& entries)
{
    // Workload lines first (changed, added, removed), then the ingress controller's in the same order;
    // byte-wise on the whole formatted line inside each group.
    auto rank = [](const FlowDiff::Entry& e) {
        const int type = e.type == QLatin1String("changed") ? 0 : e.type == QLatin1String("added") ? 1 : 2;
        return (e.src == kIngressController ? 3 : 0) + type;
    };
    QList<FlowDiff::Entry> out = entries;
    std::sort(out.begin(), out.end(), [&](const FlowDiff::Entry& a, const FlowDiff::Entry& b) {
        const int ra = rank(a);
        const int rb = rank(b);
        if (ra != rb)
            return ra < rb;
        return QString::compare(formatLine(a, QStringLiteral("ref1"), QStringLiteral("ref2")),
                                formatLine(b, QStringLiteral("ref1"), QStringLiteral("ref2"))) < 0;
    });
    return out;
}
} // namespace

QList<FlowDiff::Entry> FlowDiff::compute(const ConnectivityResult& before, const ConnectivityResult& after)
{
    const Side a = sideOf(before);
    const Side b = sideOf(after);
    const QSet<QString> wa = workloadsOf(before);
    const QSet<QString> wb = workloadsOf(after);
    QList<Entry> out;

    auto classify = [&](Entry& e, const QStringList& workloads) {
        if (e.conn1 == kNone) {
            e.type = QStringLiteral("added");
            QStringList fresh;
            for (const QString& w : workloads)
                if (!wa.contains(w))
                    fresh << w;
            if (!fresh.isEmpty())
                e.info = QStringLiteral("workload %1 added").arg(fresh.join(QStringLiteral(" and ")));
        } else if (e.conn2 == kNone) {
            e.type = QStringLiteral("removed");
            QStringList gone;
            for (const QString& w : workloads)
                if (!wb.contains(w))
                    gone << w;
            if (!gone.isEmpty())
                e.info = QStringLiteral("workload %1 removed").arg(gone.join(QStringLiteral(" and ")));
        } else {
            e.type = QStringLiteral("changed");
        }
    };

    // Between workloads.
    QSet<QString> keys;
    for (auto it = a.pairs.cbegin(); it != a.pairs.cend(); ++it)
        keys.insert(it.key());
    for (auto it = b.pairs.cbegin(); it != b.pairs.cend(); ++it)
        keys.insert(it.key());
    for (const QString& k : std::as_const(keys)) {
        Entry e;
        e.conn1 = a.pairs.value(k, kNone);
        e.conn2 = b.pairs.value(k, kNone);
        if (e.conn1 == e.conn2)
            continue;
        e.src = k.section(QChar(0x1f), 0, 0);
        e.dst = k.section(QChar(0x1f), 1, 1);
        QStringList ws;
        for (const QString& w : {e.src, e.dst})
            if (w != kIngressController)
                ws << w;
        classify(e, ws);
        out << e;
    }

    // With external blocks: refine both sides' blocks, compare atom by atom, merge touching atoms
    // that carry the same change.
    const QStringList workloads = [&] {
        QSet<QString> all = wa;
        all.unite(wb);
        QStringList l(all.cbegin(), all.cend());
        l.sort();
        return l;
    }();
    auto externalSide = [&](bool blockIsSource) {
        for (const QString& w : workloads) {
            static const std::vector<Side::Block> none;
            const auto& mapA = blockIsSource ? a.fromBlocks : a.toBlocks;
            const auto& mapB = blockIsSource ? b.fromBlocks : b.toBlocks;
            const auto itA = mapA.constFind(w);
            const auto itB = mapB.constFind(w);
            const std::vector<Side::Block>& ba = itA == mapA.constEnd() ? none : *itA;
            const std::vector<Side::Block>& bb = itB == mapB.constEnd() ? none : *itB;
            if (ba.empty() && bb.empty())
                continue;
            // Cut the address space where either side's blocks start or end; gaps carry no connection.
            std::vector<quint64> cuts{0, quint64(1) << 32};
            for (const auto* blocks : {&ba, &bb})
                for (const auto& blk : *blocks) {
                    cuts.push_back(blk.lo);
                    cuts.push_back(quint64(blk.hi) + 1);
                }
            std::sort(cuts.begin(), cuts.end());
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
            size_t ia = 0;
            size_t ib = 0;
            auto connAt = [](const std::vector<Side::Block>& blocks, size_t& i, quint32 lo) {
                while (i < blocks.size() && blocks[i].hi < lo)
                    ++i;
                return (i < blocks.size() && blocks[i].lo <= lo) ? blocks[i].conn : kNone;
            };
            QString runConn1;
            QString runConn2;
            quint64 runLo = 0;
            quint64 runHi = 0;
            bool inRun = false;
            auto flush = [&] {
                if (inRun && runConn1 != runConn2) {
                    Entry e;
                    e.conn1 = runConn1;
                    e.conn2 = runConn2;
                    const QString block = blockName(static_cast<quint32>(runLo), static_cast<quint32>(runHi));
                    e.src = blockIsSource ? block : w;
                    e.dst = blockIsSource ? w : block;
                    classify(e, {w});
                    out << e;
                }
                inRun = false;
            };
            for (size_t i = 0; i + 1 < cuts.size(); ++i) {
                const quint32 lo = static_cast<quint32>(cuts[i]);
                const quint32 hi = static_cast<quint32>(cuts[i + 1] - 1);
                const QString c1 = connAt(ba, ia, lo);
                const QString c2 = connAt(bb, ib, lo);
                if (inRun && c1 == runConn1 && c2 == runConn2) {
                    runHi = hi;
                    continue;
                }
                flush();
                runConn1 = c1;
                runConn2 = c2;
                runLo = lo;
                runHi = hi;
                inRun = true;
            }
            flush();
        }
    };
    externalSide(true);
    externalSide(false);
    return ordered(out);
}

QString FlowDiff::txt(const QList<Entry>& entries, const QString& l1, const QString& l2)
{
    if (entries.isEmpty())
        return {};
    QString out = QStringLiteral("Connectivity diff:\n");
    for (const Entry& e : entries)
        out += formatLine(e, l1, l2) + QLatin1Char('\n');
    return out;
}

QString FlowDiff::csv(const QList<Entry>& entries, const QString& l1, const QString& l2)
{
    if (entries.isEmpty())
        return {};
    const auto field = &FlowFormatter::csvField;
    QString out = QStringLiteral("diff-type,source,destination,%1,%2,workloads-diff-info\n").arg(l1, l2);
    for (const Entry& e : entries)
        out += QStringList{e.type, field(e.src), field(e.dst), field(e.conn1), field(e.conn2), field(e.info)}
                   .join(QLatin1Char(',')) +
               QLatin1Char('\n');
    return out;
}

QString FlowDiff::md(const QList<Entry>& entries, const QString& l1, const QString& l2)
{
    if (entries.isEmpty())
        return {};
    QString out = QStringLiteral("| diff-type | source | destination | %1 | %2 | workloads-diff-info |\n"
                                 "|-----------|--------|-------------|------|------|---------------------|\n")
                      .arg(l1, l2);
    for (const Entry& e : entries)
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                   .arg(e.type, e.src, e.dst, e.conn1, e.conn2, e.info);
    return out;
}

QString FlowDiff::json(const QList<Entry>& entries, const QString& l1, const QString& l2)
{
    QJsonArray arr;
    for (const Entry& e : entries) {
        QJsonObject o;
        o.insert(QLatin1String("diff-type"), e.type);
        o.insert(QLatin1String("source"), e.src);
        o.insert(QLatin1String("destination"), e.dst);
        o.insert(l1, e.conn1);
        o.insert(l2, e.conn2);
        o.insert(QLatin1String("workloads-diff-info"), e.info);
        arr.append(o);
    }
    return QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented));
}

} // namespace tollgate
