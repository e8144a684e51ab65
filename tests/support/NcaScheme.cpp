#include "NcaScheme.h"

#include "io/YamlConverter.h"
#include "kube/ManifestLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace tollgate::test {

namespace {
const QStringList kRoles = {QStringLiteral("podList"), QStringLiteral("namespaceList"),
                            QStringLiteral("networkPolicyList"), QStringLiteral("resourceList")};

QStringList entries(const QJsonValue& v)
{
    QStringList out;
    if (v.isString())
        out << v.toString();
    for (const QJsonValue& e : v.toArray())
        out << e.toString();
    return out;
}

Error schemeError(const QString& file, const QString& what)
{
    return Error(file, 0, what);
}
} // namespace

QString NcaScheme::roleOf(const QString& kind)
{
    static const QSet<QString> workloads = {
        QStringLiteral("Pod"),       QStringLiteral("Deployment"),           QStringLiteral("ReplicaSet"),
        QStringLiteral("DaemonSet"), QStringLiteral("StatefulSet"),          QStringLiteral("Job"),
        QStringLiteral("CronJob"),   QStringLiteral("ReplicationController")};
    static const QSet<QString> policies = {QStringLiteral("NetworkPolicy"),
                                           QStringLiteral("AdminNetworkPolicy"),
                                           QStringLiteral("BaselineAdminNetworkPolicy"),
                                           QStringLiteral("AuthorizationPolicy"),
                                           QStringLiteral("PeerAuthentication"),
                                           QStringLiteral("RequestAuthentication"),
                                           QStringLiteral("Sidecar"),
                                           QStringLiteral("Gateway"),
                                           QStringLiteral("VirtualService"),
                                           QStringLiteral("ServiceEntry"),
                                           QStringLiteral("DestinationRule"),
                                           QStringLiteral("Ingress"),
                                           QStringLiteral("Route"),
                                           QStringLiteral("HTTPRoute"),
                                           QStringLiteral("GlobalNetworkPolicy")};
    if (workloads.contains(kind))
        return QStringLiteral("workload");
    if (kind == QLatin1String("Namespace"))
        return QStringLiteral("namespace");
    if (policies.contains(kind))
        return QStringLiteral("policy");
    return QStringLiteral("other");
}

Result<NcaScheme> NcaScheme::load(const QString& caseDir)
{
    const QString file = caseDir + QStringLiteral("/scheme.yaml");
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return schemeError(file, QStringLiteral("cannot read the scheme"));
    QJsonValue root;
    try {
        const YAML::Node node = YAML::Load(f.readAll().toStdString());
        YamlConverter conv(1000000);
        if (!conv.convert(node, root))
            return schemeError(file, QStringLiteral("scheme too large"));
    } catch (const YAML::Exception& e) {
        return schemeError(file, QString::fromStdString(e.what()));
    }
    const QJsonObject o = root.toObject();
    NcaScheme s;
    s.m_dir = caseDir;
    for (const QString& role : kRoles)
        if (o.contains(role))
            s.m_defaults.insert(role, entries(o.value(role)));
    for (const QJsonValue& cv : o.value(QLatin1String("networkConfigList")).toArray()) {
        const QJsonObject c = cv.toObject();
        QMap<QString, QStringList> roles;
        for (const QString& role : kRoles)
            if (c.contains(role))
                roles.insert(role, entries(c.value(role)));
        s.m_configs.insert(c.value(QLatin1String("name")).toString(), roles);
    }
    const QJsonArray queries = o.value(QLatin1String("queries")).toArray();
    if (queries.size() != 1)
        return schemeError(file, QStringLiteral("expected exactly one query"));
    const QJsonObject q = queries.first().toObject();
    for (const QString& type : {QStringLiteral("connectivityMap"), QStringLiteral("semanticDiff")})
        if (q.contains(type)) {
            s.m_queryType = type;
            s.m_queryConfigs = entries(q.value(type));
        }
    if (s.m_queryType.isEmpty() || s.m_queryConfigs.isEmpty())
        return schemeError(file, QStringLiteral("the query is neither connectivityMap nor semanticDiff"));
    for (const QString& c : std::as_const(s.m_queryConfigs))
        if (!s.m_configs.contains(c))
            return schemeError(file, QStringLiteral("the query names an unknown config %1").arg(c));
    return s;
}

Result<QList<ManifestDocument>> NcaScheme::objects(const QString& config) const
{
    QMap<QString, QStringList> roles = m_defaults;
    const auto own = m_configs.value(config);
    for (auto it = own.cbegin(); it != own.cend(); ++it)
        roles.insert(it.key(), it.value());
    QList<ManifestDocument> out;
    QSet<QString> seen;
    for (const QString& role : kRoles) {
        for (const QString& entry : roles.value(role)) {
            QStringList paths;
            QString path = m_dir + QLatin1Char('/') + entry;
            if (path.endsWith(QLatin1String("/**"))) {
                paths << path.chopped(3); // ManifestLoader reads a directory recursively
            } else if (QFileInfo(path).isDir()) {
                const QDir d(path);
                for (const QString& name : d.entryList(
                         {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
                         QDir::Files, QDir::Name))
                    paths << d.filePath(name);
            } else {
                paths << path;
            }
            if (paths.isEmpty())
                continue;
            auto loaded = ManifestLoader::load(paths);
            if (!loaded)
                return loaded.error();
            for (const ManifestDocument& doc : loaded->objects) {
                const QString kind = doc.body.value(QLatin1String("kind")).toString();
                const QString kindRole = roleOf(kind);
                const bool take =
                    role == QLatin1String("resourceList") ||
                    (role == QLatin1String("networkPolicyList") && kindRole == QLatin1String("policy")) ||
                    ((role == QLatin1String("podList") || role == QLatin1String("namespaceList")) &&
                     (kindRole == QLatin1String("workload") || kindRole == QLatin1String("namespace"))) ||
                    // NCA's peer container takes Services with the pods: its expected outputs resolve
                    // Ingress and VirtualService backends from configs whose Services come only from podList.
                    (role == QLatin1String("podList") && kind == QLatin1String("Service"));
                if (!take)
                    continue;
                const QJsonObject meta = doc.body.value(QLatin1String("metadata")).toObject();
                const QString key =
                    doc.body.value(QLatin1String("apiVersion")).toString().section(QLatin1Char('/'), 0, -2) +
                    QLatin1Char('|') + kind + QLatin1Char('|') +
                    meta.value(QLatin1String("namespace")).toString() + QLatin1Char('|') +
                    meta.value(QLatin1String("name")).toString();
                if (seen.contains(key))
                    continue;
                seen.insert(key);
                out << doc;
            }
        }
    }
    return out;
}

} // namespace tollgate::test

namespace tollgate::test {

bool NcaScheme::assumeMesh(QList<ManifestDocument>& objects)
{
    bool istio = false;
    for (const ManifestDocument& d : std::as_const(objects)) {
        if (d.body.value(QLatin1String("apiVersion")).toString().contains(QLatin1String("istio.io")))
            istio = true;
        const QByteArray text = QJsonDocument(d.body).toJson(QJsonDocument::Compact);
        if (text.contains("istio-injection") || text.contains("istio.io/rev") ||
            text.contains("sidecar.istio.io/inject"))
            return false;
    }
    if (!istio)
        return false;
    for (ManifestDocument& d : objects) {
        const QString kind = d.body.value(QLatin1String("kind")).toString();
        if (roleOf(kind) != QLatin1String("workload"))
            continue;
        auto annotate = [](QJsonObject meta) -> QJsonObject {
            QJsonObject a = meta.value(QLatin1String("annotations")).toObject();
            a.insert(QStringLiteral("sidecar.istio.io/inject"), QStringLiteral("true"));
            meta.insert(QStringLiteral("annotations"), a);
            return meta;
        };
        if (kind == QLatin1String("Pod")) {
            d.body.insert(QStringLiteral("metadata"),
                          annotate(d.body.value(QLatin1String("metadata")).toObject()));
            continue;
        }
        QJsonObject spec = d.body.value(QLatin1String("spec")).toObject();
        QJsonObject* holder = &spec;
        QJsonObject jobSpec;
        QJsonObject jobTemplate;
        if (kind == QLatin1String("CronJob")) {
            jobTemplate = spec.value(QLatin1String("jobTemplate")).toObject();
            jobSpec = jobTemplate.value(QLatin1String("spec")).toObject();
            holder = &jobSpec;
        }
        QJsonObject tmpl = holder->value(QLatin1String("template")).toObject();
        tmpl.insert(QStringLiteral("metadata"), annotate(tmpl.value(QLatin1String("metadata")).toObject()));
        holder->insert(QStringLiteral("template"), tmpl);
        if (kind == QLatin1String("CronJob")) {
            jobTemplate.insert(QStringLiteral("spec"), jobSpec);
            spec.insert(QStringLiteral("jobTemplate"), jobTemplate);
        }
        d.body.insert(QStringLiteral("spec"), spec);
    }
    return true;
}

} // namespace tollgate::test
