#pragma once

#include <QByteArray>

namespace tollgate {

// SHA-256 through OpenSSL's default library context, incrementally or in one call.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(const char* data, qsizetype size);
    void add(const QByteArray& data) { add(data.constData(), data.size()); }
    // Lowercase hex digest; the object cannot be used after.
    [[nodiscard]] QByteArray hexDigest();

    [[nodiscard]] static QByteArray hex(const QByteArray& data);

private:
    void* m_ctx = nullptr;
};

} // namespace tollgate
