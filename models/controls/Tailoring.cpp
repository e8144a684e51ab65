#include "controls/Tailoring.h"

#include "io/YamlConverter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <yaml-cpp/yaml.h>

namespace tollgate {

namespace {
QStringList listOf(const QJsonObject& o, const char* key, const QStringList& fallback, bool* present)
{
    if (!o.contains(QLatin1String(key)))
        return fallback;
    *present = true;
    QStringList out;
    for (const QJsonValue& v : o.value(QLatin1String(key)).toArray())
        if (!v.toString().isEmpty())
            out << v.toString();
    return out;
}
} // namespace

Result<Tailoring> Tailoring::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    return parse(f.readAll(), path);
}

Result<Tailoring> Tailoring::parse(const QByteArray& yaml, const QString& label)
{
    QJsonObject root;
    try {
        QJsonValue value;
        YamlConverter converter(100000);
        if (!converter.convert(YAML::Load(yaml.toStdString()), value))
            return Error(label, 0, QStringLiteral("the tailoring file is too large"));
        root = value.toObject();
    } catch (const YAML::Exception& e) {
        return Error(label, e.mark.line + 1,
                     QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(e.msg)));
    }
    Tailoring t;
    bool present = false;
    t.approvedRegistries = listOf(root, "approved_registries", t.approvedRegistries, &present);
    t.digestAllowlist = listOf(root, "digest_allowlist", {}, &present);
    t.exemptNamespaces = listOf(root, "exempt_namespaces", {}, &present);
    t.requiredAnnotations = listOf(root, "required_annotations", t.requiredAnnotations, &present);
    t.approvedGateways = listOf(root, "approved_gateways", t.approvedGateways, &present);
    if (root.contains(QLatin1String("scan_max_age_days")))
        t.scanMaxAgeDays = root.value(QLatin1String("scan_max_age_days")).toInt(t.scanMaxAgeDays);
    const QJsonObject na = root.value(QLatin1String("not_applicable")).toObject();
    for (auto it = na.begin(); it != na.end(); ++it) {
        const QString reason = it.value().toString().trimmed();
        if (reason.isEmpty())
            return Error(label, 0, QStringLiteral("not_applicable %1 needs a reason").arg(it.key()));
        t.notApplicable.insert(it.key(), reason);
    }
    return t;
}

} // namespace tollgate
