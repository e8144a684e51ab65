#pragma once

#include "base/Result.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>

namespace tollgate {

// Reads a JSON file as a stream (RapidJSON's SAX reader, iterative, a fixed read buffer) and hands
// over, one at a time, the values whose path matches one of the patterns. Memory is bounded by the
// largest matched value, not by the file: a 2 GB scan report with 10 million findings is read with
// a few kilobytes of state plus one finding.
//
// A pattern is a JSON-pointer-like path whose segments are object keys or "*" (any array index or
// key): "/Results/*/Vulnerabilities/*" matches each vulnerability of each result. A value inside a
// matched value is never matched again. A pattern starting with "!" stops the read where a value at
// that path begins ("!/Results": the header of a Trivy report is read without its results).
class JsonStreamReader
{
public:
    struct Element
    {
        QString pointer; // the concrete JSON pointer, "/Results/0/Vulnerabilities/3"
        QJsonValue value;
        int line = 0;      // 1-based line where the value starts
        qint64 offset = 0; // byte offset where the value starts
    };
    // Return false to stop reading early (not an error).
    using Visitor = std::function<bool(const Element&)>;

    // Reads the whole file (or up to maxBytes when > 0: a truncated read is not an error then,
    // which is what format detection wants from a file's head).
    [[nodiscard]] static Status read(const QString& path, const QStringList& patterns, const Visitor& visitor,
                                     qint64 maxBytes = 0);
    [[nodiscard]] static Status readBytes(const QByteArray& data, const QString& label,
                                          const QStringList& patterns, const Visitor& visitor);
};

} // namespace tollgate
