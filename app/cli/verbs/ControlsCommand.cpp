#include "app/cli/verbs/ControlsCommand.h"

#include "controls/ControlCatalog.h"
#include "findings/Severity.h"
#include "io/TabularFormat.h"

#include <QJsonArray>

namespace tollgate::cli {

void ControlsCommand::setup(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("catalog"),
                      QStringLiteral("A catalog YAML file (default: the built-in catalog)."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("format"), QStringLiteral("table (default) or json."), QStringLiteral("F")});
}

int ControlsCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (!parser.positionalArguments().isEmpty())
        return usageError(ctx, QStringLiteral("takes no positional argument"));
    const QString fmt = format(parser, ctx, {QStringLiteral("table"), QStringLiteral("json")});
    if (fmt.isEmpty())
        return ExitUsage;
    auto catalog = parser.isSet(QStringLiteral("catalog"))
                       ? ControlCatalog::load(parser.value(QStringLiteral("catalog")))
                       : ControlCatalog::builtIn();
    if (!catalog)
        return inputError(ctx, catalog.error().toString());
    QList<QJsonObject> rows;
    for (const Control& c : catalog->controls()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), c.id);
        o.insert(QStringLiteral("title"), c.title);
        o.insert(QStringLiteral("severity"), Severity::label(c.cat));
        o.insert(QStringLiteral("nist"), QJsonArray::fromStringList(c.nist));
        QJsonArray disa;
        QStringList disaText;
        for (const Control::Disa& d : c.disa) {
            disa.append(QJsonObject{{QStringLiteral("id"), d.id},
                                    {QStringLiteral("benchmark"), d.benchmark},
                                    {QStringLiteral("title"), d.title}});
            disaText << d.id;
        }
        o.insert(QStringLiteral("disa"), disa);
        o.insert(QStringLiteral("disa_ids"), disaText.join(QStringLiteral(", ")));
        o.insert(QStringLiteral("check"), c.check);
        o.insert(QStringLiteral("params"), c.params);
        o.insert(QStringLiteral("rationale"), c.rationale);
        o.insert(QStringLiteral("fix"), c.fix);
        rows << o;
    }
    if (fmt == QLatin1String("json"))
        ctx.out << TabularFormat::json(rows);
    else
        ctx.out << TabularFormat::table(rows, {{QStringLiteral("id"), QStringLiteral("ID")},
                                               {QStringLiteral("severity"), QStringLiteral("CAT")},
                                               {QStringLiteral("nist"), QStringLiteral("NIST 800-53")},
                                               {QStringLiteral("disa_ids"), QStringLiteral("DISA")},
                                               {QStringLiteral("title"), QStringLiteral("TITLE")}});
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
