#include "ui/pages/GraphPage.h"

#include "diagram/GraphExport.h"
#include "diagram/GraphPainter.h"
#include "graph/GraphStyle.h"
#include "store/FindingStore.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"
#include "ui/dialogs/Dialogs.h"
#include "ui/widgets/GraphView.h"
#include "ui/widgets/Icons.h"
#include "viewmodels/GraphSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {
QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString catName(int cat)
{
    return QStringLiteral("CAT ") + reports::GraphPainter::catLabel(cat);
}
} // namespace

GraphPage::GraphPage(GraphSession* session, QWidget* parent) : Page(parent), m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);

    // Filters.
    auto* filters = new QHBoxLayout;
    m_namespace = new QComboBox(this);
    m_namespace->setToolTip(tr("Only this namespace"));
    m_namespace->setMinimumContentsLength(14);
    m_system = new QCheckBox(tr("System namespaces"), this);
    m_system->setToolTip(tr("Show kube-system, istio-system and the other platform namespaces"));
    m_external = new QCheckBox(tr("External blocks"), this);
    m_external->setChecked(true);
    m_external->setToolTip(tr("Show external IP blocks and the flows to and from them"));
    m_exposed = new QCheckBox(tr("Reachable from outside"), this);
    m_exposed->setToolTip(tr("Only workloads an entry point or an external block reaches"));
    m_severity = new QComboBox(this);
    m_severity->addItem(tr("Any findings"), 0);
    m_severity->addItem(tr("CAT I"), 1);
    m_severity->addItem(tr("CAT II or worse"), 2);
    m_severity->addItem(tr("CAT III or worse"), 3);
    m_protocol = new QComboBox(this);
    m_protocol->addItem(tr("Any protocol"), QString());
    for (const char* p : {"TCP", "UDP", "SCTP"})
        m_protocol->addItem(QLatin1String(p), QLatin1String(p));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any port"));
    m_port->setToolTip(tr("Only flows that allow this port"));
    m_mtls = new QComboBox(this);
    m_mtls->addItem(tr("Any mTLS state"), QString());
    for (const QString& s : GraphStyle::mtlsStates())
        m_mtls->addItem(GraphStyle::mtlsLabel(s), s);
    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find workload (Enter: next)"));
    m_find->setClearButtonEnabled(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_namespace, m_system, m_external, m_exposed,
                                                      m_severity, m_protocol, m_port, m_mtls})
        filters->addWidget(w);
    filters->addStretch(1);
    layout->addLayout(filters);

    // Focus, collapse, compare, export.
    auto* actions = new QHBoxLayout;
    m_depth = new QComboBox(this);
    m_depth->addItem(tr("Depth 1"), 1);
    m_depth->addItem(tr("Depth 2"), 2);
    m_focus = new QPushButton(tr("&Focus on selected"), this);
    m_focus->setToolTip(tr("Show the selected workload and its neighbours"));
    m_blast = new QPushButton(tr("&Blast radius"), this);
    m_blast->setToolTip(
        tr("Everything the selected workload can reach, transitively, if it were compromised"));
    m_clearFocus = new QPushButton(tr("Clear focus"), this);
    auto* collapse = new QPushButton(tr("Collapse all"), this);
    auto* expand = new QPushButton(tr("Expand all"), this);
    m_compare = new QPushButton(tr("Changes since baseline"), this);
    m_compare->setCheckable(true);
    m_compare->setToolTip(tr("Highlight flows added (green) and changed (amber) since the approved baseline; "
                             "removed flows are drawn red and dashed"));
    m_changedOnly = new QCheckBox(tr("Changed only"), this);
    m_changedOnly->setToolTip(tr("In the comparison, only the flows and workloads that changed"));
    m_changedOnly->setEnabled(false);
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Show the whole graph (0)"));
    auto* exportButton = new QPushButton(Icons::get("export"), tr("&Export view..."), this);
    for (QWidget* w : std::initializer_list<QWidget*>{m_depth, m_focus, m_blast, m_clearFocus, collapse,
                                                      expand, m_compare, m_changedOnly, fit})
        actions->addWidget(w);
    actions->addWidget(m_find, 1);
    actions->addWidget(exportButton);
    layout->addLayout(actions);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_view = new GraphView(m_session, split);
    m_details = new QTextBrowser(split);
    m_details->setOpenLinks(false);
    m_details->setMinimumWidth(260);
    m_details->setAccessibleName(tr("Details"));
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 340});
    layout->addWidget(split, 1);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    const auto refilter = [this] { applyFilter(); };
    connect(m_namespace, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_system, &QCheckBox::toggled, this, refilter);
    connect(m_exposed, &QCheckBox::toggled, this, refilter);
    connect(m_external, &QCheckBox::toggled, this, refilter);
    connect(m_severity, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_port, &QSpinBox::editingFinished, this, refilter);
    connect(m_mtls, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_depth, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_focusTarget.isEmpty() && !m_blastRadius)
            applyFilter();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(m_find->text()); });
    connect(m_focus, &QPushButton::clicked, this, [this] {
        if (m_session->selectedNode() >= 0)
            focusOn(m_session->graph().nodes[m_session->selectedNode()].id, m_depth->currentData().toInt(),
                    false);
    });
    connect(m_blast, &QPushButton::clicked, this, [this] {
        if (m_session->selectedNode() >= 0)
            focusOn(m_session->graph().nodes[m_session->selectedNode()].id, 1, true);
    });
    connect(m_clearFocus, &QPushButton::clicked, this, &GraphPage::clearFocus);
    connect(collapse, &QPushButton::clicked, this, [this] { m_session->collapseAll(true); });
    connect(expand, &QPushButton::clicked, this, [this] { m_session->collapseAll(false); });
    connect(m_compare, &QPushButton::toggled, this, [this](bool on) {
        m_changedOnly->setEnabled(on);
        m_session->setCompare(on);
    });
    connect(m_changedOnly, &QCheckBox::toggled, m_session, &GraphSession::setChangedOnly);
    connect(fit, &QPushButton::clicked, m_view, &GraphView::fitAll);
    connect(exportButton, &QPushButton::clicked, this, &GraphPage::exportDialog);
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QString s = url.toString();
        if (s.startsWith(QLatin1String("edge:")))
            m_session->selectEdge(s.mid(5).toInt());
        else if (s.startsWith(QLatin1String("node:"))) {
            const int n = s.mid(5).toInt();
            m_session->selectNode(n);
            m_view->centerOnNode(n);
        } else if (s.startsWith(QLatin1String("expand:")))
            m_session->setCollapsed(s.mid(7), false);
    });

    connect(m_session, &GraphSession::selectionChanged, this, [this] {
        updateDetails();
        const bool node =
            m_session->selectedNode() >= 0 &&
            m_session->graph().nodes[m_session->selectedNode()].type == GraphNode::Type::Workload;
        m_focus->setEnabled(node);
        m_blast->setEnabled(node);
    });
    connect(m_view, &GraphView::clusterSelected, this, &GraphPage::updateDetails);
    connect(m_session, &GraphSession::graphChanged, this, &GraphPage::updateStatus);
    connect(m_session, &GraphSession::layoutChanged, this, &GraphPage::updateStatus);
    connect(m_session, &GraphSession::diffChanged, this, [this] {
        updateStatus();
        updateDetails();
    });
    connect(m_session, &GraphSession::collapseChanged, this, &GraphPage::updateStatus);
    m_focus->setEnabled(false);
    m_blast->setEnabled(false);
    m_clearFocus->setEnabled(false);
    updateDetails();
    updateStatus();
}

QIcon GraphPage::icon() const
{
    return Icons::get("graph");
}

void GraphPage::setContext(Workspace* ws, qint64 snapshotId)
{
    m_ws = ws;
    m_snapshot = snapshotId;
    m_loaded = false;
    m_session->markStale();
    if (isVisible())
        load();
}

void GraphPage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    if (!m_loaded)
        load();
}

bool GraphPage::isBusy() const
{
    return !m_loaded ||
           (m_session->snapshotId() > 0 && !m_session->graph().nodes.isEmpty() && m_session->layoutPending());
}

void GraphPage::load()
{
    m_loaded = true;
    m_session->setContext(m_ws, m_snapshot);
    fillNamespaces();
    {
        const QSignalBlocker block(m_external);
        m_external->setChecked(!m_session->filter().hideExternal);
        m_external->setText(tr("External blocks (%1)").arg(m_session->externalBlocks()));
    }
    updateDetails();
}

void GraphPage::fillNamespaces()
{
    const QString current = m_namespace->currentData().toString();
    QSignalBlocker block(m_namespace);
    m_namespace->clear();
    m_namespace->addItem(tr("All namespaces"), QString());
    for (const QString& ns : m_session->namespaces())
        m_namespace->addItem(ns, ns);
    m_namespace->setCurrentIndex(qMax(0, m_namespace->findData(current)));
}

void GraphPage::applyFilter()
{
    GraphFilter f;
    const QString ns = m_namespace->currentData().toString();
    if (!ns.isEmpty())
        f.namespaces << ns;
    if (!m_system->isChecked()) {
        f.hiddenNamespaces = GraphSession::systemNamespaces();
        f.hiddenNamespaces.removeAll(ns); // asked for by name: shown
    }
    f.exposedOnly = m_exposed->isChecked();
    f.hideExternal = !m_external->isChecked();
    f.minCat = m_severity->currentData().toInt();
    f.protocol = m_protocol->currentData().toString();
    f.port = m_port->value();
    f.mtls = m_mtls->currentData().toString();
    f.focus = m_focusTarget;
    f.depth = m_depth->currentData().toInt();
    f.blastRadius = m_blastRadius && !m_focusTarget.isEmpty();
    m_clearFocus->setEnabled(!m_focusTarget.isEmpty());
    m_session->setFilter(f);
}

void GraphPage::focusOn(const QString& workload, int depth, bool blastRadius)
{
    m_focusTarget = workload;
    m_blastRadius = blastRadius;
    m_depth->setCurrentIndex(depth == 2 ? 1 : 0);
    applyFilter();
    m_session->selectNodeById(workload);
}

void GraphPage::clearFocus()
{
    m_focusTarget.clear();
    m_blastRadius = false;
    applyFilter();
}

bool GraphPage::findNext(const QString& text)
{
    if (text != m_lastFind)
        m_lastMatch = -1;
    m_lastFind = text;
    const int i = m_session->find(text, m_lastMatch);
    if (i < 0) {
        m_status->setText(tr("No workload matches \"%1\" in this view.").arg(text));
        m_view->setMatchNode(-1);
        return false;
    }
    m_lastMatch = i;
    m_session->selectNode(i);
    m_view->setMatchNode(i);
    m_view->centerOnNode(i);
    return true;
}

QString GraphPage::detailsText() const
{
    return m_details->toPlainText();
}

QString GraphPage::statusText() const
{
    return m_status->text();
}

void GraphPage::updateStatus()
{
    const Graph& g = m_session->graph();
    int workloads = 0;
    for (const GraphNode& n : g.nodes)
        workloads += n.type == GraphNode::Type::Workload;
    QString s;
    if (!m_session->workspace() || m_session->snapshotId() <= 0) {
        s = tr("No snapshot.");
    } else {
        s = tr("%1 workloads, %2 nodes, %3 flows shown (%4 stored)")
                .arg(workloads)
                .arg(g.nodes.size())
                .arg(g.edges.size())
                .arg(g.storedEdges);
        if (!m_focusTarget.isEmpty())
            s += m_blastRadius ? tr("; blast radius of %1").arg(m_focusTarget)
                               : tr("; focus on %1").arg(m_focusTarget);
        if (m_session->filter().hideExternal && m_session->externalBlocks() > 0)
            s += tr("; %1 external IP blocks hidden").arg(m_session->externalBlocks());
        if (!m_session->collapsed().isEmpty())
            s += tr("; %1 namespaces collapsed (double-click to expand)")
                     .arg(m_session->collapsedClusters().size());
        if (m_session->compare()) {
            const GraphDiff& d = m_session->diff();
            s += m_session->compareBase()
                     ? tr("; compared with snapshot %1: %2 flows added, %3 changed, %4 removed")
                           .arg(m_session->compareBase())
                           .arg(d.added.size())
                           .arg(d.changed.size())
                           .arg(d.removed.size())
                     : tr("; no earlier snapshot to compare with");
        }
        if (m_session->layoutPending() && !g.nodes.isEmpty())
            s += tr("; laying out...");
        if (!m_session->error().isEmpty())
            s += QStringLiteral("; ") + m_session->error();
    }
    m_status->setText(s);
}

void GraphPage::updateDetails()
{
    QString html;
    if (m_session->selectedNode() >= 0)
        html = nodeDetails(m_session->selectedNode());
    else if (m_session->selectedEdge() >= 0)
        html = edgeDetails(m_session->selectedEdge());
    else if (m_view->selectedCluster() >= 0)
        html = clusterDetails(m_view->selectedCluster());
    else
        html = tr("<p>Click a workload, a flow or a collapsed namespace to see its details.</p>"
                  "<p>Drag to pan, wheel or +/- to zoom, 0 to fit. Double-click a namespace to collapse or "
                  "expand it.</p>");
    m_details->setHtml(html);
}

QString GraphPage::nodeDetails(int node) const
{
    const Graph& g = m_session->graph();
    const GraphNode& n = g.nodes[node];
    QString h = QStringLiteral("<h3>%1</h3>").arg(esc(n.name));
    if (!n.change.isEmpty())
        h += tr("<p><b>%1 since snapshot %2.</b></p>")
                 .arg(n.change == QLatin1String("added") ? tr("Added") : tr("Removed"))
                 .arg(m_session->compareBase());
    if (n.type == GraphNode::Type::Workload)
        h += tr("<p>%1 in namespace <b>%2</b>%3<br><small>%4</small></p>")
                 .arg(esc(n.kind), esc(n.ns), n.inherited ? tr(" (inherited platform part)") : QString(),
                      esc(n.id));
    else
        h += tr("<p>%1 (%2)</p>")
                 .arg(n.type == GraphNode::Type::Entry ? tr("Entry point from outside")
                                                       : tr("External IP block"),
                      esc(n.kind));

    if (n.type == GraphNode::Type::Workload) {
        h += tr("<h4>Open findings: %1%2</h4>")
                 .arg(n.openFindings)
                 .arg(n.worstCat ? tr(", worst %1").arg(catName(n.worstCat)) : QString());
        if (m_session->workspace() && n.openFindings > 0) {
            FindingStore::Filter f;
            f.snapshotId = m_session->snapshotId();
            f.status = QStringLiteral("Open");
            f.workload = n.ns + QLatin1Char('/') + n.kind + QLatin1Char('/') + n.name;
            auto rows = FindingStore(*m_session->workspace()).findings(f);
            if (rows) {
                h += QStringLiteral("<ul>");
                int shown = 0;
                for (const QJsonObject& r : rows.value()) {
                    if (++shown > 12) {
                        h += tr("<li>... and %1 more on the Findings page</li>").arg(rows->size() - 12);
                        break;
                    }
                    const int cat = r.value(QLatin1String("severity_cat")).toInt();
                    h += QStringLiteral("<li><b>%1</b> %2: %3</li>")
                             .arg(cat ? catName(cat) : QStringLiteral("-"),
                                  esc(r.value(QLatin1String("rule")).toString()),
                                  esc(r.value(QLatin1String("title")).toString().left(120)));
                }
                h += QStringLiteral("</ul>");
            }
        }
    }

    QString in, out;
    int nin = 0, nout = 0;
    for (int i = 0; i < g.edges.size(); ++i) {
        const GraphEdge& e = g.edges[i];
        if (e.dst == node) {
            ++nin;
            in += QStringLiteral("<li><a href=\"edge:%1\">%2</a> %3 <small>(%4)</small></li>")
                      .arg(i)
                      .arg(esc(g.nodes[e.src].name), esc(e.conn), esc(GraphStyle::mtlsLabel(e.mtls)));
        }
        if (e.src == node) {
            ++nout;
            out += QStringLiteral("<li><a href=\"edge:%1\">%2</a> %3 <small>(%4)</small></li>")
                       .arg(i)
                       .arg(esc(g.nodes[e.dst].name), esc(e.conn), esc(GraphStyle::mtlsLabel(e.mtls)));
        }
    }
    h += tr("<h4>Flows in: %1</h4><ul>%2</ul>").arg(nin).arg(in);
    h += tr("<h4>Flows out: %1</h4><ul>%2</ul>").arg(nout).arg(out);
    return h;
}

QString GraphPage::edgeDetails(int edge) const
{
    const Graph& g = m_session->graph();
    const GraphEdge& e = g.edges[edge];
    QString h = QStringLiteral("<h3><a href=\"node:%1\">%2</a> &rarr; <a href=\"node:%3\">%4</a></h3>")
                    .arg(e.src)
                    .arg(esc(g.nodes[e.src].name))
                    .arg(e.dst)
                    .arg(esc(g.nodes[e.dst].name));
    h += tr("<p><b>Connection:</b> %1<br><b>mTLS:</b> %2</p>")
             .arg(esc(e.conn), esc(GraphStyle::mtlsLabel(e.mtls)));
    if (e.change == QLatin1String("added"))
        h += tr("<p><b>Added since snapshot %1.</b></p>").arg(m_session->compareBase());
    else if (e.change == QLatin1String("changed"))
        h += tr("<p><b>Ports changed since snapshot %1.</b></p>").arg(m_session->compareBase());
    else if (e.change == QLatin1String("removed"))
        h += tr("<p><b>Removed since snapshot %1</b>: allowed then, no longer allowed (its old ports and "
                "rules are shown).</p>")
                 .arg(m_session->compareBase());
    h += tr("<h4>Allowed by</h4><ul>");
    for (const QString& w : e.why)
        h += QStringLiteral("<li>%1</li>").arg(esc(w));
    h += QStringLiteral("</ul>");
    if (!e.mtlsWhy.isEmpty() || !e.mtlsPorts.isEmpty()) {
        h += tr("<h4>mTLS decided by</h4><ul>");
        for (const QString& w : e.mtlsWhy)
            h += QStringLiteral("<li>%1</li>").arg(esc(w));
        for (auto it = e.mtlsPorts.begin(); it != e.mtlsPorts.end(); ++it)
            h += tr("<li>port %1: %2</li>")
                     .arg(esc(it.key()), esc(GraphStyle::mtlsLabel(it.value().toString())));
        h += QStringLiteral("</ul>");
    }
    h += tr("<h4>L7 conditions (AuthorizationPolicy)</h4>");
    if (e.authz.isEmpty())
        h += tr("<p>None: no AuthorizationPolicy applies to this flow.</p>");
    else
        h += QStringLiteral("<pre>%1</pre>")
                 .arg(esc(QString::fromUtf8(QJsonDocument(e.authz).toJson(QJsonDocument::Indented))));
    return h;
}

QString GraphPage::clusterDetails(int cluster) const
{
    const Graph& g = m_session->graph();
    if (cluster < 0 || cluster >= g.clusters.size())
        return {};
    const GraphCluster& c = g.clusters[cluster];
    QSet<int> members(c.nodes.cbegin(), c.nodes.cend());
    int in = 0, out = 0, open = 0, worst = 0;
    for (const GraphEdge& e : g.edges) {
        const bool s = members.contains(e.src), d = members.contains(e.dst);
        in += d && !s;
        out += s && !d;
    }
    QString list;
    for (int n : c.nodes) {
        const GraphNode& node = g.nodes[n];
        open += node.openFindings;
        if (node.worstCat && (!worst || node.worstCat < worst))
            worst = node.worstCat;
        list += QStringLiteral("<li><a href=\"node:%1\">%2</a> <small>%3</small></li>")
                    .arg(n)
                    .arg(esc(node.name), esc(node.kind));
    }
    return tr("<h3>namespace %1</h3><p>%2 workloads, %3 open findings%4<br>%5 flows in, %6 flows out</p>"
              "<p><a href=\"expand:%1\">Expand</a> (or double-click the namespace)</p><ul>%7</ul>")
        .arg(esc(c.ns))
        .arg(c.nodes.size())
        .arg(open)
        .arg(worst ? tr(", worst %1").arg(catName(worst)) : QString())
        .arg(in)
        .arg(out)
        .arg(list);
}

bool GraphPage::exportView(const QString& path, QString* error)
{
    if (!m_session->positions() || m_session->graph().nodes.isEmpty()) {
        if (error)
            *error = tr("There is no diagram to export yet.");
        return false;
    }
    reports::GraphPainter::Options o;
    o.system =
        m_session->workspace() ? QFileInfo(m_session->workspace()->path()).completeBaseName() : QString();
    o.snapshot = QString::number(m_session->snapshotId());
    if (m_session->workspace())
        if (auto info = SnapshotStore(*m_session->workspace()).get(m_session->snapshotId())) {
            o.cluster = info->cluster;
            if (!info->label.isEmpty())
                o.snapshot += QStringLiteral(" (%1)").arg(info->label);
            o.date = info->importedAt.left(10);
        }
    o.collapsed = m_session->collapsedClusters();
    if (m_session->compare())
        o.comparedWith = tr("snapshot %1").arg(m_session->compareBase());
    o.marks.node = m_session->selectedNode();
    o.marks.edge = m_session->selectedEdge();
    const reports::GraphPainter painter(m_session->graph(), *m_session->positions(), o);
    const Status s = reports::GraphExport::write(painter, path);
    if (!s && error)
        *error = s.error().toString();
    return bool(s);
}

void GraphPage::exportDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the current view"), QString(),
                                                      tr("SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportView(path, &error))
        Dialogs::error(this, tr("Export failed"), error);
    else
        m_status->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace tollgate::ui
