#include "controls/ControlCatalog.h"

#include "base/Sha256.h"
#include "controls/CheckRegistry.h"
#include "findings/Severity.h"
#include "io/YamlConverter.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace tollgate {

extern const char* const kBuiltInControlCatalog; // generated from resources/controls/catalog.yaml

Result<ControlCatalog> ControlCatalog::builtIn()
{
    return parse(QByteArray(kBuiltInControlCatalog), QStringLiteral("built-in catalog"));
}

Result<ControlCatalog> ControlCatalog::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    return parse(f.readAll(), path);
}

Result<ControlCatalog> ControlCatalog::parse(const QByteArray& yaml, const QString& label)
{
    QJsonObject root;
    try {
        const YAML::Node node = YAML::Load(yaml.toStdString());
        QJsonValue value;
        YamlConverter converter(1000000);
        if (!converter.convert(node, value))
            return Error(label, 0, QStringLiteral("the catalog is too large"));
        root = value.toObject();
    } catch (const YAML::Exception& e) {
        return Error(label, e.mark.line + 1,
                     QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(e.msg)));
    }
    const QJsonObject benchmarks = root.value(QLatin1String("benchmarks")).toObject();
    const QJsonArray list = root.value(QLatin1String("controls")).toArray();
    if (list.isEmpty())
        return Error(label, 0, QStringLiteral("the catalog has no controls"));
    ControlCatalog catalog;
    QSet<QString> ids;
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject c = list.at(i).toObject();
        Control control;
        control.id = c.value(QLatin1String("id")).toString();
        if (control.id.isEmpty())
            return Error(label, 0, QStringLiteral("control %1 has no id").arg(i + 1));
        if (ids.contains(control.id))
            return Error(label, 0, QStringLiteral("control %1 appears twice").arg(control.id));
        ids.insert(control.id);
        control.title = c.value(QLatin1String("title")).toString();
        control.rationale = c.value(QLatin1String("rationale")).toString();
        control.cat = Severity::parseCat(c.value(QLatin1String("severity")).toVariant().toString());
        if (control.cat == 0)
            return Error(label, 0,
                         QStringLiteral("control %1: severity must be I, II or III").arg(control.id));
        for (const QJsonValue& n : c.value(QLatin1String("nist")).toArray())
            control.nist << n.toString();
        for (const QJsonValue& d : c.value(QLatin1String("disa")).toArray()) {
            const QJsonObject o = d.toObject();
            const QString bench = o.value(QLatin1String("benchmark")).toString();
            Control::Disa disa;
            disa.id = o.value(QLatin1String("id")).toString();
            disa.benchmark = benchmarks.value(bench).toString(bench);
            disa.title = o.value(QLatin1String("title")).toString();
            disa.exact = o.value(QLatin1String("exact")).toBool();
            disa.rule = o.value(QLatin1String("rule")).toString();
            for (const QJsonValue& n : o.value(QLatin1String("not_in_namespaces")).toArray())
                disa.notInNamespaces << n.toString();
            // An exact mapping is judged against one revision of the rule's check: it must name it.
            if (disa.exact && !disa.rule.startsWith(QLatin1String("SV-")))
                return Error(label, 0,
                             QStringLiteral("control %1: the exact mapping to %2 must name the rule revision "
                                            "it was judged against (rule: SV-..._rule)")
                                 .arg(control.id, disa.id));
            control.disa.append(disa);
        }
        control.check = c.value(QLatin1String("check")).toString();
        if (!CheckRegistry::has(control.check))
            return Error(label, 0,
                         QStringLiteral("control %1: unknown check '%2'").arg(control.id, control.check));
        control.params = c.value(QLatin1String("params")).toObject();
        control.fix = c.value(QLatin1String("fix")).toString();
        catalog.m_controls << control;
    }
    catalog.m_digest = Sha256::hex(yaml);
    return catalog;
}

const Control* ControlCatalog::find(const QString& id) const
{
    for (const Control& c : m_controls)
        if (c.id == id)
            return &c;
    return nullptr;
}

} // namespace tollgate
