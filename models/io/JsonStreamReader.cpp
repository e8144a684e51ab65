#include "io/JsonStreamReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <cassert>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <vector>

namespace tollgate {

namespace {

// A RapidJSON input stream over a QFile (or a byte array) with a fixed buffer, counting lines.
class CountingStream
{
public:
    using Ch = char;

    CountingStream(QFile* file, qint64 maxBytes) : m_file(file), m_maxBytes(maxBytes)
    {
        m_buffer.resize(1 << 16);
    }
    explicit CountingStream(const QByteArray& data) : m_data(data), m_fixed(true) {}

    Ch Peek()
    {
        if (m_pos >= m_len && !fill())
            return '\0';
        return m_cur[m_pos];
    }
    Ch Take()
    {
        if (m_pos >= m_len && !fill())
            return '\0';
        const Ch c = m_cur[m_pos++];
        ++m_tell;
        if (c == '\n')
            ++m_line;
        return c;
    }
    size_t Tell() const { return static_cast<size_t>(m_tell); }
    Ch* PutBegin()
    {
        assert(false);
        return nullptr;
    }
    void Put(Ch) { assert(false); }
    void Flush() {}
    size_t PutEnd(Ch*)
    {
        assert(false);
        return 0;
    }

    int line() const { return m_line; }
    qint64 offset() const { return m_tell; }
    bool truncated() const { return m_truncated; }
    bool readFailed() const { return m_readFailed; }

private:
    bool fill()
    {
        if (m_fixed) {
            if (m_consumedFixed)
                return false;
            m_consumedFixed = true;
            m_cur = m_data.constData();
            m_len = m_data.size();
            m_pos = 0;
            return m_len > 0;
        }
        if (m_maxBytes > 0 && m_total >= m_maxBytes) {
            m_truncated = !m_file->atEnd();
            return false;
        }
        qint64 want = m_buffer.size();
        if (m_maxBytes > 0)
            want = qMin(want, m_maxBytes - m_total);
        const qint64 got = m_file->read(m_buffer.data(), want);
        if (got < 0)
            m_readFailed = true;
        if (got <= 0)
            return false;
        m_total += got;
        m_cur = m_buffer.constData();
        m_len = got;
        m_pos = 0;
        return true;
    }

    QFile* m_file = nullptr;
    qint64 m_maxBytes = 0;
    QByteArray m_buffer;
    QByteArray m_data;
    bool m_fixed = false;
    bool m_consumedFixed = false;
    const char* m_cur = nullptr;
    qint64 m_len = 0;
    qint64 m_pos = 0;
    qint64 m_tell = 0;
    qint64 m_total = 0;
    int m_line = 1;
    bool m_truncated = false;
    bool m_readFailed = false;
};

struct Segment
{
    bool isArray = false;
    int index = -1;
    QString key;
};

struct Frame
{
    bool isArray = false;
    QJsonArray array;
    QJsonObject object;
    QString key;
};

class CaptureHandler
{
public:
    CaptureHandler(const QStringList& patterns, const JsonStreamReader::Visitor& visitor,
                   CountingStream& stream)
        : m_visitor(visitor), m_stream(stream)
    {
        for (const QString& p : patterns) {
            if (p.startsWith(QLatin1Char('!')))
                m_stops.push_back(p.mid(1).split(QLatin1Char('/'), Qt::SkipEmptyParts));
            else
                m_patterns.push_back(p.split(QLatin1Char('/'), Qt::SkipEmptyParts));
        }
    }

    bool stopped() const { return m_stopped; }

    bool Null() { return scalar(QJsonValue(QJsonValue::Null)); }
    bool Bool(bool b) { return scalar(QJsonValue(b)); }
    bool Int(int i) { return scalar(QJsonValue(i)); }
    bool Uint(unsigned u) { return scalar(QJsonValue(static_cast<qint64>(u))); }
    bool Int64(int64_t i) { return scalar(QJsonValue(static_cast<qint64>(i))); }
    bool Uint64(uint64_t u) { return scalar(QJsonValue(static_cast<double>(u))); }
    bool Double(double d) { return scalar(QJsonValue(d)); }
    bool RawNumber(const char* s, rapidjson::SizeType len, bool)
    {
        return scalar(QJsonValue(QString::fromUtf8(s, static_cast<int>(len))));
    }
    bool String(const char* s, rapidjson::SizeType len, bool)
    {
        if (!m_capturing && !startValue())
            return !m_stopped;
        return scalar(QJsonValue(QString::fromUtf8(s, static_cast<int>(len))), true);
    }
    bool StartObject() { return startContainer(false) && !m_stopped; }
    bool StartArray() { return startContainer(true) && !m_stopped; }
    bool Key(const char* s, rapidjson::SizeType len, bool)
    {
        if (m_capturing)
            m_frames.back().key = QString::fromUtf8(s, static_cast<int>(len));
        else
            m_path.back().key = QString::fromUtf8(s, static_cast<int>(len));
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return endContainer(); }
    bool EndArray(rapidjson::SizeType) { return endContainer(); }

private:
    // Called at the start of every value outside a capture: advances the array index and tells
    // whether this value starts a capture.
    bool matches(const QStringList& pattern) const
    {
        if (pattern.size() != static_cast<int>(m_path.size()))
            return false;
        for (int i = 0; i < pattern.size(); ++i) {
            const QString& want = pattern.at(i);
            if (want == QLatin1String("*"))
                continue;
            const Segment& seg = m_path[static_cast<size_t>(i)];
            if (seg.isArray ? want != QString::number(seg.index) : want != seg.key)
                return false;
        }
        return true;
    }

    bool startValue()
    {
        if (!m_path.empty() && m_path.back().isArray)
            ++m_path.back().index;
        for (const QStringList& stop : m_stops)
            if (matches(stop)) {
                m_stopped = true;
                return false;
            }
        for (const QStringList& pattern : m_patterns) {
            if (matches(pattern)) {
                m_capturing = true;
                m_startLine = m_stream.line();
                m_startOffset = m_stream.offset() - 1;
                return true;
            }
        }
        return false;
    }

    QString pointer() const
    {
        QString p;
        for (const Segment& seg : m_path) {
            p += QLatin1Char('/');
            p += seg.isArray ? QString::number(seg.index) : seg.key;
        }
        return p;
    }

    bool scalar(const QJsonValue& v, bool started = false)
    {
        if (!m_capturing) {
            if (!started && !startValue())
                return !m_stopped;
        }
        if (m_frames.empty())
            return deliver(v);
        add(v);
        return true;
    }

    void add(const QJsonValue& v)
    {
        Frame& f = m_frames.back();
        if (f.isArray)
            f.array.append(v);
        else
            f.object.insert(f.key, v);
    }

    bool startContainer(bool isArray)
    {
        if (!m_capturing && !startValue()) {
            Segment seg;
            seg.isArray = isArray;
            m_path.push_back(seg);
            return true;
        }
        Frame f;
        f.isArray = isArray;
        m_frames.push_back(std::move(f));
        return true;
    }

    bool endContainer()
    {
        if (!m_capturing) {
            m_path.pop_back();
            return true;
        }
        Frame f = std::move(m_frames.back());
        m_frames.pop_back();
        const QJsonValue v = f.isArray ? QJsonValue(f.array) : QJsonValue(f.object);
        if (m_frames.empty())
            return deliver(v);
        add(v);
        return true;
    }

    bool deliver(const QJsonValue& v)
    {
        m_capturing = false;
        JsonStreamReader::Element e;
        e.pointer = pointer();
        e.value = v;
        e.line = m_startLine;
        e.offset = m_startOffset;
        if (!m_visitor(e)) {
            m_stopped = true;
            return false;
        }
        return true;
    }

    std::vector<QStringList> m_patterns;
    std::vector<QStringList> m_stops;
    const JsonStreamReader::Visitor& m_visitor;
    CountingStream& m_stream;
    std::vector<Segment> m_path;
    std::vector<Frame> m_frames;
    bool m_capturing = false;
    bool m_stopped = false;
    int m_startLine = 0;
    qint64 m_startOffset = 0;
};

Status run(CountingStream& stream, const QString& label, const QStringList& patterns,
           const JsonStreamReader::Visitor& visitor, bool allowTruncation)
{
    CaptureHandler handler(patterns, visitor, stream);
    rapidjson::Reader reader;
    const rapidjson::ParseResult r =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag>(stream, handler);
    if (handler.stopped())
        return {};
    if (stream.readFailed())
        return Error(label, 0, QStringLiteral("cannot read the file"));
    if (r.IsError()) {
        if (allowTruncation && stream.truncated())
            return {};
        return Error(label, stream.line(),
                     QStringLiteral("invalid JSON: %1 (byte %2)")
                         .arg(QString::fromUtf8(rapidjson::GetParseError_En(r.Code())))
                         .arg(r.Offset()));
    }
    return {};
}

} // namespace

Status JsonStreamReader::read(const QString& path, const QStringList& patterns, const Visitor& visitor,
                              qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    CountingStream stream(&file, maxBytes);
    return run(stream, path, patterns, visitor, maxBytes > 0);
}

Status JsonStreamReader::readBytes(const QByteArray& data, const QString& label, const QStringList& patterns,
                                   const Visitor& visitor)
{
    CountingStream stream(data);
    return run(stream, label, patterns, visitor, false);
}

} // namespace tollgate
