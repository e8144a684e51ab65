#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace tollgate {

// A Kubernetes label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist),
// validated as the API server validates it. The empty selector matches everything.
class LabelSelector
{
public:
    struct Expression
    {
        QString key;
        enum Op
        {
            In,
            NotIn,
            Exists,
            DoesNotExist
        } op;
        QStringList values;
    };

    [[nodiscard]] static Result<LabelSelector> parse(const QJsonValue& value);
    static LabelSelector everything() { return {}; }

    bool matches(const QJsonObject& labels) const;
    bool isEmpty() const { return m_labels.isEmpty() && m_expressions.isEmpty(); }
    QString toString() const;

    static bool isValidKey(const QString& key);
    static bool isValidValue(const QString& value);

private:
    QList<std::pair<QString, QString>> m_labels;
    QList<Expression> m_expressions;
};

} // namespace tollgate
