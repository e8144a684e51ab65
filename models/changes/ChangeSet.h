#pragma once

#include "changes/ComponentSnapshot.h"

#include <QJsonObject>
#include <QList>

namespace tollgate {

// What changed between two snapshots, as the ISSO reviews it for the SIA (DESIGN 7): components
// added, removed and changed field by field (renames are a removal and an addition), flows added and
// removed, external exposures added and removed. Vulnerability findings an image bump opens or
// closes roll up into that component's change (counts by CAT, the worst listed). Every change has a
// deterministic id from its content, which decisions are keyed by.
class ChangeSet
{
public:
    static QList<QJsonObject> compute(const ComponentSnapshot& base, const ComponentSnapshot& next);
    // "chg-" and 12 hex digits of the SHA-256 of kind, subject and content.
    static QString idOf(const QString& kind, const QString& subject, const QByteArray& content);
};

} // namespace tollgate
