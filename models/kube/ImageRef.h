#pragma once

#include <QString>

namespace tollgate {

// A container image reference split as the OCI distribution spec reads it:
// [registry/]repository[:tag][@digest]. Docker Hub's implicit registry and library/ are made explicit.
class ImageRef
{
public:
    ImageRef() = default;
    static ImageRef parse(const QString& reference);

    const QString& reference() const { return m_reference; }
    const QString& registry() const { return m_registry; }
    const QString& repository() const { return m_repository; }
    const QString& tag() const { return m_tag; }
    const QString& digest() const { return m_digest; } // "sha256:..." or empty
    // registry/repository, the name a scan or an allow-list speaks of.
    QString name() const { return m_registry + QLatin1Char('/') + m_repository; }
    bool isValid() const { return !m_repository.isEmpty(); }

private:
    QString m_reference;
    QString m_registry;
    QString m_repository;
    QString m_tag;
    QString m_digest;
};

} // namespace tollgate
