#include "base/Sha256.h"

#include <openssl/evp.h>

namespace tollgate {

Sha256::Sha256()
{
    auto* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    m_ctx = ctx;
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
}

void Sha256::add(const char* data, qsizetype size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data, static_cast<size_t>(size));
}

QByteArray Sha256::hexDigest()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_ctx), md, &len);
    return QByteArray(reinterpret_cast<const char*>(md), static_cast<qsizetype>(len)).toHex();
}

QByteArray Sha256::hex(const QByteArray& data)
{
    Sha256 h;
    h.add(data);
    return h.hexDigest();
}

} // namespace tollgate
