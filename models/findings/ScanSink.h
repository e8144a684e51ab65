#pragma once

#include "base/Result.h"
#include "findings/Finding.h"
#include "findings/SbomPackage.h"
#include "findings/ScanSubject.h"

namespace tollgate {

// Where a scan parser delivers what it reads, one item at a time, so that a large file never has
// to be held whole. subject() comes before any finding or package of that subject.
class ScanSink
{
public:
    virtual ~ScanSink() = default;
    [[nodiscard]] virtual Status subject(const ScanSubject& subject) = 0;
    [[nodiscard]] virtual Status finding(Finding&& finding) = 0;
    [[nodiscard]] virtual Status package(const SbomPackage& package) = 0;
    // Something the reviewer should know about the file that is not a finding: a list the tool
    // truncated, fields that could not be read.
    virtual void note(const QString& text) { Q_UNUSED(text); }
};

} // namespace tollgate
