#include "app/cli/verbs/CheckCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "controls/ControlRunner.h"
#include "findings/Severity.h"
#include "io/TabularFormat.h"
#include "store/FindingStore.h"

#include <QMap>

namespace tollgate::cli {

void CheckCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("catalog"),
                      QStringLiteral("A catalog YAML file (default: the built-in catalog)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tailoring"), QStringLiteral("The program's tailoring YAML file."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("fail-on"),
         QStringLiteral("Exit 1 while Open findings of this CAT or worse remain: I, II (default) or III."),
         QStringLiteral("CAT")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default), json or csv."), QStringLiteral("F")});
}

int CheckCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt =
        format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")});
    if (fmt.isEmpty())
        return ExitUsage;
    int failOn = 2;
    if (parser.isSet(QStringLiteral("fail-on"))) {
        failOn = Severity::parseCat(parser.value(QStringLiteral("fail-on")));
        if (failOn == 0)
            return usageError(ctx, QStringLiteral("--fail-on takes I, II or III"));
    }
    auto catalog = parser.isSet(QStringLiteral("catalog"))
                       ? ControlCatalog::load(parser.value(QStringLiteral("catalog")))
                       : ControlCatalog::builtIn();
    if (!catalog)
        return inputError(ctx, catalog.error().toString());
    Tailoring tailoring;
    if (parser.isSet(QStringLiteral("tailoring"))) {
        auto t = Tailoring::load(parser.value(QStringLiteral("tailoring")));
        if (!t)
            return inputError(ctx, t.error().toString());
        tailoring = t.value();
    }
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadWrite, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    const qint64 snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
    if (!snap)
        return ExitUsage;
    ControlRunner runner(*ws, catalog.value(), tailoring);
    auto run = runner.run(snap);
    if (!run)
        return inputError(ctx, run.error().toString());

    // This run's findings, then every Open finding of the snapshot (imported scans too) for the gate.
    FindingStore store(*ws);
    FindingStore::Filter filter;
    filter.snapshotId = snap;
    auto rows = store.findings(filter);
    if (!rows)
        return inputError(ctx, rows.error().toString());
    QList<QJsonObject> mine;
    int blocking = 0;
    int accepted = 0;
    for (const QJsonObject& r : rows.value()) {
        const bool fromRun = r.value(QLatin1String("import")).toInteger() == run->importId;
        if (fromRun) {
            QJsonObject o = r;
            o.insert(QStringLiteral("control"), r.value(QLatin1String("rule")));
            mine << o;
        }
        const QString status = r.contains(QLatin1String("review_status"))
                                   ? r.value(QLatin1String("review_status")).toString()
                                   : r.value(QLatin1String("status")).toString();
        if (status != QLatin1String("Open"))
            continue;
        const int cat = r.contains(QLatin1String("severity_override")) &&
                                !r.value(QLatin1String("severity_override")).toString().isEmpty()
                            ? Severity::parseCat(r.value(QLatin1String("severity_override")).toString())
                            : r.value(QLatin1String("severity_cat")).toInt();
        if (cat > failOn)
            continue;
        const QJsonObject risk = r.value(QLatin1String("risk")).toObject();
        if (!risk.isEmpty() && !risk.value(QLatin1String("expired")).toBool()) {
            ++accepted;
            continue;
        }
        ++blocking;
    }
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(mine);
    } else {
        using Col = TabularFormat::Column;
        const QList<Col> cols = {{QStringLiteral("control"), QStringLiteral("CONTROL")},
                                 {QStringLiteral("status"), QStringLiteral("STATUS")},
                                 {QStringLiteral("severity"), QStringLiteral("CAT")},
                                 {QStringLiteral("subject"), QStringLiteral("SUBJECT")},
                                 {QStringLiteral("position"), QStringLiteral("WHERE")},
                                 {QStringLiteral("evidence"), QStringLiteral("EVIDENCE")}};
        if (fmt == QLatin1String("csv")) {
            ctx.out << TabularFormat::csv(mine, cols);
        } else {
            // Per control first, then the Open findings with their evidence's first line.
            QMap<QString, QMap<QString, int>> per;
            for (const QJsonObject& o : std::as_const(mine))
                per[o.value(QLatin1String("control")).toString()]
                   [o.value(QLatin1String("status")).toString()]++;
            QList<QJsonObject> summary;
            for (const Control& c : catalog->controls()) {
                const auto counts = per.value(c.id);
                summary << QJsonObject{{QStringLiteral("control"), c.id},
                                       {QStringLiteral("severity"), Severity::label(c.cat)},
                                       {QStringLiteral("open"), counts.value(QStringLiteral("Open"))},
                                       {QStringLiteral("pass"), counts.value(QStringLiteral("NotAFinding"))},
                                       {QStringLiteral("na"), counts.value(QStringLiteral("Not_Applicable"))},
                                       {QStringLiteral("nr"), counts.value(QStringLiteral("Not_Reviewed"))},
                                       {QStringLiteral("title"), c.title}};
            }
            ctx.out << TabularFormat::table(summary, {{QStringLiteral("control"), QStringLiteral("CONTROL")},
                                                      {QStringLiteral("severity"), QStringLiteral("CAT")},
                                                      {QStringLiteral("open"), QStringLiteral("OPEN")},
                                                      {QStringLiteral("pass"), QStringLiteral("PASS")},
                                                      {QStringLiteral("na"), QStringLiteral("N/A")},
                                                      {QStringLiteral("nr"), QStringLiteral("NOT REVIEWED")},
                                                      {QStringLiteral("title"), QStringLiteral("TITLE")}});
            ctx.out << "\nOpen findings:\n";
            QList<QJsonObject> open;
            for (QJsonObject o : std::as_const(mine))
                if (o.value(QLatin1String("status")).toString() == QLatin1String("Open")) {
                    o.insert(QStringLiteral("evidence"), o.value(QLatin1String("evidence"))
                                                             .toString()
                                                             .section(QLatin1Char('\n'), 0, 0)
                                                             .left(160));
                    open << o;
                }
            ctx.out << TabularFormat::table(open, cols);
        }
    }
    if (fmt == QLatin1String("table"))
        ctx.out << "\nsnapshot " << snap << ": " << mine.size() << " results of "
                << catalog->controls().size() << " controls (run " << run->importId
                << (run->duplicateOf ? ", unchanged since the previous run" : "") << "); " << blocking
                << " Open finding(s) at " << Severity::label(failOn) << " or worse"
                << (accepted ? QStringLiteral(" (%1 more with a current risk acceptance)").arg(accepted)
                             : QString())
                << "\n";
    else
        ctx.err << "tollgate-cli check: " << blocking << " Open finding(s) at " << Severity::label(failOn)
                << " or worse\n";
    ctx.out.flush();
    ctx.err.flush();
    return blocking > 0 ? ExitCheckFailed : ExitOk;
}

} // namespace tollgate::cli
