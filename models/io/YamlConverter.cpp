#include "io/YamlConverter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>
#include <cstdlib>
#include <yaml-cpp/yaml.h>

namespace tollgate {

namespace {
constexpr int kMaxDepth = 256;

bool isInteger(const std::string& s, qint64& v)
{
    if (s.empty())
        return false;
    const char* b = s.c_str();
    char* end = nullptr;
    errno = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        v = std::strtoll(b + 2, &end, s[1] == 'x' ? 16 : 8);
        return errno == 0 && end && *end == '\0' && end != b + 2;
    }
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i >= s.size())
        return false;
    for (size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9')
            return false;
    v = std::strtoll(b, &end, 10);
    return errno == 0;
}

bool isFloat(const std::string& s, double& v)
{
    if (s.empty())
        return false;
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") {
        v = INFINITY;
        return true;
    }
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF") {
        v = -INFINITY;
        return true;
    }
    // YAML 1.2 core float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    size_t i = 0;
    if (s[i] == '-' || s[i] == '+')
        ++i;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        ++i;
        digits = true;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            ++i;
            digits = true;
        }
    }
    if (!digits)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        bool exp = false;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            ++i;
            exp = true;
        }
        if (!exp)
            return false;
    }
    if (i != s.size())
        return false;
    v = std::strtod(s.c_str(), nullptr);
    return true;
}
} // namespace

QJsonValue YamlConverter::plainScalar(const std::string& s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return QJsonValue(QJsonValue::Null);
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    qint64 i = 0;
    if (isInteger(s, i))
        return QJsonValue(i);
    double d = 0;
    if (isFloat(s, d))
        return d;
    return QString::fromStdString(s);
}

bool YamlConverter::convert(const YAML::Node& node, QJsonValue& out)
{
    return convertNode(node, out, 0);
}

bool YamlConverter::convertNode(const YAML::Node& node, QJsonValue& out, int depth)
{
    if (++m_visited > m_budget || depth > kMaxDepth)
        return false;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out = QJsonValue(QJsonValue::Null);
        return true;
    case YAML::NodeType::Scalar:
        // Tag "!" marks a quoted (non-plain) scalar: always a string.
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str")
            out = QString::fromStdString(node.Scalar());
        else
            out = plainScalar(node.Scalar());
        return true;
    case YAML::NodeType::Sequence: {
        QJsonArray arr;
        for (const YAML::Node& child : node) {
            QJsonValue v;
            if (!convertNode(child, v, depth + 1))
                return false;
            arr.append(v);
        }
        out = arr;
        return true;
    }
    case YAML::NodeType::Map: {
        QJsonObject obj;
        for (const auto& kv : node) {
            QJsonValue key;
            if (!convertNode(kv.first, key, depth + 1))
                return false;
            QJsonValue v;
            if (!convertNode(kv.second, v, depth + 1))
                return false;
            QString k;
            if (key.isString())
                k = key.toString();
            else if (kv.first.IsScalar())
                k = QString::fromStdString(kv.first.Scalar());
            else
                k = QStringLiteral("<complex key>");
            obj.insert(k, v);
        }
        out = obj;
        return true;
    }
    }
    return true;
}

} // namespace tollgate
