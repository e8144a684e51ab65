#pragma once

#include "base/Result.h"
#include "reports/content/ReviewReport.h"

#include <QString>
#include <atomic>
#include <functional>
#include <optional>

namespace tollgate {

class SigningIdentity;
class Workspace;

// Writes a review report the same way for the CLI and the GUI: builds the model, renders it as
// HTML, JSON or PDF (by the file's suffix), signs it (detached DER CMS beside it, REPORT.p7s), and
// records the report and its signature in the workspace and the audit log. Nothing is left on disk
// when it fails or is cancelled: both files are written whole or not at all.
class ReportWriter
{
public:
    enum class Format
    {
        Html,
        Json,
        Pdf
    };
    // By the file's suffix (.html/.htm, .json, .pdf); nullopt for anything else.
    static std::optional<Format> formatFor(const QString& path);
    static QString suffixOf(Format format);

    struct Request
    {
        ReviewReport::Options report;
        QString outPath;
        const SigningIdentity* identity = nullptr; // null: unsigned
        const std::atomic_bool* cancel = nullptr;
        std::function<void(int percent, const QString& step)> progress;
    };
    struct Written
    {
        QString path;
        QString signaturePath; // empty when unsigned
        qint64 bytes = 0;
        QString sha256;
        QString signer;
        qint64 snapshotId = 0;
    };

    // Errors say what failed; a cancelled run fails with "cancelled".
    [[nodiscard]] static Result<Written> write(Workspace& ws, const Request& request);
};

} // namespace tollgate
