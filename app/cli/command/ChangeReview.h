#pragma once

#include "app/cli/command/CliContext.h"
#include "changes/ServiceTemplate.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <optional>

namespace tollgate::cli {

// The change list the changes, decide and baseline verbs share: --base (default: the baseline, else
// the first snapshot) against --new (default: the latest), annotated with decisions.
struct ChangeReview
{
    qint64 base = 0;
    qint64 next = 0;
    QList<QJsonObject> changes;

    static std::optional<ChangeReview> load(Workspace& ws, const QCommandLineParser& parser, CliContext& ctx,
                                            const QString& verb);
    // The same with the snapshots given as ids or labels (empty: the defaults above).
    static std::optional<ChangeReview> load(Workspace& ws, const QString& base, const QString& next,
                                            CliContext& ctx, const QString& verb);
    // The service templates of the repeatable --template FILE|DIR option (default: the built-in
    // examples of resources/templates); nullopt after printing an error.
    static std::optional<QList<ServiceTemplate>> templates(const QCommandLineParser& parser, CliContext& ctx,
                                                           const QString& verb);
    static void addTemplateOption(QCommandLineParser& parser);
    // --base and --new, as load() reads them.
    static void addSnapshotOptions(QCommandLineParser& parser);
};

} // namespace tollgate::cli
