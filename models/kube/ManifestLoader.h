#pragma once

#include "base/Result.h"
#include "kube/ManifestDocument.h"
#include "kube/ManifestParser.h"

#include <QStringList>

namespace tollgate {

// Reads manifests straight from disk for analyses that run without a workspace (flows --dir).
class ManifestLoader
{
public:
    struct Output
    {
        QList<ManifestDocument> objects;
        QList<Error> warnings;
    };
    // KeepBeforeError by default, as netpol-analyzer reads: a file with a syntax error contributes the
    // documents before the error; a file that cannot be read at all is skipped with a warning.
    [[nodiscard]] static Result<Output>
    load(const QStringList& paths, ManifestParser::Mode mode = ManifestParser::Mode::KeepBeforeError);
};

} // namespace tollgate
