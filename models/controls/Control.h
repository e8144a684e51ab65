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
        // The Tollgate check is exactly this STIG rule's check (catalog `exact: true`), judged against
        // the rule revision `rule` (SV-..._rule): only then may a checklist carry the control's result.
        bool exact = false;
        QString rule;
        // Namespaces the STIG's check leaves out (catalog `not_in_namespaces`): results there do not
        // decide the rule's status.
        QStringList notInNamespaces;
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
