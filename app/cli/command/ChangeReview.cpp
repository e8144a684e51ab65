#include "app/cli/command/ChangeReview.h"

#include "changes/ChangeSet.h"
#include "store/ChangeStore.h"
#include "store/SnapshotStore.h"

namespace tollgate::cli {

void ChangeReview::addSnapshotOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("base"),
                      QStringLiteral("The older snapshot (default: the baseline, else the first)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("new"), QStringLiteral("The newer snapshot (default: the latest)."),
                      QStringLiteral("ID")});
}

std::optional<ChangeReview> ChangeReview::load(Workspace& ws, const QCommandLineParser& parser,
                                               CliContext& ctx, const QString& verb)
{
    return load(ws, parser.value(QStringLiteral("base")), parser.value(QStringLiteral("new")), ctx, verb);
}

std::optional<ChangeReview> ChangeReview::load(Workspace& ws, const QString& baseGiven,
                                               const QString& newGiven, CliContext& ctx, const QString& verb)
{
    auto fail = [&](const QString& what) {
        ctx.err << "tollgate-cli " << verb << ": error: " << what << "\n";
        ctx.err.flush();
        return std::nullopt;
    };
    SnapshotStore store(ws);
    auto all = store.list();
    if (!all)
        return fail(all.error().toString());
    if (all->size() < 1)
        return fail(QStringLiteral("the workspace has no snapshot"));
    auto resolve = [&](const QString& given) -> qint64 {
        bool ok = false;
        const qint64 id = given.toLongLong(&ok);
        for (const SnapshotInfo& s : all.value())
            if ((ok && s.id == id) || s.label == given)
                return s.id;
        return 0;
    };
    ChangeReview r;
    if (!baseGiven.isEmpty()) {
        r.base = resolve(baseGiven);
        if (!r.base)
            return fail(QStringLiteral("no snapshot '%1'").arg(baseGiven));
    } else {
        auto b = ChangeStore(ws).baseline();
        if (!b)
            return fail(b.error().toString());
        r.base = b->value(QLatin1String("snapshot")).toInteger();
        if (!r.base)
            r.base = all->first().id;
    }
    if (!newGiven.isEmpty()) {
        r.next = resolve(newGiven);
        if (!r.next)
            return fail(QStringLiteral("no snapshot '%1'").arg(newGiven));
    } else {
        r.next = all->last().id;
    }
    auto base = ComponentSnapshot::load(ws, r.base);
    if (!base)
        return fail(base.error().toString());
    auto next = ComponentSnapshot::load(ws, r.next);
    if (!next)
        return fail(next.error().toString());
    auto annotated = ChangeStore(ws).annotate(ChangeSet::compute(base.value(), next.value()));
    if (!annotated)
        return fail(annotated.error().toString());
    r.changes = std::move(annotated).value();
    return r;
}

void ChangeReview::addTemplateOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("template"),
                      QStringLiteral("A service template YAML file or a folder of them (repeatable; default: "
                                     "the built-in examples of resources/templates)."),
                      QStringLiteral("FILE")});
}

std::optional<QList<ServiceTemplate>> ChangeReview::templates(const QCommandLineParser& parser,
                                                              CliContext& ctx, const QString& verb)
{
    if (!parser.isSet(QStringLiteral("template")))
        return ServiceTemplate::builtIn();
    auto loaded = ServiceTemplate::loadAll(parser.values(QStringLiteral("template")));
    if (!loaded) {
        ctx.err << "tollgate-cli " << verb << ": error: " << loaded.error().toString() << "\n";
        ctx.err.flush();
        return std::nullopt;
    }
    return std::move(loaded).value();
}

} // namespace tollgate::cli
