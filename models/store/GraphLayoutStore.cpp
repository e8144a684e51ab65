#include "store/GraphLayoutStore.h"

#include "Statement.h"
#include "base/Logging.h"
#include "store/Workspace.h"

#include <QJsonDocument>

namespace tollgate {

Result<std::optional<GraphLayout::Positions>> GraphLayoutStore::load(qint64 snapshotId,
                                                                     const QByteArray& key) const
{
    Statement q(m_ws.handle(), "SELECT detail FROM cache_runs WHERE snapshot_id = ? AND engine = ? AND "
                               "engine_version = ? AND input_digest = ? ORDER BY id DESC LIMIT 1");
    q.bind(1, snapshotId)
        .bind(2, QString::fromLatin1(Engine))
        .bind(3, QString::fromLatin1(GraphLayout::Version))
        .bind(4, key);
    if (!q.step()) {
        if (q.failed())
            return Error(m_ws.path(), 0,
                         QStringLiteral("cannot read the layout cache: %1").arg(q.errorText()));
        return std::optional<GraphLayout::Positions>();
    }
    return std::optional<GraphLayout::Positions>(
        GraphLayout::Positions::fromJson(QJsonDocument::fromJson(q.bytes(0)).object()));
}

Status GraphLayoutStore::save(qint64 snapshotId, const QByteArray& key,
                              const GraphLayout::Positions& positions)
{
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    Statement q(
        m_ws.handle(),
        "INSERT OR REPLACE INTO cache_runs(snapshot_id, engine, engine_version, input_digest, computed_at, "
        "detail) VALUES (?,?,?,?,?,?)");
    q.bind(1, snapshotId)
        .bind(2, QString::fromLatin1(Engine))
        .bind(3, QString::fromLatin1(GraphLayout::Version))
        .bind(4, key)
        .bind(5, m_ws.nowText())
        .bind(6, QJsonDocument(positions.toJson()).toJson(QJsonDocument::Compact));
    if (!q.exec())
        return Error(m_ws.path(), 0, QStringLiteral("cannot store the layout: %1").arg(q.errorText()));
    return tx.commit();
}

Result<GraphLayout::Positions> GraphLayoutStore::positions(qint64 snapshotId, const Graph& graph,
                                                           bool* cached)
{
    const QByteArray key = GraphLayout::key(graph);
    auto stored = load(snapshotId, key);
    if (!stored)
        return stored.error();
    if (stored->has_value() && (*stored)->isValidFor(graph)) {
        if (cached)
            *cached = true;
        return std::move(**stored);
    }
    if (cached)
        *cached = false;
    auto computed = GraphLayout::compute(graph);
    if (!computed)
        return computed.error();
    if (!m_ws.isReadOnly()) {
        if (auto s = save(snapshotId, key, computed.value()); !s)
            qCWarning(lcGraph) << "layout not cached:" << s.error().toString();
    }
    return computed;
}

} // namespace tollgate
