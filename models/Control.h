#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate {

// One control of the catalog (resources/controls/catalog.yaml, DESIGN section 6).
struct Control
{
    struct Disa
    {
        QString id;        // V-233192
        QString benchmark; // "Container Platform SRG V2R1 (24 Jul 2024)"
        QString title;
    };

    QString id; // IMG-REGISTRY
    QString title;
    QString rationale;
    int cat = 2; // 1, 2, 3
    QStringList nist;
    QList<Disa> disa;
    QString check; // the check kind that implements it
    QJsonObject params;
    QString fix;

    // The NIST family of its first control ("CM"), the dashboard's grouping.
    QString family() const
    {
        return nist.isEmpty() ? QString() : nist.first().section(QLatin1Char('-'), 0, 0);
    }
};

} // namespace tollgate
