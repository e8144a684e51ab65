#include "changes/ChangeSet.h"

#include "base/Sha256.h"
#include "findings/Severity.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace tollgate {

namespace {

QJsonObject rollUp(const QMap<QString, int>& before, const QMap<QString, int>& after)
{
    QJsonObject opened;
    QJsonObject closed;
    QList<QPair<int, QString>> worst;
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        if (!before.contains(it.key())) {
            const QString cat = Severity::label(it.value());
            opened.insert(cat, opened.value(cat).toInt() + 1);
            worst.append({it.value(), it.key().section(QLatin1Char('|'), 1, 2)});
        }
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        if (!after.contains(it.key())) {
            const QString cat = Severity::label(it.value());
            closed.insert(cat, closed.value(cat).toInt() + 1);
        }
    std::sort(worst.begin(), worst.end());
    QStringList top;
    for (int i = 0; i < worst.size() && i < 5; ++i)
        top << Severity::label(worst[i].first) + QLatin1Char(' ') + worst[i].second;
    QJsonObject o;
    if (!opened.isEmpty())
        o.insert(QStringLiteral("opened"), opened);
    if (!closed.isEmpty())
        o.insert(QStringLiteral("closed"), closed);
    if (!top.isEmpty())
        o.insert(QStringLiteral("worst_new"), QJsonArray::fromStringList(top));
    return o;
}

QJsonObject change(const QString& kind, const QString& subject, const QString& summary,
                   const QJsonValue& detail)
{
    QJsonObject c;
    const QByteArray content =
        QJsonDocument(QJsonObject{{QStringLiteral("d"), detail}}).toJson(QJsonDocument::Compact);
    c.insert(QStringLiteral("id"), ChangeSet::idOf(kind, subject, content));
    c.insert(QStringLiteral("kind"), kind);
    c.insert(QStringLiteral("component"), subject);
    c.insert(QStringLiteral("summary"), summary);
    c.insert(QStringLiteral("evidence_digest"), QString::fromLatin1(Sha256::hex(content)));
    return c;
}

} // namespace

QString ChangeSet::idOf(const QString& kind, const QString& subject, const QByteArray& content)
{
    return QStringLiteral("chg-") +
           QString::fromLatin1(
               Sha256::hex(kind.toUtf8() + '\n' + subject.toUtf8() + '\n' + content).left(12));
}

QList<QJsonObject> ChangeSet::compute(const ComponentSnapshot& base, const ComponentSnapshot& next)
{
    QList<QJsonObject> out;
    const QMap<QString, int> none;
    // Flows to or from a component that came or went belong to that component's change.
    QSet<QString> cameOrWent;
    for (auto it = next.components.cbegin(); it != next.components.cend(); ++it)
        if (!base.components.contains(it.key()))
            cameOrWent.insert(it.key());
    for (auto it = base.components.cbegin(); it != base.components.cend(); ++it)
        if (!next.components.contains(it.key()))
            cameOrWent.insert(it.key());
    auto flowsOf = [](const QSet<QString>& flows, const QString& key) {
        QStringList list;
        for (const QString& f : flows)
            if (f.startsWith(key + QStringLiteral(" => ")) ||
                f.section(QStringLiteral(" => "), 1).startsWith(key + QStringLiteral(" : ")))
                list << f;
        list.sort();
        return QJsonArray::fromStringList(list);
    };
    for (auto it = next.components.cbegin(); it != next.components.cend(); ++it) {
        const QString key = it.key();
        const QJsonObject now = it.value();
        if (!base.components.contains(key)) {
            QJsonArray fields;
            for (auto f = now.begin(); f != now.end(); ++f)
                fields.append(
                    QJsonObject{{QStringLiteral("field"), f.key()}, {QStringLiteral("new"), f.value()}});
            fields.append(QJsonObject{{QStringLiteral("field"), QStringLiteral("flows")},
                                      {QStringLiteral("new"), flowsOf(next.flows, key)}});
            QJsonObject c = change(QStringLiteral("component-added"), key,
                                   QStringLiteral("new component %1 (%2)")
                                       .arg(key, now.value(QLatin1String("images"))
                                                     .toVariant()
                                                     .toStringList()
                                                     .join(QStringLiteral(", "))),
                                   fields);
            c.insert(QStringLiteral("fields"), fields);
            const QJsonObject findings = rollUp(none, next.openVulns.value(key));
            if (!findings.isEmpty())
                c.insert(QStringLiteral("findings"), findings);
            out << c;
            continue;
        }
        const QJsonObject was = base.components.value(key);
        QJsonArray fields;
        QStringList names;
        for (auto f = now.begin(); f != now.end(); ++f)
            // A new or removed way in is its own change (exposure-added / exposure-removed).
            if (f.key() != QLatin1String("exposures") && was.value(f.key()) != f.value()) {
                fields.append(QJsonObject{{QStringLiteral("field"), f.key()},
                                          {QStringLiteral("old"), was.value(f.key())},
                                          {QStringLiteral("new"), f.value()}});
                names << f.key();
            }
        // Findings roll up into a component that changed; a newer scan of an unchanged component is
        // the Findings page's business, not a change to the system.
        if (fields.isEmpty())
            continue;
        const QJsonObject findings = rollUp(base.openVulns.value(key), next.openVulns.value(key));
        QJsonObject c = change(QStringLiteral("component-changed"), key,
                               QStringLiteral("%1 changed: %2").arg(key, names.join(QStringLiteral(", "))),
                               QJsonArray{fields, findings});
        c.insert(QStringLiteral("fields"), fields);
        if (!findings.isEmpty())
            c.insert(QStringLiteral("findings"), findings);
        out << c;
    }
    for (auto it = base.components.cbegin(); it != base.components.cend(); ++it)
        if (!next.components.contains(it.key())) {
            QJsonArray fields;
            for (auto f = it.value().begin(); f != it.value().end(); ++f)
                fields.append(
                    QJsonObject{{QStringLiteral("field"), f.key()}, {QStringLiteral("old"), f.value()}});
            fields.append(QJsonObject{{QStringLiteral("field"), QStringLiteral("flows")},
                                      {QStringLiteral("old"), flowsOf(base.flows, it.key())}});
            QJsonObject c = change(QStringLiteral("component-removed"), it.key(),
                                   QStringLiteral("component %1 removed").arg(it.key()), fields);
            c.insert(QStringLiteral("fields"), fields);
            out << c;
        }
    auto setDiff = [&](const QSet<QString>& a, const QSet<QString>& b, const QString& kind,
                       const QString& verb) {
        QStringList list(a.cbegin(), a.cend());
        list.sort();
        for (const QString& x : std::as_const(list)) {
            if (b.contains(x))
                continue;
            if (kind.startsWith(QLatin1String("flow"))) {
                const QString src = x.section(QStringLiteral(" => "), 0, 0);
                const QString dst = x.section(QStringLiteral(" => "), 1).section(QStringLiteral(" : "), 0, 0);
                if (cameOrWent.contains(src) || cameOrWent.contains(dst))
                    continue;
            }
            const QString subject =
                kind.startsWith(QLatin1String("flow"))
                    ? x.section(QStringLiteral(" => "), 1).section(QStringLiteral(" : "), 0, 0)
                    : x.section(QLatin1Char(' '), 1, 1);
            QJsonObject c = change(kind, subject, verb + x, QJsonValue(x));
            c.insert(QStringLiteral("fields"),
                     QJsonArray{QJsonObject{{QStringLiteral("field"), kind.startsWith(QLatin1String("flow"))
                                                                          ? QStringLiteral("flow")
                                                                          : QStringLiteral("exposure")},
                                            {kind.endsWith(QLatin1String("added")) ? QStringLiteral("new")
                                                                                   : QStringLiteral("old"),
                                             x}}});
            out << c;
        }
    };
    setDiff(next.flows, base.flows, QStringLiteral("flow-added"), QStringLiteral("flow allowed now: "));
    setDiff(base.flows, next.flows, QStringLiteral("flow-removed"),
            QStringLiteral("flow no longer allowed: "));
    setDiff(next.exposures, base.exposures, QStringLiteral("exposure-added"), QStringLiteral("new way in: "));
    setDiff(base.exposures, next.exposures, QStringLiteral("exposure-removed"),
            QStringLiteral("way in removed: "));
    return out;
}

} // namespace tollgate
