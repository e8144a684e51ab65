#pragma once

#include <QJsonObject>

namespace tollgate {

// Removes every secret value from an object before anything stores it: a Secret's data, stringData,
// the last-applied-configuration annotation (which repeats the whole Secret) and managedFields.
class SecretScrubber
{
public:
    // True when the object is a core/v1 Secret (values removed in place).
    static bool scrub(QJsonObject& object);
    static bool isSecret(const QJsonObject& object);
};

} // namespace tollgate
