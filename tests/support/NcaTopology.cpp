#include "NcaTopology.h"

#include <QRegularExpression>
#include <QSet>
#include <functional>

namespace tollgate::test {

NcaTopology NcaTopology::fromResult(const ConnectivityResult& result)
{
    NcaTopology t;
    QSet<QString> seen;
    for (const FlowClass& c : result.classes) {
        if (c.external || c.entry)
            continue;
        for (const QString& m : c.members) {
            const QString base = m.section(QLatin1Char('['), 0, 0);
            if (seen.contains(base))
                continue;
            seen.insert(base);
            // A node of Tollgate's own ("{ingress-controller}") has no namespace: its name is the member.
            t.m_pods.append({c.ns, base.contains(QLatin1Char('/')) ? base.section(QLatin1Char('/'), 1) : base,
                             m.section(QLatin1Char('['), 1).remove(QLatin1Char(']')), c.labels});
        }
    }
    return t;
}

bool NcaTopology::has(const QString& peer) const
{
    for (const Pod& p : m_pods)
        if (p.ns + QLatin1Char('/') + p.name == peer || (!peer.contains(QLatin1Char('/')) && p.name == peer))
            return true;
    return false;
}

QString NcaTopology::resolve(const QString& peer) const
{
    if (has(peer))
        return peer;
    const QString ns = peer.section(QLatin1Char('/'), 0, 0);
    const QString name = peer.section(QLatin1Char('/'), 1);
    // A pod of a ReplicaSet: the pod name is the ReplicaSet's name and a random suffix.
    const QString owner = name.section(QLatin1Char('-'), 0, -2);
    if (!owner.isEmpty() && has(ns + QLatin1Char('/') + owner))
        return ns + QLatin1Char('/') + owner;
    // A Deployment: its ReplicaSet's name is the Deployment's and the pod-template hash.
    static const QRegularExpression hashed(QStringLiteral("^(.*)-[a-z0-9]{5,10}$"));
    QString found;
    for (const Pod& p : m_pods) {
        const auto m = hashed.match(p.name);
        if (p.ns == ns && p.kind == QLatin1String("ReplicaSet") && m.hasMatch() && m.captured(1) == name) {
            if (!found.isEmpty())
                return peer; // ambiguous
            found = ns + QLatin1Char('/') + p.name;
        }
    }
    return found.isEmpty() ? peer : found;
}

QStringList NcaTopology::select(const QStringList& namespaces, const QString& selector, bool& ok) const
{
    ok = true;
    QList<const Pod*> inNs;
    for (const Pod& p : m_pods)
        if (namespaces.contains(p.ns))
            inNs << &p;
    const QString s = selector.trimmed();
    static const QRegularExpression inRe(QStringLiteral("^([\\w./-]+) (not in|in) \\(([^)]*)\\)$"));
    static const QRegularExpression neRe(QStringLiteral("^([\\w./-]+)(!=|=)(.*)$"));
    static const QRegularExpression hasRe(QStringLiteral("^(!?)has\\(([\\w./-]+)\\)$"));
    std::function<bool(const Pod&)> match;
    if (s == QLatin1String("*")) {
        match = [](const Pod&) { return true; };
    } else if (const auto m = inRe.match(s); m.hasMatch()) {
        const QString key = m.captured(1);
        const bool negate = m.captured(2) == QLatin1String("not in");
        QStringList values = m.captured(3).split(QLatin1Char(','));
        for (QString& v : values)
            v = v.trimmed();
        match = [key, negate, values](const Pod& p) {
            const bool in = p.labels.contains(key) && values.contains(p.labels.value(key).toString());
            return negate ? !in : in;
        };
    } else if (const auto m2 = hasRe.match(s); m2.hasMatch()) {
        const QString key = m2.captured(2);
        const bool negate = !m2.captured(1).isEmpty();
        match = [key, negate](const Pod& p) { return p.labels.contains(key) != negate; };
    } else if (const auto m3 = neRe.match(s); m3.hasMatch() && !s.contains(QLatin1Char(' '))) {
        const QString key = m3.captured(1);
        const bool negate = m3.captured(2) == QLatin1String("!=");
        const QString value = m3.captured(3);
        match = [key, negate, value](const Pod& p) {
            const bool eq = p.labels.contains(key) && p.labels.value(key).toString() == value;
            return negate ? !eq : eq;
        };
    } else {
        static const QRegularExpression nameRe(QStringLiteral("^[\\w.-]+$"));
        QSet<QString> names;
        for (const QString& n : s.split(QStringLiteral(", "))) {
            if (!nameRe.match(n.trimmed()).hasMatch()) {
                ok = false;
                return {};
            }
            names.insert(n.trimmed());
        }
        QSet<QString> byName;
        for (const Pod* p : std::as_const(inNs))
            if (names.contains(p->name))
                byName.insert(p->name);
        match = [names, byName](const Pod& p) {
            if (names.contains(p.name))
                return true;
            // A label-value shorthand, for a name that is no workload's.
            for (auto it = p.labels.constBegin(); it != p.labels.constEnd(); ++it) {
                const QString v = it.value().toString();
                if (names.contains(v) && !byName.contains(v))
                    return true;
            }
            return false;
        };
    }
    QStringList out;
    for (const Pod* p : std::as_const(inNs))
        if (match(*p))
            out << p->ns + QLatin1Char('/') + p->name;
    return out;
}

} // namespace tollgate::test
