#pragma once

#include "base/Result.h"
#include "controls/Control.h"

#include <QByteArray>
#include <QList>

namespace tollgate {

// The controls Tollgate checks, read from YAML: the built-in catalog (resources/controls/
// catalog.yaml, compiled in) or a program's own file given with --catalog.
class ControlCatalog
{
public:
    [[nodiscard]] static Result<ControlCatalog> builtIn();
    [[nodiscard]] static Result<ControlCatalog> load(const QString& path);
    [[nodiscard]] static Result<ControlCatalog> parse(const QByteArray& yaml, const QString& label);

    const QList<Control>& controls() const { return m_controls; }
    const Control* find(const QString& id) const;
    // SHA-256 of the catalog text: a check run is cached per snapshot and catalog.
    const QByteArray& digest() const { return m_digest; }

private:
    QList<Control> m_controls;
    QByteArray m_digest;
};

} // namespace tollgate
