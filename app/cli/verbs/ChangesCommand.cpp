#include "app/cli/verbs/ChangesCommand.h"

#include "app/cli/command/ChangeReview.h"
#include "app/cli/command/WorkspaceAccess.h"
#include "io/TabularFormat.h"

#include <QJsonArray>

namespace tollgate::cli {

QString ChangesCommand::summary() const
{
    return QStringLiteral(
        "What changed between two snapshots (default: baseline vs latest), per component, with decisions.");
}

void ChangesCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    ChangeReview::addSnapshotOptions(parser);
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default), json or md."), QStringLiteral("F")});
    ChangeReview::addTemplateOption(parser);
}

int ChangesCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString fmt =
        format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("md")});
    if (fmt.isEmpty())
        return ExitUsage;
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    auto review = ChangeReview::load(*ws, parser, ctx, name());
    if (!review)
        return ExitUsage;
    const auto templates = ChangeReview::templates(parser, ctx, name());
    if (!templates)
        return ExitUsage;
    review->changes = ServiceTemplate::attach(review->changes, *templates);
    if (fmt == QLatin1String("json")) {
        ctx.out << TabularFormat::json(review->changes);
    } else if (fmt == QLatin1String("md")) {
        ctx.out << "# Changes from snapshot " << review->base << " to " << review->next << "\n\n";
        for (const QJsonObject& c : review->changes) {
            ctx.out << "## " << c.value(QLatin1String("id")).toString() << " "
                    << c.value(QLatin1String("kind")).toString() << ": "
                    << c.value(QLatin1String("component")).toString() << "\n\n"
                    << c.value(QLatin1String("summary")).toString()
                    << "\n\nDecision: " << c.value(QLatin1String("decision")).toString() << "\n\n";
            const QJsonArray fields = c.value(QLatin1String("fields")).toArray();
            if (!fields.isEmpty()) {
                ctx.out << "| field | before | after |\n|---|---|---|\n";
                for (const QJsonValue& f : fields) {
                    const QJsonObject o = f.toObject();
                    ctx.out << "| " << o.value(QLatin1String("field")).toString() << " | "
                            << TabularFormat::cell(o.value(QLatin1String("old"))) << " | "
                            << TabularFormat::cell(o.value(QLatin1String("new"))) << " |\n";
                }
                ctx.out << "\n";
            }
            for (const QJsonValue& t : c.value(QLatin1String("templates")).toArray()) {
                const QJsonObject o = t.toObject();
                ctx.out << "Template: " << o.value(QLatin1String("summary")).toString() << "\n\n";
                for (const QJsonValue& k : o.value(QLatin1String("conditions")).toArray())
                    ctx.out << "- [" << (k.toObject().value(QLatin1String("passed")).toBool() ? "x" : " ")
                            << "] " << k.toObject().value(QLatin1String("condition")).toString() << ": "
                            << k.toObject().value(QLatin1String("evidence")).toString() << "\n";
                ctx.out << "\n";
            }
        }
    } else {
        ctx.out << TabularFormat::table(review->changes,
                                        {{QStringLiteral("id"), QStringLiteral("ID")},
                                         {QStringLiteral("kind"), QStringLiteral("KIND")},
                                         {QStringLiteral("component"), QStringLiteral("COMPONENT")},
                                         {QStringLiteral("decision"), QStringLiteral("DECISION")},
                                         {QStringLiteral("summary"), QStringLiteral("SUMMARY")}});
        int decided = 0;
        for (const QJsonObject& c : review->changes)
            decided += c.value(QLatin1String("decision")).toString() != QLatin1String("undecided");
        ctx.out << "snapshot " << review->base << " -> " << review->next << ": " << decided << " of "
                << review->changes.size() << " changes decided\n";
    }
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
