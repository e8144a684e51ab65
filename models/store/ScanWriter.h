#pragma once

#include "base/Result.h"
#include "findings/ScanSink.h"
#include "store/ScanImportReport.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <memory>

namespace tollgate {

class FindingJoiner;
class Workspace;

// Writes one scan import into the caller's open transaction as the parser delivers it: the
// scan_imports row when the subject arrives, each finding with its identity, lifecycle (new or
// persisting against the previous import of the same tool and subject) and joins, each SBOM package;
// then the previous import's findings that this one no longer has, recorded as closed, and the counts.
class ScanWriter final : public ScanSink
{
public:
    // What the importer knows of the file before parsing it.
    struct Input
    {
        QString path;
        QString sha256;
        QString formatId;
        bool sbom = false;
    };

    ScanWriter(Workspace& ws, ScanImportReport& report, const FindingJoiner& joiner,
               const std::atomic_bool& cancel, Input input);
    ~ScanWriter() override;
    ScanWriter(const ScanWriter&) = delete;
    ScanWriter& operator=(const ScanWriter&) = delete;

    Status subject(const ScanSubject& subject) override;
    Status finding(Finding&& finding) override;
    Status package(const SbomPackage& package) override;
    void note(const QString& text) override;

    // After parsing: records the previous import's missing findings as closed, then the counts.
    [[nodiscard]] Status finish();

    // The snapshot an import attaches to: `requested` when it exists, the newest when 0 (0 when the
    // workspace has none yet).
    [[nodiscard]] static Result<qint64> targetSnapshot(const Workspace& ws, qint64 requested);
    // The same bytes already imported against the same snapshot: fills `report` from that import
    // and returns true; false when there is none.
    [[nodiscard]] static Result<bool> findDuplicate(const Workspace& ws, const QByteArray& sha256,
                                                    ScanImportReport& report);

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tollgate
