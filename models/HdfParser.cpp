#include "HdfParser.h"

namespace tollgate {

Status HdfParser::parse(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("not read yet"));
}

} // namespace tollgate
