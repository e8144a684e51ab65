#include "StigChecklistParser.h"

namespace tollgate {

Status StigChecklistParser::parseCkl(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("STIG checklists (CKL) are not read yet"));
}

Status StigChecklistParser::parseCklb(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("STIG checklists (CKLB) are not read yet"));
}

} // namespace tollgate
