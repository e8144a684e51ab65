#include "app/cli/command/WorkspaceAccess.h"

#include "kube/ManifestLoader.h"
#include "store/SnapshotStore.h"

namespace tollgate::cli {

std::unique_ptr<Workspace> WorkspaceAccess::open(const QString& path, Workspace::OpenMode mode,
                                                 CliContext& ctx, const QString& verb)
{
    auto ws = Workspace::open(path, mode, ctx.clock, ctx.identity);
    if (!ws) {
        ctx.err << "tollgate-cli " << verb << ": error: " << ws.error().toString() << "\n";
        ctx.err.flush();
        return nullptr;
    }
    return std::move(ws).value();
}

qint64 WorkspaceAccess::snapshotByName(Workspace& ws, const QString& given, CliContext& ctx,
                                       const QString& verb)
{
    SnapshotStore store(ws);
    bool ok = false;
    const qint64 id = given.toLongLong(&ok);
    if (ok) {
        if (auto s = store.get(id); s)
            return id;
    }
    // Accept a label too.
    if (auto all = store.list(); all) {
        for (const SnapshotInfo& s : all.value())
            if (s.label == given)
                return s.id;
    }
    ctx.err << "tollgate-cli " << verb << ": error: no snapshot '" << given << "' in " << ws.path() << "\n";
    ctx.err.flush();
    return 0;
}

qint64 WorkspaceAccess::snapshot(Workspace& ws, const QCommandLineParser& parser, CliContext& ctx,
                                 const QString& verb)
{
    SnapshotStore store(ws);
    const QString given = parser.value(QStringLiteral("snapshot"));
    if (!given.isEmpty())
        return snapshotByName(ws, given, ctx, verb);
    auto latest = store.latestId();
    if (!latest) {
        ctx.err << "tollgate-cli " << verb << ": error: " << latest.error().toString() << "\n";
        ctx.err.flush();
        return 0;
    }
    return latest.value();
}

std::optional<QList<ManifestDocument>> WorkspaceAccess::objects(const QCommandLineParser& parser,
                                                                const QString& workspacePath, CliContext& ctx,
                                                                const QString& verb)
{
    auto fail = [&](const QString& message) {
        ctx.err << "tollgate-cli " << verb << ": error: " << message << "\n";
        ctx.err.flush();
        return std::nullopt;
    };
    if (workspacePath.isEmpty()) {
        auto loaded = ManifestLoader::load({parser.value(QStringLiteral("dir"))});
        if (!loaded)
            return fail(loaded.error().toString());
        for (const Error& w : loaded->warnings)
            ctx.err << "warning: " << w.toString() << "\n";
        return loaded->objects;
    }
    auto ws = open(workspacePath, Workspace::OpenMode::ReadOnly, ctx, verb);
    if (!ws)
        return std::nullopt;
    const qint64 snap = snapshot(*ws, parser, ctx, verb);
    if (!snap)
        return std::nullopt;
    auto o = SnapshotStore(*ws).objects(snap);
    if (!o)
        return fail(o.error().toString());
    return o.value();
}

} // namespace tollgate::cli
