#pragma once

#include "changes/ComponentSnapshot.h"

#include <QJsonObject>
#include <QUuid>

namespace tollgate {

// The components of one snapshot as an OSCAL SSP `system-implementation` fragment (DESIGN 7): one
// `service` component and one inventory item per component key, with the SSP properties (images and
// digests, ports, service account, namespace, kind, exposure, mesh) as props. UUIDs are UUIDv5 of the
// component key under a fixed namespace, so the same component keeps its UUIDs across snapshots and
// the fragment merges into the program's SSP again and again.
class OscalExport
{
public:
    // Tollgate's prop namespace (OSCAL props outside the core set carry an `ns`).
    static QString propNamespace();
    static QUuid componentUuid(const QString& componentKey);
    static QUuid inventoryUuid(const QString& componentKey);
    // {"system-implementation": {"components": [...], "inventory-items": [...]}}.
    static QJsonObject systemImplementation(const ComponentSnapshot& snapshot);
};

} // namespace tollgate
