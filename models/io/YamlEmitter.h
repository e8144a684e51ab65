#pragma once

#include <QJsonValue>
#include <QString>

namespace tollgate {

// Writes a JSON value as block-style YAML, keys in stored order, for showing stored objects the way
// a reviewer reads manifests. Strings that YAML would read as another type are quoted.
class YamlEmitter
{
public:
    static QString toYaml(const QJsonValue& value);
};

} // namespace tollgate
