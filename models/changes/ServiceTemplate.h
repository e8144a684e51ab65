#pragma once

#include "base/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate {

// A pre-approved service template (DESIGN 7): a YAML file the program writes with allowed registries,
// required runtime settings, allowed ports, allowed peers and allowed exposure. evaluate() checks a
// component's attributes (ComponentSnapshot) and its flows condition by condition and says what it
// saw for each one. Conformance is evidence for the ISSO's decision, never an automatic approval.
class ServiceTemplate
{
public:
    // At most this many failed conditions make a component "nearly conforms".
    static constexpr int kNearlyMaxFailures = 2;

    [[nodiscard]] static Result<ServiceTemplate> load(const QString& path);
    [[nodiscard]] static Result<ServiceTemplate> parse(const QByteArray& yaml, const QString& label);
    // Files, or folders whose *.yaml / *.yml files are all loaded (sorted by name).
    [[nodiscard]] static Result<QList<ServiceTemplate>> loadAll(const QStringList& paths);
    // The example templates shipped in resources/templates, compiled in.
    static QList<ServiceTemplate> builtIn();

    const QString& name() const { return m_name; }
    const QString& title() const { return m_title; }
    const QString& source() const { return m_source; }

    // {template, title, source, status: conforms | nearly-conforms | does-not-conform, summary,
    //  failed: [condition ids], conditions: [{condition, requirement, passed, evidence}]}.
    // `component` holds the ComponentSnapshot attributes; `flows` are "SRC => DST : CONN" lines.
    QJsonObject evaluate(const QString& componentKey, const QJsonObject& component,
                         const QStringList& flows) const;
    // Adds "templates" (one evaluate() per template) to every component-added change, reading the
    // attributes and flows from the change's fields.
    static QList<QJsonObject> attach(QList<QJsonObject> changes, const QList<ServiceTemplate>& templates);

private:
    QString m_name;
    QString m_title;
    QString m_description;
    QString m_source;
    QStringList m_registries;
    bool m_registriesSet = false;
    bool m_requireDigest = false;
    QStringList m_runtime; // required runtime settings, in file order
    QStringList m_ports;
    bool m_portsSet = false;
    QStringList m_inbound;
    QStringList m_outbound;
    bool m_peersSet = false;
    QStringList m_exposure;
    bool m_exposureSet = false;
};

} // namespace tollgate
