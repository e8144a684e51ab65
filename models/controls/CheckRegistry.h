#pragma once

#include "controls/CheckContext.h"
#include "controls/CheckEmitter.h"
#include "controls/Control.h"

#include <QString>
#include <QStringList>

namespace tollgate {

// The check kinds a catalog may name, each a small function over the context (one per kind, in
// models/checks/*). A catalog naming an unknown kind is refused at load.
class CheckRegistry
{
public:
    using Check = void (*)(const Control&, const CheckContext&, CheckEmitter&);
    static bool has(const QString& kind);
    static Check get(const QString& kind);
    static QStringList kinds();
};

} // namespace tollgate
