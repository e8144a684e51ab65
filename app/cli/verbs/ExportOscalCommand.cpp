#include "app/cli/verbs/ExportOscalCommand.h"

#include "app/cli/command/WorkspaceAccess.h"
#include "changes/ComponentSnapshot.h"
#include "changes/OscalExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace tollgate::cli {

QString ExportOscalCommand::summary() const
{
    return QStringLiteral("Write a snapshot's components as an OSCAL SSP system-implementation fragment "
                          "(JSON, stable UUIDs per component).");
}

void ExportOscalCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption({QStringLiteral("snapshot"), QStringLiteral("The snapshot (default: the latest)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("The JSON file to write ('-' for standard output)."),
                      QStringLiteral("FILE")});
}

int ExportOscalCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(ctx, QStringLiteral("--out FILE is required ('-' for standard output)"));
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadOnly, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    const qint64 snap = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
    if (!snap)
        return ExitUsage;
    auto components = ComponentSnapshot::load(*ws, snap);
    if (!components)
        return inputError(ctx, components.error().toString());
    const QJsonObject fragment = OscalExport::systemImplementation(components.value());
    const QByteArray json = QJsonDocument(fragment).toJson(QJsonDocument::Indented);
    const QString out = parser.value(QStringLiteral("out"));
    const int count = fragment.value(QLatin1String("system-implementation"))
                          .toObject()
                          .value(QLatin1String("components"))
                          .toArray()
                          .size();
    if (out == QLatin1String("-")) {
        ctx.out << QString::fromUtf8(json);
        ctx.out.flush();
        return ExitOk;
    }
    QSaveFile f(out);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit())
        return inputError(ctx, QStringLiteral("%1: cannot write: %2").arg(out, f.errorString()));
    ctx.out << "wrote " << count << " component(s) of snapshot " << snap << " to " << out << "\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
