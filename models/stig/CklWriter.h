#pragma once

#include "base/Result.h"
#include "stig/StigChecklist.h"

#include <QByteArray>
#include <QString>

namespace tollgate {

// Writes a STIG checklist as STIG Viewer 2 CKL (XML, through QXmlStreamWriter, so every text is
// escaped) or STIG Viewer 3 CKLB (JSON), the shapes StigChecklistParser reads back.
class CklWriter
{
public:
    static QByteArray ckl(const StigChecklist& checklist);
    static QByteArray cklb(const StigChecklist& checklist);
    // By the file's suffix: .ckl or .cklb (anything else is an error); written atomically.
    [[nodiscard]] static Status write(const QString& path, const StigChecklist& checklist);
    // "open", "not_a_finding", ... from Open, NotAFinding, ...
    static QString cklbStatus(const QString& status);
};

} // namespace tollgate
