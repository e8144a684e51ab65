#include "kube/SecretScrubber.h"

namespace tollgate {

bool SecretScrubber::isSecret(const QJsonObject& object)
{
    const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
    return object.value(QLatin1String("kind")).toString() == QLatin1String("Secret") &&
           (apiVersion == QLatin1String("v1") || apiVersion.isEmpty());
}

bool SecretScrubber::scrub(QJsonObject& object)
{
    if (!isSecret(object))
        return false;
    object.remove(QLatin1String("data"));
    object.remove(QLatin1String("stringData"));
    QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    meta.remove(QLatin1String("managedFields"));
    QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
    if (annotations.contains(QLatin1String("kubectl.kubernetes.io/last-applied-configuration"))) {
        annotations.remove(QLatin1String("kubectl.kubernetes.io/last-applied-configuration"));
        meta.insert(QLatin1String("annotations"), annotations);
    }
    object.insert(QLatin1String("metadata"), meta);
    return true;
}

} // namespace tollgate
