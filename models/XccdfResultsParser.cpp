#include "XccdfResultsParser.h"

namespace tollgate {

Status XccdfResultsParser::parse(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("XCCDF results are not read yet"));
}

} // namespace tollgate
