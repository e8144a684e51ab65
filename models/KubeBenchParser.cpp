#include "KubeBenchParser.h"

namespace tollgate {

Status KubeBenchParser::parse(const QString& path, ScanSink&)
{
    return Error(path, 0, QStringLiteral("not read yet"));
}

} // namespace tollgate
