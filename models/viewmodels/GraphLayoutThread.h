#pragma once

#include "graph/GraphLayout.h"

#include <QObject>
#include <QThread>
#include <functional>

namespace tollgate {

// The one thread the GUI lays graphs out on. Graphviz is not thread-safe and a 5,000-workload layout
// takes about a second: requests run here, one after the other, off the GUI thread, and each answer
// comes back on the requester's thread. Graphviz cannot be interrupted, so a request that is no longer
// wanted still finishes; its answer is dropped by whoever tracks the newest request (a generation).
class GraphLayoutThread : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<GraphLayout::Positions>)>;

    explicit GraphLayoutThread(QObject* parent = nullptr);
    ~GraphLayoutThread() override; // waits for the running layout

    // Lays `graph` out on the layout thread; `done` runs later in `context`'s thread (dropped when
    // `context` is gone by then).
    void request(Graph graph, QObject* context, Done done);

private:
    QThread m_thread;
    QObject* m_worker;
};

} // namespace tollgate
