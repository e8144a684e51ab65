#pragma once

#include "app/cli/command/CliContext.h"
#include "kube/ManifestDocument.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <memory>
#include <optional>

namespace tollgate::cli {

// Opening a workspace and choosing a snapshot the same way in every verb.
class WorkspaceAccess
{
public:
    // Opens `path`; on failure prints the error and returns null.
    static std::unique_ptr<Workspace> open(const QString& path, Workspace::OpenMode mode, CliContext& ctx,
                                           const QString& verb);
    // A snapshot by id or label; 0 (error printed) when there is none.
    static qint64 snapshotByName(Workspace& ws, const QString& given, CliContext& ctx, const QString& verb);
    // The --snapshot value or the latest snapshot; 0 (error printed) when there is none.
    static qint64 snapshot(Workspace& ws, const QCommandLineParser& parser, CliContext& ctx,
                           const QString& verb);
    // The objects to analyse: read from --dir PATH (warnings printed) when `workspacePath` is empty, else
    // the --snapshot (or latest) snapshot of the workspace. Errors are printed; nullopt then.
    static std::optional<QList<ManifestDocument>> objects(const QCommandLineParser& parser,
                                                          const QString& workspacePath, CliContext& ctx,
                                                          const QString& verb);
};

} // namespace tollgate::cli
