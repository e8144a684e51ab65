#include "PolicyReportParser.h"

namespace tollgate {

Status PolicyReportParser::parsePolicyReports(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("not read yet"));
}

Status PolicyReportParser::parseGatekeeper(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("not read yet"));
}

} // namespace tollgate
