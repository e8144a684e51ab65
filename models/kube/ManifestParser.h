#pragma once

#include "base/Result.h"
#include "kube/ManifestDocument.h"

#include <QByteArray>

namespace tollgate {

// Reads Kubernetes manifests: multi-document YAML (anchors with a node budget, Helm output, tabs in
// flow sequences as Kubernetes accepts them), JSON through a JSON parser, `kind: List` with items.
// Secret values are removed here, before anything else sees the object.
class ManifestParser
{
public:
    enum class Mode
    {
        Strict,          // the first invalid document fails the whole file (workspace import)
        SkipInvalid,     // each invalid document is skipped and recorded (import --skip-invalid)
        KeepBeforeError, // the documents before the first error are kept, the rest of the file is
                         // dropped with a warning (what netpol-analyzer does; flows --dir)
    };

    struct Output
    {
        QList<ManifestDocument> objects;
        QList<SkippedDocument> skipped; // invalid documents, and valid ones that are not Kubernetes objects
        QList<Error> warnings;
    };

    [[nodiscard]] static Result<Output> parse(const QString& file, const QByteArray& bytes, Mode mode);

    // Whether the bytes look like JSON (first non-blank character is { or [).
    static bool looksLikeJson(const QByteArray& bytes);
};

} // namespace tollgate
