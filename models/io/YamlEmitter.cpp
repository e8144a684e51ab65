#include "io/YamlEmitter.h"

#include "io/YamlConverter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <yaml-cpp/yaml.h>

namespace tollgate {

namespace {
void emit(YAML::Emitter& out, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (o.isEmpty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            return;
        }
        out << YAML::BeginMap;
        for (auto it = o.begin(); it != o.end(); ++it) {
            out << YAML::Key << it.key().toStdString() << YAML::Value;
            emit(out, it.value());
        }
        out << YAML::EndMap;
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (a.isEmpty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            return;
        }
        out << YAML::BeginSeq;
        for (const QJsonValue& x : a)
            emit(out, x);
        out << YAML::EndSeq;
        return;
    }
    case QJsonValue::String: {
        // A string that a YAML reader would take for a number, bool or null is quoted.
        const std::string s = v.toString().toStdString();
        if (s.empty() || !YamlConverter::plainScalar(s).isString())
            out << YAML::DoubleQuoted << s;
        else
            out << s;
        return;
    }
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            out << static_cast<long long>(d);
        else
            out << d;
        return;
    }
    case QJsonValue::Bool:
        out << v.toBool();
        return;
    default:
        out << YAML::Null;
        return;
    }
}
} // namespace

QString YamlEmitter::toYaml(const QJsonValue& value)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetBoolFormat(YAML::TrueFalseBool);
    emit(out, value);
    return QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
}

} // namespace tollgate
