#include "reports/content/ReviewReport.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "changes/ChangeSet.h"
#include "changes/ServiceTemplate.h"
#include "controls/ControlCatalog.h"
#include "controls/ControlRunner.h"
#include "diagram/GraphExport.h"
#include "diagram/GraphPainter.h"
#include "findings/Severity.h"
#include "graph/GraphBuilder.h"
#include "network/FlowFormatter.h"
#include "network/MeshModel.h"
#include "posture/GraphBadges.h"
#include "reports/content/ReportColumns.h"
#include "reports/signing/FipsStatus.h"
#include "store/AuditLog.h"
#include "store/ChangeStore.h"
#include "store/DecisionStore.h"
#include "store/FindingStore.h"
#include "store/GraphLayoutStore.h"
#include "store/SnapshotContext.h"
#include "store/SnapshotStore.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>

namespace tollgate {

namespace {

QJsonArray rows(const QList<QJsonObject>& list)
{
    QJsonArray a;
    for (const QJsonObject& o : list)
        a.append(o);
    return a;
}

QString esc(const QJsonValue& v);

// An object as a reader wants it, not as JSON: its summary when it has one (a template evaluation:
// "conforms to template web-service (12 conditions met)", then what failed), else "key: value" pairs.
QString escObject(const QJsonObject& o)
{
    if (o.contains(QLatin1String("summary"))) {
        QString out = o.value(QLatin1String("summary")).toString().toHtmlEscaped();
        QStringList failed;
        for (const QJsonValue& f : o.value(QLatin1String("failed")).toArray()) {
            const QJsonObject c = f.toObject();
            failed << QString(c.value(QLatin1String("condition")).toString() + QStringLiteral(": ") +
                              c.value(QLatin1String("requirement")).toString())
                          .toHtmlEscaped();
        }
        if (!failed.isEmpty())
            out += QStringLiteral("; not met: ") + failed.join(QStringLiteral("; "));
        return out;
    }
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it)
        parts << it.key().toHtmlEscaped() + QStringLiteral(": ") + esc(it.value());
    return parts.join(QStringLiteral("; "));
}

QString esc(const QJsonValue& v)
{
    if (v.isArray()) {
        QStringList parts;
        bool objects = false;
        for (const QJsonValue& x : v.toArray()) {
            if (x.isObject()) {
                parts << escObject(x.toObject());
                objects = true;
                continue;
            }
            parts << (x.isString()
                          ? x.toString()
                          : QString::fromUtf8(QJsonDocument(QJsonArray{x}).toJson(QJsonDocument::Compact))
                                .mid(1)
                                .chopped(1))
                         .toHtmlEscaped();
        }
        return parts.join(objects ? QStringLiteral("<br>") : QStringLiteral(", "));
    }
    if (v.isObject())
        return escObject(v.toObject());
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    // Long identifiers (image references, digests, peer names) may break after / : @ = so that a table
    // column stays inside the page; <wbr> adds no character when the text is copied.
    QString text = v.toString().toHtmlEscaped();
    if (text.size() > 40) {
        static const QRegularExpression breakAfter(QStringLiteral("([/:@=,])"));
        text.replace(breakAfter, QStringLiteral("\\1<wbr>"));
    }
    return text;
}

QString table(const QJsonArray& list, const QList<QPair<QString, QString>>& cols)
{
    QString h = QStringLiteral("<table><thead><tr>");
    for (const auto& c : cols)
        h += QStringLiteral("<th>") + c.second.toHtmlEscaped() + QStringLiteral("</th>");
    h += QStringLiteral("</tr></thead><tbody>");
    for (const QJsonValue& v : list) {
        h += QStringLiteral("<tr>");
        for (const auto& c : cols)
            h += QStringLiteral("<td>") + esc(v.toObject().value(c.first)) + QStringLiteral("</td>");
        h += QStringLiteral("</tr>");
    }
    return h + QStringLiteral("</tbody></table>");
}

} // namespace

QList<QPair<QString, QString>> ReviewReport::optionalSections()
{
    return {{QStringLiteral("diagram"), QStringLiteral("Network-flow diagram")},
            {QStringLiteral("boundary_flows"), QStringLiteral("Ports, protocols and services")},
            {QStringLiteral("controls"), QStringLiteral("Controls")},
            {QStringLiteral("scan_findings"), QStringLiteral("Scan findings")},
            {QStringLiteral("inventory"), QStringLiteral("Inventory")},
            {QStringLiteral("mesh"), QStringLiteral("Mesh")}};
}

Result<QJsonObject> ReviewReport::build(Workspace& ws, const Options& options, Diagram* keep)
{
    QElapsedTimer phase;
    phase.start();
    SnapshotStore snapshots(ws);
    // The snapshot's objects, inventory, mesh and flows, loaded once for every part below.
    auto context = SnapshotContext::load(ws, options.snapshotId);
    if (!context)
        return context.error();
    const qint64 snap = context->snapshotId();
    const SnapshotInfo* info = &context->info();
    const Inventory& inv = context->inventory();
    const MeshModel& mesh = context->mesh();
    qCDebug(lcReports) << "report: objects, inventory, mesh" << phase.restart() << "ms";
    auto catalog = ControlCatalog::builtIn();
    if (!catalog)
        return catalog.error();
    if (options.runControls) {
        // The report shows the controls as they stand: an identical earlier run is reused.
        auto run = ControlRunner(ws, catalog.value(), options.tailoring).run(context.value());
        if (!run)
            return run.error();
    }
    qCDebug(lcReports) << "report: controls" << phase.restart() << "ms";

    QJsonObject report;
    report.insert(QStringLiteral("format"), QStringLiteral("tollgate-review-report/1"));
    report.insert(QStringLiteral("kind"), options.kind);
    report.insert(QStringLiteral("marking"), options.marking);
    report.insert(QStringLiteral("recommendation"), options.recommendation);
    report.insert(QStringLiteral("residual_risk"), options.residualRisk);

    // Title block.
    QJsonObject title;
    title.insert(QStringLiteral("system"), QFileInfo(ws.path()).completeBaseName());
    title.insert(QStringLiteral("cluster"), info->cluster);
    title.insert(QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), snap},
                                                         {QStringLiteral("label"), info->label},
                                                         {QStringLiteral("digest"), info->digest},
                                                         {QStringLiteral("imported_at"), info->importedAt}});
    auto files = snapshots.listing(snap, SnapshotStore::Listing::Files);
    if (!files)
        return files.error();
    QJsonArray inputs;
    for (const QJsonObject& f : files.value())
        inputs.append(QJsonObject{{QStringLiteral("path"), f.value(QLatin1String("path"))},
                                  {QStringLiteral("sha256"), f.value(QLatin1String("sha256"))}});
    title.insert(QStringLiteral("inputs"), inputs);
    auto imports = FindingStore(ws).imports();
    if (!imports)
        return imports.error();
    QJsonArray scans;
    for (const QJsonObject& i : imports.value())
        if (i.value(QLatin1String("snapshot")).toInteger() == snap)
            scans.append(QJsonObject{{QStringLiteral("file"), i.value(QLatin1String("file"))},
                                     {QStringLiteral("sha256"), i.value(QLatin1String("sha256"))},
                                     {QStringLiteral("format"), i.value(QLatin1String("format"))},
                                     {QStringLiteral("scanned_at"), i.value(QLatin1String("scanned_at"))}});
    title.insert(QStringLiteral("scans"), scans);
    title.insert(
        QStringLiteral("catalog"),
        QJsonObject{{QStringLiteral("engine"), QLatin1String(ControlRunner::Version)},
                    {QStringLiteral("sha256"), catalog ? QString::fromLatin1(catalog->digest()) : QString()},
                    {QStringLiteral("benchmarks"),
                     QStringLiteral("Container Platform SRG V2R1; Kubernetes STIG V1R11")}});
    title.insert(QStringLiteral("tool_version"), QStringLiteral(TOLLGATE_VERSION));
    title.insert(QStringLiteral("reviewer"),
                 options.reviewer.isEmpty() ? ws.identity().reviewer() : options.reviewer);
    title.insert(QStringLiteral("os_user"), ws.identity().osUser());
    title.insert(QStringLiteral("date"), ws.nowText());
    title.insert(QStringLiteral("fips_mode"), FipsStatus::describe());
    report.insert(QStringLiteral("title"), title);

    qCDebug(lcReports) << "report: title block" << phase.restart() << "ms";
    // Findings of the snapshot (scans imported against it and Tollgate's check runs on it).
    auto findings = FindingStore(ws).reportRows(snap);
    if (!findings)
        return findings.error();
    qCDebug(lcReports) << "report: findings read" << phase.restart() << "ms";
    QJsonObject openByCat{
        {QStringLiteral("CAT I"), 0}, {QStringLiteral("CAT II"), 0}, {QStringLiteral("CAT III"), 0}};
    QMap<QString, QJsonObject> controls;
    // Each control's results, collected apart and inserted once: copying the array out of the
    // control, appending and inserting it back made every result cost the whole list so far.
    QHash<QString, QJsonArray> results;
    const DecisionStore decisions(static_cast<const Workspace&>(ws));
    auto histories = decisions.historyAll();
    if (!histories)
        return histories.error();
    auto historyOf = [&histories](const QString& identity) -> QJsonArray {
        QJsonArray out;
        for (const DecisionStore::Decision& d : histories->value(identity))
            out.append(d.toJson());
        return out;
    };
    for (const QJsonObject& f : findings.value()) {
        const QString status =
            f.value(QLatin1String(f.contains(QLatin1String("review_status")) ? "review_status" : "status"))
                .toString();
        const QString cat =
            Severity::label(f.value(QLatin1String("severity_override")).toString().isEmpty()
                                ? f.value(QLatin1String("severity_cat")).toInt()
                                : Severity::parseCat(f.value(QLatin1String("severity_override")).toString()));
        if (status == QLatin1String("Open"))
            openByCat.insert(cat, openByCat.value(cat).toInt() + 1);
        if (f.value(QLatin1String("source")).toString() != QLatin1String("tollgate"))
            continue;
        const QString rule = f.value(QLatin1String("rule")).toString();
        QJsonObject& c = controls[rule];
        c.insert(QStringLiteral("control"), f.value(QLatin1String("rule")));
        c.insert(QStringLiteral("title"), f.value(QLatin1String("title")));
        c.insert(QStringLiteral("severity"), f.value(QLatin1String("severity")));
        c.insert(status, c.value(status).toInt() + 1);
        if (status != QLatin1String("NotAFinding"))
            results[rule].append(QJsonObject{
                {QStringLiteral("status"), status},
                {QStringLiteral("subject"), f.value(QLatin1String("subject"))},
                {QStringLiteral("where"), f.value(QLatin1String("position"))},
                {QStringLiteral("evidence"),
                 f.value(QLatin1String("evidence")).toString().section(QLatin1Char('\n'), 0, 0)},
                {QStringLiteral("risk"), f.value(QLatin1String("risk"))},
                {QStringLiteral("severity_override"), f.value(QLatin1String("severity_override"))},
                {QStringLiteral("review_history"),
                 historyOf(f.value(QLatin1String("identity")).toString())}});
    }
    for (auto it = results.cbegin(); it != results.cend(); ++it)
        controls[it.key()].insert(QStringLiteral("results"), it.value());
    qCDebug(lcReports) << "report: findings by control" << phase.restart() << "ms";
    QJsonArray byControl;
    if (catalog)
        for (const Control& ctl : catalog->controls())
            if (controls.contains(ctl.id))
                byControl.append(controls.value(ctl.id));
    report.insert(QStringLiteral("open_findings"), openByCat);
    report.insert(QStringLiteral("controls"), byControl);
    QList<QJsonObject> imported;
    for (const QJsonObject& f : findings.value())
        if (f.value(QLatin1String("source")).toString() != QLatin1String("tollgate"))
            imported << f;
    report.insert(QStringLiteral("scan_findings"), rows(FindingStore::summarise(imported)));

    qCDebug(lcReports) << "report: scan findings summary" << phase.restart() << "ms";
    // Ports, protocols and services that cross the boundary.
    auto flows = context->flows(ws);
    if (!flows)
        return flows.error();
    QJsonArray pps;
    for (const FlowFormatter::Line& l : FlowFormatter::lines(flows.value(), {}, true)) {
        const bool outside = l.src.contains(QLatin1String("[External]")) ||
                             l.dst.contains(QLatin1String("[External]")) ||
                             l.src.startsWith(QLatin1Char('{')) || l.dst.startsWith(QLatin1Char('{'));
        if (outside)
            pps.append(QJsonObject{{QStringLiteral("from"), l.src},
                                   {QStringLiteral("to"), l.dst},
                                   {QStringLiteral("ports"), l.conn},
                                   {QStringLiteral("mtls"), l.mtls}});
    }
    report.insert(QStringLiteral("boundary_flows"), pps);

    qCDebug(lcReports) << "report: boundary flows" << phase.restart() << "ms";
    // The network-flow diagram, drawn by the same painter as `graph --out`.
    QJsonObject diagram;
    if (options.omit.contains(QLatin1String("diagram"))) {
        // Left out on request: nothing drawn.
    } else if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        // The badges come from the findings read above (the same rows forSnapshot would read again).
        const Graph graph = GraphBuilder::build(flows.value(), GraphBadges::fromRows(findings.value()));
        auto positions = GraphLayoutStore(ws).positions(snap, graph);
        if (!positions)
            return positions.error();
        reports::GraphPainter::Options o;
        o.marking = options.marking;
        o.system = QFileInfo(ws.path()).completeBaseName();
        o.cluster = info->cluster;
        o.snapshot = QStringLiteral("%1 (%2)").arg(snap).arg(info->label);
        o.date = info->importedAt.left(10);
        diagram.insert(QStringLiteral("nodes"), static_cast<int>(graph.nodes.size()));
        diagram.insert(QStringLiteral("flows"), static_cast<int>(graph.edges.size()));
        // A renderer that paints the kept diagram itself (the PDF) needs no SVG text.
        if (!keep || options.diagramSvg) {
            auto svg = reports::GraphExport::svgBytes(reports::GraphPainter(graph, positions.value(), o));
            if (!svg)
                return svg.error();
            diagram.insert(QStringLiteral("svg_sha256"), QString::fromLatin1(Sha256::hex(svg.value())));
            diagram.insert(QStringLiteral("svg"), QString::fromUtf8(svg.value()));
        }
        if (keep) {
            keep->graph = graph;
            keep->positions = positions.value();
            keep->options = o;
            keep->valid = true;
        }
    } else {
        diagram.insert(QStringLiteral("not_rendered"), QStringLiteral("no graphics context in this process"));
    }
    qCDebug(lcReports) << "report: diagram" << phase.restart() << "ms";
    report.insert(QStringLiteral("diagram"), diagram);
    auto workloads = snapshots.listing(snap, SnapshotStore::Listing::Workloads);
    if (!workloads)
        return workloads.error();
    report.insert(QStringLiteral("inventory"), rows(workloads.value()));
    QJsonArray meshRows;
    for (const QJsonObject& r : mesh.report(inv))
        meshRows.append(
            QJsonObject{{QStringLiteral("workload"), r.value(QLatin1String("workload"))},
                        {QStringLiteral("injected"), r.value(QLatin1String("injected"))},
                        {QStringLiteral("mode"), r.value(QLatin1String("mode"))},
                        {QStringLiteral("access_logging"), r.value(QLatin1String("access_logging"))},
                        {QStringLiteral("egress"), r.value(QLatin1String("egress"))}});
    report.insert(QStringLiteral("mesh"), meshRows);

    qCDebug(lcReports) << "report: inventory, mesh rows" << phase.restart() << "ms";
    if (options.kind == QLatin1String("changes")) {
        qint64 base = options.baseId;
        if (!base) {
            auto b = ChangeStore(ws).baseline();
            base = b ? b->value(QLatin1String("snapshot")).toInteger() : 0;
        }
        if (!base) {
            auto all = snapshots.list();
            base = all && !all->isEmpty() ? all->first().id : snap;
        }
        auto older =
            base == snap ? ComponentSnapshot::load(ws, context.value()) : ComponentSnapshot::load(ws, base);
        auto newer = ComponentSnapshot::load(ws, context.value());
        if (!older)
            return older.error();
        if (!newer)
            return newer.error();
        // New components carry the built-in service templates' evidence, as `changes` shows it.
        auto changes = ChangeStore(ws).annotate(ServiceTemplate::attach(
            ChangeSet::compute(older.value(), newer.value()), ServiceTemplate::builtIn()));
        if (!changes)
            return changes.error();
        report.insert(QStringLiteral("base_snapshot"), base);
        report.insert(QStringLiteral("changes"), rows(changes.value()));
    }

    qCDebug(lcReports) << "report: changes" << phase.restart() << "ms";
    auto skipped = snapshots.listing(snap, SnapshotStore::Listing::Skipped);
    auto kinds = snapshots.listing(snap, SnapshotStore::Listing::Kinds);
    QJsonArray notEvaluated;
    if (kinds)
        for (const QJsonObject& k : kinds.value())
            if (!k.value(QLatin1String("analysed")).toBool())
                notEvaluated.append(QString(k.value(QLatin1String("group")).toString() + QLatin1Char('/') +
                                            k.value(QLatin1String("kind")).toString()));
    report.insert(
        QStringLiteral("limitations"),
        QJsonObject{
            {QStringLiteral("skipped_documents"), skipped ? rows(skipped.value()) : QJsonArray()},
            {QStringLiteral("kinds_not_evaluated"), notEvaluated},
            {QStringLiteral("revocation"), QStringLiteral("certificate revocation is not checked offline")}});
    const AuditLog::Verification audit = AuditLog::verify(ws);
    report.insert(QStringLiteral("audit"), QJsonObject{{QStringLiteral("head"), audit.head},
                                                       {QStringLiteral("entries"), audit.entries},
                                                       {QStringLiteral("chain_ok"), audit.ok}});
    qCDebug(lcReports) << "report: limitations, audit" << phase.restart() << "ms";
    QJsonArray omitted;
    for (const auto& section : optionalSections()) {
        if (options.omit.contains(section.first)) {
            report.remove(section.first);
            omitted.append(section.first);
        }
    }
    if (!omitted.isEmpty())
        report.insert(QStringLiteral("omitted_sections"), omitted);
    return report;
}

QByteArray ReviewReport::json(const QJsonObject& report)
{
    return QJsonDocument(report).toJson(QJsonDocument::Indented);
}

QByteArray ReviewReport::html(const QJsonObject& r)
{
    const QJsonObject t = r.value(QLatin1String("title")).toObject();
    const QJsonObject snap = t.value(QLatin1String("snapshot")).toObject();
    const QString marking = r.value(QLatin1String("marking")).toString().toHtmlEscaped();
    QString h;
    h += QStringLiteral(
             "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1 review: "
             "%2</title><style>"
             "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;margin:2.5em 2em;color:#111}"
             ".banner{position:fixed;left:0;right:0;text-align:center;font-weight:bold;background:#502b85;"
             "color:#fff;padding:2px}"
             ".top{top:0}.bottom{bottom:0}h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid "
             "#999;page-break-after:avoid}"
             "table{border-collapse:collapse;width:100%;margin:.5em "
             "0;page-break-inside:auto}tr{page-break-inside:avoid}"
             "th,td{border:1px solid #bbb;padding:2px "
             "4px;text-align:left;vertical-align:top;overflow-wrap:break-word}"
             "th{background:#eee}.cat1{background:#d32f2f;color:#fff}.cat2{background:#f57c00;color:#fff}."
             "cat3{background:#fbc02d}"
             ".box{border:2px solid #333;padding:.5em 1em;margin:1em 0}"
             "@media print{.banner{position:fixed}}</style></head><body>")
             .arg(r.value(QLatin1String("kind")).toString().toHtmlEscaped(),
                  snap.value(QLatin1String("label")).toString().toHtmlEscaped());
    h += QStringLiteral("<div class=\"banner top\">%1</div><div class=\"banner bottom\">%1</div>")
             .arg(marking);
    h += QStringLiteral("<h1>%1 review: %2 (%3)</h1>")
             .arg(r.value(QLatin1String("kind")).toString() == QLatin1String("changes")
                      ? QStringLiteral("Change")
                      : QStringLiteral("Snapshot"),
                  t.value(QLatin1String("system")).toString().toHtmlEscaped(),
                  snap.value(QLatin1String("label")).toString().toHtmlEscaped());
    const QJsonObject open = r.value(QLatin1String("open_findings")).toObject();
    h += QStringLiteral(
             "<div class=\"box\"><p><b>ISSO recommendation:</b> %1</p><p><b>Residual risk:</b> %2</p>"
             "<p><b>Open findings:</b> <span class=\"cat1\">&nbsp;CAT I: %3&nbsp;</span> <span "
             "class=\"cat2\">&nbsp;CAT II: %4&nbsp;</span> "
             "<span class=\"cat3\">&nbsp;CAT III: %5&nbsp;</span></p></div>")
             .arg(r.value(QLatin1String("recommendation"))
                      .toString()
                      .toHtmlEscaped()
                      .replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                  r.value(QLatin1String("residual_risk"))
                      .toString()
                      .toHtmlEscaped()
                      .replace(QLatin1Char('\n'), QStringLiteral("<br>")))
             .arg(open.value(QLatin1String("CAT I")).toInt())
             .arg(open.value(QLatin1String("CAT II")).toInt())
             .arg(open.value(QLatin1String("CAT III")).toInt());
    h += QStringLiteral("<h2>Title block</h2><table>");
    auto row = [&h](const QString& k, const QString& v) {
        h += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(k, v);
    };
    row(QStringLiteral("System"), esc(t.value(QLatin1String("system"))));
    row(QStringLiteral("Cluster"), esc(t.value(QLatin1String("cluster"))));
    row(QStringLiteral("Snapshot"),
        QStringLiteral("%1 (id %2, imported %3), content digest <code>%4</code>")
            .arg(esc(snap.value(QLatin1String("label"))), esc(snap.value(QLatin1String("id"))),
                 esc(snap.value(QLatin1String("imported_at"))), esc(snap.value(QLatin1String("digest")))));
    if (r.contains(QLatin1String("base_snapshot")))
        row(QStringLiteral("Compared with"),
            QStringLiteral("snapshot %1").arg(esc(r.value(QLatin1String("base_snapshot")))));
    row(QStringLiteral("Catalog"), esc(t.value(QLatin1String("catalog"))));
    row(QStringLiteral("Tool"), QStringLiteral("Tollgate ") + esc(t.value(QLatin1String("tool_version"))));
    row(QStringLiteral("Reviewer"), esc(t.value(QLatin1String("reviewer"))) + QStringLiteral(" (") +
                                        esc(t.value(QLatin1String("os_user"))) + QLatin1Char(')'));
    row(QStringLiteral("Date"), esc(t.value(QLatin1String("date"))));
    row(QStringLiteral("FIPS mode"), esc(t.value(QLatin1String("fips_mode"))));
    row(QStringLiteral("Audit log head"),
        QStringLiteral("<code>%1</code> (%2 entries)")
            .arg(esc(r.value(QLatin1String("audit")).toObject().value(QLatin1String("head"))),
                 esc(r.value(QLatin1String("audit")).toObject().value(QLatin1String("entries")))));
    if (r.contains(QLatin1String("omitted_sections")))
        row(QStringLiteral("Sections left out"), esc(r.value(QLatin1String("omitted_sections"))));
    h += QStringLiteral("</table><h3>Input files</h3>") +
         table(t.value(QLatin1String("inputs")).toArray(),
               reports::ReportColumns::of(QStringLiteral("inputs")));
    h += QStringLiteral("<h3>Scans</h3>") + table(t.value(QLatin1String("scans")).toArray(),
                                                  reports::ReportColumns::of(QStringLiteral("scans")));
    if (r.contains(QLatin1String("changes")))
        h += QStringLiteral("<h2>Changes and decisions</h2>") +
             table(r.value(QLatin1String("changes")).toArray(),
                   reports::ReportColumns::of(QStringLiteral("changes")));
    const QJsonObject diagram = r.value(QLatin1String("diagram")).toObject();
    if (diagram.contains(QLatin1String("svg"))) {
        // Inline as a data URI: the file stays self-contained and the SVG cannot script the page.
        h +=
            QStringLiteral("<h2>Network-flow diagram</h2><p>%1 nodes, %2 allowed flows; edge style by mTLS "
                           "state (legend in the "
                           "diagram).</p><img style=\"width:100%\" alt=\"network-flow diagram\" "
                           "src=\"data:image/svg+xml;base64,%3\">")
                .arg(diagram.value(QLatin1String("nodes")).toInt())
                .arg(diagram.value(QLatin1String("flows")).toInt())
                .arg(QString::fromLatin1(diagram.value(QLatin1String("svg")).toString().toUtf8().toBase64()));
    }
    if (r.contains(QLatin1String("boundary_flows")))
        h += QStringLiteral("<h2>Ports, protocols and services crossing the boundary</h2>") +
             table(r.value(QLatin1String("boundary_flows")).toArray(),
                   reports::ReportColumns::of(QStringLiteral("boundary_flows")));
    if (r.contains(QLatin1String("controls")))
        h += QStringLiteral("<h2>Controls</h2>");
    for (const QJsonValue& cv : r.value(QLatin1String("controls")).toArray()) {
        const QJsonObject c = cv.toObject();
        h += QStringLiteral("<h3>%1 %2 (%3): %4 open, %5 pass</h3>")
                 .arg(esc(c.value(QLatin1String("control"))), esc(c.value(QLatin1String("title"))),
                      esc(c.value(QLatin1String("severity"))))
                 .arg(c.value(QLatin1String("Open")).toInt())
                 .arg(c.value(QLatin1String("NotAFinding")).toInt());
        if (!c.value(QLatin1String("results")).toArray().isEmpty())
            h += table(c.value(QLatin1String("results")).toArray(),
                       reports::ReportColumns::of(QStringLiteral("control_results")));
    }
    if (r.contains(QLatin1String("scan_findings")))
        h += QStringLiteral("<h2>Scan findings by group</h2>") +
             table(r.value(QLatin1String("scan_findings")).toArray(),
                   reports::ReportColumns::of(QStringLiteral("scan_findings")));
    if (r.contains(QLatin1String("inventory")))
        h += QStringLiteral("<h2>Inventory</h2>") +
             table(r.value(QLatin1String("inventory")).toArray(),
                   reports::ReportColumns::of(QStringLiteral("inventory")));
    if (r.contains(QLatin1String("mesh")))
        h += QStringLiteral("<h2>Mesh</h2>") + table(r.value(QLatin1String("mesh")).toArray(),
                                                     reports::ReportColumns::of(QStringLiteral("mesh")));
    const QJsonObject lim = r.value(QLatin1String("limitations")).toObject();
    h += QStringLiteral("<h2>Limitations</h2><p>Kinds kept but not evaluated: %1</p><p>Revocation: %2.</p>")
             .arg(esc(lim.value(QLatin1String("kinds_not_evaluated"))),
                  esc(lim.value(QLatin1String("revocation"))));
    h += table(lim.value(QLatin1String("skipped_documents")).toArray(),
               reports::ReportColumns::of(QStringLiteral("skipped_documents")));
    h += QStringLiteral("</body></html>\n");
    return h.toUtf8();
}

} // namespace tollgate
