#include "kube/ManifestParser.h"

#include "base/Logging.h"
#include "io/YamlConverter.h"
#include "kube/SecretScrubber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace tollgate {

namespace {

struct Chunk
{
    int firstLine = 1; // 1-based line of the chunk's first line in the file
    std::string text;
};

bool isMarker(const char* p, qsizetype len, char c)
{
    return len >= 3 && p[0] == c && p[1] == c && p[2] == c &&
           (len == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\r');
}

// Splits a YAML stream on document markers so one bad document does not take the whole stream down.
QList<Chunk> splitDocuments(const QByteArray& bytes)
{
    QList<Chunk> chunks;
    Chunk cur;
    int lineNo = 1;
    qsizetype pos = 0;
    const qsizetype n = bytes.size();
    while (pos < n) {
        qsizetype end = bytes.indexOf('\n', pos);
        if (end < 0)
            end = n;
        const char* p = bytes.constData() + pos;
        const qsizetype len = end - pos;
        if (isMarker(p, len, '-')) {
            chunks << std::move(cur);
            cur = Chunk();
            cur.firstLine = lineNo;
            // Keep what follows the marker on the same line, columns intact.
            cur.text.append("   ");
            cur.text.append(p + 3, static_cast<size_t>(len - 3));
            cur.text.push_back('\n');
        } else if (isMarker(p, len, '.')) {
            chunks << std::move(cur);
            cur = Chunk();
            cur.firstLine = lineNo + 1;
        } else if (len > 0 && p[0] == '%' && cur.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            // A directive before the document: blank it, keep the line count.
            cur.text.push_back('\n');
        } else {
            cur.text.append(p, static_cast<size_t>(len));
            cur.text.push_back('\n');
        }
        pos = end + 1;
        ++lineNo;
    }
    chunks << std::move(cur);
    return chunks;
}

int lineOfOffset(const QByteArray& bytes, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, bytes.size());
    return 1 + static_cast<int>(std::count(bytes.constBegin(), bytes.constBegin() + offset, '\n'));
}

// Start lines of the objects that are elements of arrays one level inside the top-level object
// (the `items` of a List), found by a single pass that tracks strings and depth.
QList<int> jsonItemLines(const QByteArray& b)
{
    QList<int> lines;
    int depth = 0;
    int line = 1;
    bool inString = false;
    // depth 1: inside the top-level object; depth 2: inside an array value of it.
    QList<char> stack;
    for (qsizetype i = 0; i < b.size(); ++i) {
        const char c = b[i];
        if (c == '\n')
            ++line;
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (c == '{' && stack.size() == 2 && stack[0] == '{' && stack[1] == '[')
                lines << line;
            stack.push_back(c);
            ++depth;
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.pop_back();
            --depth;
            break;
        default:
            break;
        }
    }
    return lines;
}

class Collector
{
public:
    Collector(const QString& file, ManifestParser::Output& out) : m_file(file), m_out(out) {}

    void add(const QJsonValue& root, int line, const QList<int>& itemLines)
    {
        if (root.isNull() || root.isUndefined())
            return; // an empty document (comments only, Helm's empty templates)
        if (root.isArray()) {
            const QJsonArray arr = root.toArray();
            for (qsizetype i = 0; i < arr.size(); ++i)
                addObject(arr.at(i), i < itemLines.size() ? itemLines[i] : line);
            return;
        }
        if (!root.isObject()) {
            skip(line, QStringLiteral("not a Kubernetes object (a bare value, not a mapping)"));
            return;
        }
        const QJsonObject obj = root.toObject();
        const QString kind = obj.value(QLatin1String("kind")).toString();
        if (kind.endsWith(QLatin1String("List")) && obj.value(QLatin1String("items")).isArray()) {
            // A typed list (PodList, NamespaceList) omits kind and apiVersion on its items.
            const QString itemKind = kind == QLatin1String("List") ? QString() : kind.chopped(4);
            const QJsonValue apiVersion = obj.value(QLatin1String("apiVersion"));
            const QJsonArray items = obj.value(QLatin1String("items")).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonValue item = items.at(i);
                if (!itemKind.isEmpty() && item.isObject()) {
                    QJsonObject o = item.toObject();
                    if (!o.contains(QLatin1String("kind")))
                        o.insert(QLatin1String("kind"), itemKind);
                    if (!o.contains(QLatin1String("apiVersion")))
                        o.insert(QLatin1String("apiVersion"), apiVersion);
                    item = o;
                }
                addObject(item, i < itemLines.size() ? itemLines[i] : line);
            }
            return;
        }
        addObject(root, line);
    }

private:
    void addObject(const QJsonValue& v, int line)
    {
        if (!v.isObject()) {
            skip(line, QStringLiteral("not a Kubernetes object (a bare value, not a mapping)"));
            return;
        }
        QJsonObject obj = v.toObject();
        const QJsonValue apiVersion = obj.value(QLatin1String("apiVersion"));
        const QJsonValue kind = obj.value(QLatin1String("kind"));
        if (!apiVersion.isString() || apiVersion.toString().isEmpty() || !kind.isString() ||
            kind.toString().isEmpty()) {
            // Scrub anyway: nothing of a Secret-like document may reach a message.
            skip(line, QStringLiteral("not a Kubernetes object (no apiVersion or kind)"));
            return;
        }
        SecretScrubber::scrub(obj);
        m_out.objects.append(ManifestDocument{m_file, line, obj});
    }

    void skip(int line, const QString& reason)
    {
        m_out.skipped.append(SkippedDocument{m_file, line, reason});
        m_out.warnings.append(Error(m_file, line, reason + QStringLiteral("; skipped")));
    }

    const QString& m_file;
    ManifestParser::Output& m_out;
};

} // namespace

bool ManifestParser::looksLikeJson(const QByteArray& bytes)
{
    for (char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

Result<ManifestParser::Output> ManifestParser::parse(const QString& file, const QByteArray& input, Mode mode)
{
    Output out;
    Collector collect(file, out);
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);

    if (looksLikeJson(bytes)) {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
        if (err.error != QJsonParseError::NoError) {
            const int line = lineOfOffset(bytes, err.offset);
            const QString what = QStringLiteral("JSON syntax error: %1").arg(err.errorString());
            if (mode == Mode::Strict)
                return Error(file, line, what);
            out.skipped.append(SkippedDocument{file, line, what});
            out.warnings.append(Error(file, line, what + QStringLiteral("; the file was skipped")));
            return out;
        }
        const QList<int> itemLines = jsonItemLines(bytes);
        if (doc.isArray()) {
            // Element lines of a top-level array are not tracked: line 1 for all.
            collect.add(doc.array(), 1, {});
        } else {
            collect.add(doc.object(), 1, itemLines);
        }
        return out;
    }

    const QList<Chunk> chunks = splitDocuments(bytes);
    for (const Chunk& chunk : chunks) {
        if (chunk.text.find_first_not_of(" \t\r\n") == std::string::npos)
            continue;
        int docLine = chunk.firstLine;
        QString failure;
        int failureLine = chunk.firstLine;
        try {
            const YAML::Node node = YAML::Load(chunk.text);
            const YAML::Node& root = node;
            if (root.IsNull())
                continue;
            docLine = chunk.firstLine + root.Mark().line;
            QList<int> itemLines;
            if (root.IsMap()) {
                const YAML::Node items = root["items"];
                if (items && items.IsSequence())
                    for (const YAML::Node& item : items)
                        itemLines << chunk.firstLine + item.Mark().line;
            }
            // About 16 visits per byte covers any tree without aliases many times over.
            YamlConverter conv(static_cast<qint64>(chunk.text.size()) * 16 + 100000);
            QJsonValue value;
            if (!conv.convert(root, value)) {
                failure = QStringLiteral("document expands to more than %1 nodes or nests too deep "
                                         "(a YAML alias bomb?); refused")
                              .arg(conv.visited());
                failureLine = docLine;
            } else {
                collect.add(value, docLine, itemLines);
            }
        } catch (const YAML::ParserException& e) {
            failure = QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg));
            failureLine = chunk.firstLine + (e.mark.line >= 0 ? e.mark.line : 0);
        } catch (const YAML::Exception& e) {
            failure = QStringLiteral("YAML error: %1").arg(QString::fromStdString(e.msg));
            failureLine = chunk.firstLine + (e.mark.line >= 0 ? e.mark.line : 0);
        } catch (const std::exception& e) {
            failure = QStringLiteral("cannot read YAML: %1").arg(QString::fromUtf8(e.what()));
        }
        if (failure.isEmpty())
            continue;
        // A parser that runs off the end of a document reports the line after it: keep it inside.
        const int lastLine =
            chunk.firstLine +
            std::max(0, static_cast<int>(std::count(chunk.text.begin(), chunk.text.end(), '\n')) - 1);
        failureLine = std::clamp(failureLine, chunk.firstLine, lastLine);
        switch (mode) {
        case Mode::Strict:
            return Error(file, failureLine, failure);
        case Mode::SkipInvalid:
            out.skipped.append(SkippedDocument{file, failureLine, failure});
            out.warnings.append(Error(file, failureLine, failure + QStringLiteral("; document skipped")));
            break;
        case Mode::KeepBeforeError:
            out.warnings.append(
                Error(file, failureLine, failure + QStringLiteral("; the rest of the file was skipped")));
            return out;
        }
    }
    return out;
}

} // namespace tollgate
