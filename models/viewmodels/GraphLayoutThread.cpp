#include "viewmodels/GraphLayoutThread.h"

#include "base/Logging.h"

#include <QElapsedTimer>
#include <QPointer>

namespace tollgate {

GraphLayoutThread::GraphLayoutThread(QObject* parent) : QObject(parent), m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("graph layout"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

GraphLayoutThread::~GraphLayoutThread()
{
    m_thread.quit();
    m_thread.wait();
}

void GraphLayoutThread::request(Graph graph, QObject* context, Done done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(m_worker, [graph = std::move(graph), guard, done = std::move(done)]() {
        QElapsedTimer timer;
        timer.start();
        Result<GraphLayout::Positions> positions = GraphLayout::compute(graph);
        qCDebug(lcGraph) << "layout of" << graph.nodes.size() << "nodes on the layout thread took"
                         << timer.elapsed() << "ms";
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, positions = std::move(positions)]() {
                if (guard)
                    done(positions);
            },
            Qt::QueuedConnection);
    });
}

} // namespace tollgate
