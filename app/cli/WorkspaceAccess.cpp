#include "WorkspaceAccess.h"

#include "SnapshotStore.h"

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

qint64 WorkspaceAccess::snapshot(Workspace& ws, const QCommandLineParser& parser, CliContext& ctx,
                                 const QString& verb)
{
    SnapshotStore store(ws);
    const QString given = parser.value(QStringLiteral("snapshot"));
    if (!given.isEmpty()) {
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
        ctx.err << "tollgate-cli " << verb << ": error: no snapshot '" << given << "' in " << ws.path()
                << "\n";
        ctx.err.flush();
        return 0;
    }
    auto latest = store.latestId();
    if (!latest) {
        ctx.err << "tollgate-cli " << verb << ": error: " << latest.error().toString() << "\n";
        ctx.err.flush();
        return 0;
    }
    return latest.value();
}

} // namespace tollgate::cli
