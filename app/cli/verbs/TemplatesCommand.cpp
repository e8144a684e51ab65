#include "app/cli/verbs/TemplatesCommand.h"

#include "app/cli/command/ChangeReview.h"
#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"

#include <QJsonArray>

namespace tollgate::cli {

QString TemplatesCommand::summary() const
{
    return QStringLiteral("Which new components each pre-approved service template covers, condition by "
                          "condition (evidence for the decision, never an approval).");
}

void TemplatesCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    ChangeReview::addSnapshotOptions(parser);
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
    ChangeReview::addTemplateOption(parser);
}

int TemplatesCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt = format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json")});
    if (fmt.isEmpty())
        return ExitUsage;
    const auto templates = ChangeReview::templates(parser, ctx, name());
    if (!templates)
        return ExitUsage;
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    auto review = ChangeReview::load(*ws, parser, ctx, name());
    if (!review)
        return ExitUsage;
    // One row per new component and template.
    QList<QJsonObject> rows;
    for (const QJsonObject& c : ServiceTemplate::attach(review->changes, *templates))
        for (const QJsonValue& t : c.value(QLatin1String("templates")).toArray()) {
            QJsonObject row = t.toObject();
            row.insert(QStringLiteral("component"), c.value(QLatin1String("component")));
            row.insert(QStringLiteral("change"), c.value(QLatin1String("id")));
            row.insert(QStringLiteral("decision"), c.value(QLatin1String("decision")));
            rows << row;
        }
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(rows);
    } else {
        ctx.out << TabularFormat::table(rows, {{QStringLiteral("component"), QStringLiteral("COMPONENT")},
                                               {QStringLiteral("template"), QStringLiteral("TEMPLATE")},
                                               {QStringLiteral("status"), QStringLiteral("RESULT")},
                                               {QStringLiteral("failed"), QStringLiteral("FAILING")},
                                               {QStringLiteral("change"), QStringLiteral("CHANGE")}});
        for (const QJsonObject& r : std::as_const(rows)) {
            ctx.out << "\n"
                    << r.value(QLatin1String("component")).toString() << ": "
                    << r.value(QLatin1String("summary")).toString() << "\n";
            for (const QJsonValue& k : r.value(QLatin1String("conditions")).toArray()) {
                const QJsonObject o = k.toObject();
                ctx.out << "  " << (o.value(QLatin1String("passed")).toBool() ? "pass" : "FAIL") << "  "
                        << o.value(QLatin1String("condition")).toString() << " ("
                        << o.value(QLatin1String("requirement")).toString()
                        << "): " << o.value(QLatin1String("evidence")).toString() << "\n";
            }
        }
        ctx.out << rows.size() << " evaluation(s) of " << templates->size() << " template(s); "
                << "conformance is evidence for the decision, never an approval\n";
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
