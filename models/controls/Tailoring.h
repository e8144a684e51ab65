#pragma once

#include "base/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tollgate {

// A program's tailoring of the controls (resources/controls/tailoring.example.yaml): approved
// registries, a digest allow-list, exempt namespaces, required annotations, approved gateways, the
// scan age limit, and controls switched off (Not_Applicable) with their reason. Loaded at run time.
struct Tailoring
{
    QStringList approvedRegistries{QStringLiteral("registry1.dso.mil/ironbank/")};
    QStringList digestAllowlist;
    QStringList exemptNamespaces;
    QStringList requiredAnnotations{QStringLiteral("tollgate.io/api-contract"),
                                    QStringLiteral("tollgate.io/owner")};
    QStringList approvedGateways{QStringLiteral("istio-system/istio-ingressgateway")};
    int scanMaxAgeDays = 30;
    QMap<QString, QString> notApplicable; // control id -> reason

    [[nodiscard]] static Result<Tailoring> load(const QString& path);
    [[nodiscard]] static Result<Tailoring> parse(const QByteArray& yaml, const QString& label);
    bool exempt(const QString& ns) const { return exemptNamespaces.contains(ns); }
};

} // namespace tollgate
