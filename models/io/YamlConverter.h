#pragma once

#include <QJsonValue>
#include <QString>

namespace YAML {
class Node;
}

namespace tollgate {

// Turns a yaml-cpp node tree into JSON values with Kubernetes' scalar rules (quoted scalars stay
// strings; plain scalars become null, bool, int, float or string). Aliases are expanded on access,
// so every visit counts against a budget: an alias bomb stops with an error instead of eating memory.
class YamlConverter
{
public:
    explicit YamlConverter(qint64 nodeBudget) : m_budget(nodeBudget) {}

    // Returns false when the budget ran out (the value is then incomplete).
    [[nodiscard]] bool convert(const YAML::Node& node, QJsonValue& out);
    qint64 visited() const { return m_visited; }

    static QJsonValue plainScalar(const std::string& s);

private:
    bool convertNode(const YAML::Node& node, QJsonValue& out, int depth);

    qint64 m_budget;
    qint64 m_visited = 0;
};

} // namespace tollgate
