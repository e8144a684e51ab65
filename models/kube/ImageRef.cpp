#include "kube/ImageRef.h"

namespace tollgate {

ImageRef ImageRef::parse(const QString& reference)
{
    ImageRef r;
    r.m_reference = reference.trimmed();
    QString rest = r.m_reference;
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        r.m_digest = rest.mid(at + 1);
        rest = rest.left(at);
    }
    const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
    const qsizetype slash = rest.lastIndexOf(QLatin1Char('/'));
    if (colon > slash) {
        r.m_tag = rest.mid(colon + 1);
        rest = rest.left(colon);
    }
    const qsizetype first = rest.indexOf(QLatin1Char('/'));
    const QString head = first >= 0 ? rest.left(first) : QString();
    if (first >= 0 && (head.contains(QLatin1Char('.')) || head.contains(QLatin1Char(':')) ||
                       head == QLatin1String("localhost"))) {
        r.m_registry = head;
        r.m_repository = rest.mid(first + 1);
    } else {
        r.m_registry = QStringLiteral("docker.io");
        r.m_repository = first >= 0 ? rest : QStringLiteral("library/") + rest;
    }
    if (rest.isEmpty())
        r.m_repository.clear();
    return r;
}

} // namespace tollgate
