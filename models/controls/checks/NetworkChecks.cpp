#include "controls/checks/Checks.h"
#include "kube/LabelSelector.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace tollgate::checks {

namespace {

// Namespaces the network checks look at: those with workload templates, outside the exempt ones.
QStringList workloadNamespaces(const CheckContext& ctx)
{
    QStringList out;
    for (const WorkloadInfo* w : ctx.templates())
        if (!out.contains(w->ns))
            out << w->ns;
    out.sort();
    return out;
}

bool hasType(const QJsonObject& spec, const QString& direction)
{
    const QJsonValue types = spec.value(QLatin1String("policyTypes"));
    if (types.isArray()) {
        for (const QJsonValue& t : types.toArray())
            if (t.toString() == direction)
                return true;
        return false;
    }
    // Without policyTypes: Ingress always, Egress when the policy has egress rules.
    return direction == QLatin1String("Ingress") || spec.contains(QLatin1String("egress"));
}

bool selectsAll(const QJsonObject& spec)
{
    const QJsonObject sel = spec.value(QLatin1String("podSelector")).toObject();
    return sel.value(QLatin1String("matchLabels")).toObject().isEmpty() &&
           sel.value(QLatin1String("matchExpressions")).toArray().isEmpty();
}

CheckEmitter::Subject namespaceSubject(const CheckContext& ctx, const QString& ns)
{
    CheckEmitter::Subject s;
    s.kind = QStringLiteral("namespace");
    s.name = ns;
    s.ns = ns;
    for (const NamespaceInfo& n : ctx.inventory.namespaces)
        if (n.name == ns && n.object >= 0) {
            s.where = ctx.where(n.object);
            s.line = ctx.lineOf(n.object);
        }
    return s;
}

} // namespace

void netDefaultDeny(const Control& control, const CheckContext& ctx, CheckEmitter& out)
{
    const QString direction =
        control.params.value(QLatin1String("direction")).toString(QStringLiteral("Ingress"));
    const QString rulesKey =
        direction == QLatin1String("Ingress") ? QStringLiteral("ingress") : QStringLiteral("egress");
    const QList<int> policies =
        ctx.objectsOf(QStringLiteral("NetworkPolicy"), QStringLiteral("networking.k8s.io"));
    for (const QString& ns : workloadNamespaces(ctx)) {
        QString found;
        QStringList partial;
        for (int i : policies) {
            const QJsonObject& body = ctx.objects.at(i).body;
            const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
            if (meta.value(QLatin1String("namespace")).toString() != ns)
                continue;
            const QJsonObject spec = body.value(QLatin1String("spec")).toObject();
            if (!selectsAll(spec) || !hasType(spec, direction))
                continue;
            const QString name = meta.value(QLatin1String("name")).toString();
            if (spec.value(rulesKey).toArray().isEmpty()) {
                found = QStringLiteral("NetworkPolicy %1/%2 (%3) selects every pod and allows no %4")
                            .arg(ns, name, ctx.where(i), direction.toLower());
                break;
            }
            partial << QStringLiteral("%1/%2 selects every pod but allows some %3")
                           .arg(ns, name, direction.toLower());
        }
        if (!found.isEmpty())
            out.pass(namespaceSubject(ctx, ns), found);
        else
            out.open(namespaceSubject(ctx, ns),
                     QStringLiteral(
                         "namespace %1 has no default-deny %2 NetworkPolicy (podSelector {} with policyTypes "
                         "[%2] and no %3 rules)%4")
                         .arg(ns, direction, rulesKey,
                              partial.isEmpty() ? QString()
                                                : QStringLiteral("; ") + partial.join(QStringLiteral("; "))));
    }
}

void netUnselected(const Control&, const CheckContext& ctx, CheckEmitter& out)
{
    struct Policy
    {
        QString ns;
        QString name;
        LabelSelector selector;
    };
    QList<Policy> policies;
    for (int i : ctx.objectsOf(QStringLiteral("NetworkPolicy"), QStringLiteral("networking.k8s.io"))) {
        const QJsonObject& body = ctx.objects.at(i).body;
        const QJsonObject meta = body.value(QLatin1String("metadata")).toObject();
        auto sel = LabelSelector::parse(
            body.value(QLatin1String("spec")).toObject().value(QLatin1String("podSelector")));
        if (sel)
            policies.append({meta.value(QLatin1String("namespace")).toString(),
                             meta.value(QLatin1String("name")).toString(), *sel});
    }
    QHash<QString, QList<const Policy*>> byNamespace;
    for (const Policy& p : std::as_const(policies))
        byNamespace[p.ns] << &p;
    for (const WorkloadInfo* w : ctx.templates()) {
        QStringList by;
        for (const Policy* p : byNamespace.value(w->ns))
            if (p->selector.matches(w->podLabels))
                by << p->name;
        const QString head =
            QStringLiteral("%1 %2/%3 (%4)").arg(w->kind, w->ns, w->name, ctx.where(w->object));
        if (by.isEmpty())
            out.open(
                subjectOf(ctx, *w),
                head +
                    QStringLiteral(": no NetworkPolicy selects its pods (labels %1): open in both directions")
                        .arg(QString::fromUtf8(QJsonDocument(w->podLabels).toJson(QJsonDocument::Compact))));
        else
            out.pass(subjectOf(ctx, *w),
                     head + QStringLiteral(": selected by ") + by.join(QStringLiteral(", ")));
    }
}

} // namespace tollgate::checks
