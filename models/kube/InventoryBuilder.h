#pragma once

#include "kube/Inventory.h"
#include "kube/ManifestDocument.h"

namespace tollgate {

// Derives the inventory of a snapshot from its objects: workloads with both identities, containers
// with parsed image references, services, ways in from outside, namespaces.
class InventoryBuilder
{
public:
    [[nodiscard]] static Inventory build(const QList<ManifestDocument>& objects);

    // The pod template of a workload object: {metadata, spec}; a Pod is its own template.
    static QJsonObject podTemplate(const QString& kind, const QJsonObject& body);
    // matchLabels-style subset test: every key of `selector` is in `labels` with the same value.
    static bool selectorMatches(const QJsonObject& selector, const QJsonObject& labels);
};

} // namespace tollgate
