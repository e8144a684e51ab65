#include "changes/ServiceTemplate.h"

#include "io/YamlConverter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace tollgate {

extern const char* const kBuiltInServiceTemplates[];
extern const int kBuiltInServiceTemplateCount;

namespace {

const QStringList& runtimeSettings()
{
    static const QStringList s = {
        QStringLiteral("run_as_non_root"),         QStringLiteral("read_only_root_filesystem"),
        QStringLiteral("no_privilege_escalation"), QStringLiteral("drop_all_capabilities"),
        QStringLiteral("no_host_namespaces"),      QStringLiteral("mesh_sidecar")};
    return s;
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& x : v.toArray()) {
        const QString s = x.isString() ? x.toString() : x.toVariant().toString();
        if (!s.trimmed().isEmpty())
            out << s.trimmed();
    }
    return out;
}

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// "name: {json}" entries of container_security -> container name -> securityContext.
QList<QPair<QString, QJsonObject>> containerSecurity(const QJsonObject& c)
{
    QList<QPair<QString, QJsonObject>> out;
    for (const QString& s : strings(c.value(QLatin1String("container_security")))) {
        const int at = s.indexOf(QStringLiteral(": "));
        out.append({s.left(at), parseObject(s.mid(at + 2))});
    }
    return out;
}

bool matchesPeer(const QString& peer, const QStringList& patterns)
{
    for (const QString& p : patterns) {
        if (p == peer || peer.section(QLatin1Char('/'), 0, 0) == p)
            return true;
        // A glob where * also crosses '/' (Qt's wildcards treat '/' as a path separator).
        QString pattern = QRegularExpression::escape(p);
        pattern.replace(QStringLiteral("\\*"), QStringLiteral(".*"))
            .replace(QStringLiteral("\\?"), QStringLiteral("."));
        if (QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(peer).hasMatch())
            return true;
    }
    return false;
}

QJsonObject condition(const QString& id, const QString& requirement, bool passed, const QString& evidence)
{
    return QJsonObject{{QStringLiteral("condition"), id},
                       {QStringLiteral("requirement"), requirement},
                       {QStringLiteral("passed"), passed},
                       {QStringLiteral("evidence"), evidence}};
}

QString listed(const QStringList& items, const QString& none)
{
    return items.isEmpty() ? none : items.join(QStringLiteral("; "));
}

} // namespace

Result<ServiceTemplate> ServiceTemplate::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    return parse(f.readAll(), path);
}

Result<ServiceTemplate> ServiceTemplate::parse(const QByteArray& yaml, const QString& label)
{
    QJsonObject root;
    try {
        QJsonValue value;
        YamlConverter converter(100000);
        if (!converter.convert(YAML::Load(yaml.toStdString()), value))
            return Error(label, 0, QStringLiteral("the template file is too large"));
        if (!value.isObject())
            return Error(label, 0, QStringLiteral("a service template is a YAML mapping"));
        root = value.toObject();
    } catch (const YAML::Exception& e) {
        return Error(label, e.mark.line + 1,
                     QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(e.msg)));
    }
    static const QStringList known = {QStringLiteral("name"),
                                      QStringLiteral("title"),
                                      QStringLiteral("description"),
                                      QStringLiteral("allowed_registries"),
                                      QStringLiteral("require_digest"),
                                      QStringLiteral("runtime"),
                                      QStringLiteral("allowed_ports"),
                                      QStringLiteral("allowed_peers"),
                                      QStringLiteral("allowed_exposure")};
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!known.contains(it.key()))
            return Error(label, 0,
                         QStringLiteral("unknown key '%1' (known: %2)")
                             .arg(it.key(), known.join(QStringLiteral(", "))));
    ServiceTemplate t;
    t.m_source = label;
    t.m_name = root.value(QLatin1String("name")).toString().trimmed();
    if (t.m_name.isEmpty())
        return Error(label, 0, QStringLiteral("a service template needs a name"));
    t.m_title = root.value(QLatin1String("title")).toString(t.m_name);
    t.m_description = root.value(QLatin1String("description")).toString();
    t.m_registriesSet = root.contains(QLatin1String("allowed_registries"));
    t.m_registries = strings(root.value(QLatin1String("allowed_registries")));
    t.m_requireDigest = root.value(QLatin1String("require_digest")).toBool();
    const QJsonObject runtime = root.value(QLatin1String("runtime")).toObject();
    for (auto it = runtime.begin(); it != runtime.end(); ++it) {
        if (!runtimeSettings().contains(it.key()))
            return Error(label, 0,
                         QStringLiteral("unknown runtime setting '%1' (known: %2)")
                             .arg(it.key(), runtimeSettings().join(QStringLiteral(", "))));
        if (it.value().toBool())
            t.m_runtime << it.key();
    }
    // Keep the documented order, whatever the file's.
    std::sort(t.m_runtime.begin(), t.m_runtime.end(), [](const QString& a, const QString& b) {
        return runtimeSettings().indexOf(a) < runtimeSettings().indexOf(b);
    });
    t.m_portsSet = root.contains(QLatin1String("allowed_ports"));
    t.m_ports = strings(root.value(QLatin1String("allowed_ports")));
    for (QString& p : t.m_ports)
        if (!p.contains(QLatin1Char('/')))
            p += QStringLiteral("/TCP");
    const QJsonObject peers = root.value(QLatin1String("allowed_peers")).toObject();
    t.m_peersSet = root.contains(QLatin1String("allowed_peers"));
    t.m_inbound = strings(peers.value(QLatin1String("inbound")));
    t.m_outbound = strings(peers.value(QLatin1String("outbound")));
    t.m_exposureSet = root.contains(QLatin1String("allowed_exposure"));
    t.m_exposure = strings(root.value(QLatin1String("allowed_exposure")));
    return t;
}

Result<QList<ServiceTemplate>> ServiceTemplate::loadAll(const QStringList& paths)
{
    QList<ServiceTemplate> out;
    for (const QString& path : paths) {
        QStringList files;
        if (QFileInfo(path).isDir()) {
            const QDir dir(path);
            for (const QString& f :
                 dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
                files << dir.filePath(f);
            if (files.isEmpty())
                return Error(path, 0, QStringLiteral("no *.yaml template in this folder"));
        } else {
            files << path;
        }
        for (const QString& f : files) {
            auto t = load(f);
            if (!t)
                return t.error();
            out << t.value();
        }
    }
    return out;
}

QList<ServiceTemplate> ServiceTemplate::builtIn()
{
    QList<ServiceTemplate> out;
    for (int i = 0; i < kBuiltInServiceTemplateCount; ++i) {
        auto t = parse(QByteArray(kBuiltInServiceTemplates[i]), QStringLiteral("built-in template"));
        if (t) {
            t->m_source = QStringLiteral("built-in resources/templates/%1.yaml").arg(t->m_name);
            out << t.value();
        }
    }
    return out;
}

QJsonObject ServiceTemplate::evaluate(const QString& componentKey, const QJsonObject& component,
                                      const QStringList& flows) const
{
    QJsonArray conditions;
    const QStringList images = strings(component.value(QLatin1String("images")));
    if (m_registriesSet) {
        QStringList bad;
        for (const QString& i : images) {
            const QString ref = i.section(QLatin1Char('='), 1);
            bool ok = false;
            for (const QString& r : m_registries)
                ok = ok || ref.startsWith(r);
            if (!ok)
                bad << i;
        }
        conditions.append(condition(
            QStringLiteral("registry"),
            QStringLiteral("images from %1").arg(listed(m_registries, QStringLiteral("no registry"))),
            bad.isEmpty() && !images.isEmpty(),
            bad.isEmpty()
                ? QStringLiteral("all from an allowed registry: %1")
                      .arg(listed(images, QStringLiteral("no image")))
                : QStringLiteral("not from an allowed registry: %1").arg(bad.join(QStringLiteral("; ")))));
    }
    if (m_requireDigest) {
        QStringList bad;
        for (const QString& i : images)
            if (!i.contains(QLatin1String("@sha256:")))
                bad << i;
        conditions.append(
            condition(QStringLiteral("digest"), QStringLiteral("every image pinned by digest"), bad.isEmpty(),
                      bad.isEmpty() ? QStringLiteral("%1 image(s) pinned by @sha256").arg(images.size())
                                    : QStringLiteral("by tag only: %1").arg(bad.join(QStringLiteral("; ")))));
    }
    const QString podText = component.value(QLatin1String("pod_security")).toString();
    const QJsonObject pod = parseObject(podText.left(podText.lastIndexOf(QLatin1Char('}')) + 1));
    const auto containers = containerSecurity(component);
    for (const QString& setting : m_runtime) {
        QStringList bad;
        QString requirement;
        QString okText;
        if (setting == QLatin1String("no_host_namespaces")) {
            requirement = QStringLiteral("no hostNetwork, hostPID or hostIPC");
            for (const char* h : {"hostNetwork", "hostPID", "hostIPC"})
                if (podText.contains(QLatin1String(h)))
                    bad << QLatin1String(h);
            okText = QStringLiteral("pod shares no host namespace");
        } else if (setting == QLatin1String("mesh_sidecar")) {
            requirement = QStringLiteral("Istio sidecar injected");
            const QString mesh = component.value(QLatin1String("mesh")).toString();
            if (!mesh.startsWith(QLatin1String("injected")))
                bad << QStringLiteral("mesh: %1").arg(mesh.isEmpty() ? QStringLiteral("unknown") : mesh);
            okText = QStringLiteral("mesh: %1").arg(mesh);
        } else {
            for (const auto& [name, sc] : containers) {
                bool ok = false;
                if (setting == QLatin1String("run_as_non_root")) {
                    requirement = QStringLiteral("runAsNonRoot: true (pod or container)");
                    ok = sc.value(QLatin1String("runAsNonRoot"))
                             .toBool(pod.value(QLatin1String("runAsNonRoot")).toBool());
                } else if (setting == QLatin1String("read_only_root_filesystem")) {
                    requirement = QStringLiteral("readOnlyRootFilesystem: true");
                    ok = sc.value(QLatin1String("readOnlyRootFilesystem")).toBool();
                } else if (setting == QLatin1String("no_privilege_escalation")) {
                    requirement = QStringLiteral("allowPrivilegeEscalation: false");
                    ok = sc.contains(QLatin1String("allowPrivilegeEscalation")) &&
                         !sc.value(QLatin1String("allowPrivilegeEscalation")).toBool();
                } else if (setting == QLatin1String("drop_all_capabilities")) {
                    requirement = QStringLiteral("capabilities drop ALL, add none");
                    const QJsonObject caps = sc.value(QLatin1String("capabilities")).toObject();
                    ok = strings(caps.value(QLatin1String("drop"))).contains(QStringLiteral("ALL")) &&
                         strings(caps.value(QLatin1String("add"))).isEmpty();
                }
                if (!ok)
                    bad << name;
            }
            okText = QStringLiteral("set in every container (%1)").arg(containers.size());
            if (!bad.isEmpty())
                bad = QStringList{
                    QStringLiteral("not set in container(s): %1").arg(bad.join(QStringLiteral(", ")))};
        }
        const bool passed =
            bad.isEmpty() && (!containers.isEmpty() || setting == QLatin1String("mesh_sidecar") ||
                              setting == QLatin1String("no_host_namespaces"));
        conditions.append(condition(setting, requirement, passed,
                                    passed ? okText : listed(bad, QStringLiteral("no container"))));
    }
    if (m_portsSet) {
        const QStringList ports = strings(component.value(QLatin1String("ports")));
        QStringList bad;
        for (const QString& p : ports) {
            const QString port = p.section(QLatin1Char(':'), 1).section(QLatin1Char(' '), 0, 0);
            if (!m_ports.contains(port) || p.contains(QLatin1String("hostPort")))
                bad << p;
        }
        conditions.append(condition(
            QStringLiteral("ports"),
            QStringLiteral("ports %1, no host port").arg(listed(m_ports, QStringLiteral("none"))),
            bad.isEmpty(),
            bad.isEmpty() ? QStringLiteral("declares %1").arg(listed(ports, QStringLiteral("no port")))
                          : QStringLiteral("not allowed: %1").arg(bad.join(QStringLiteral("; ")))));
    }
    if (m_peersSet) {
        QStringList in;
        QStringList out;
        QStringList badIn;
        QStringList badOut;
        for (const QString& f : flows) {
            const QString src = f.section(QStringLiteral(" => "), 0, 0);
            const QString dst = f.section(QStringLiteral(" => "), 1).section(QStringLiteral(" : "), 0, 0);
            if (dst == componentKey && src != componentKey) {
                in << src;
                if (!matchesPeer(src, m_inbound))
                    badIn << f;
            }
            if (src == componentKey && dst != componentKey) {
                out << dst;
                if (!matchesPeer(dst, m_outbound))
                    badOut << f;
            }
        }
        in.removeDuplicates();
        out.removeDuplicates();
        conditions.append(condition(
            QStringLiteral("inbound_peers"),
            QStringLiteral("reached only from %1").arg(listed(m_inbound, QStringLiteral("nobody"))),
            badIn.isEmpty(),
            badIn.isEmpty() ? QStringLiteral("reached from %1").arg(listed(in, QStringLiteral("nobody")))
                            : QStringLiteral("not allowed: %1").arg(badIn.join(QStringLiteral("; ")))));
        conditions.append(condition(
            QStringLiteral("outbound_peers"),
            QStringLiteral("reaches only %1").arg(listed(m_outbound, QStringLiteral("nothing"))),
            badOut.isEmpty(),
            badOut.isEmpty() ? QStringLiteral("reaches %1").arg(listed(out, QStringLiteral("nothing")))
                             : QStringLiteral("not allowed: %1").arg(badOut.join(QStringLiteral("; ")))));
    }
    if (m_exposureSet) {
        const QStringList exposures = strings(component.value(QLatin1String("exposures")));
        QStringList bad;
        for (const QString& e : exposures)
            if (!m_exposure.contains(e.section(QLatin1Char(' '), 0, 0)))
                bad << e;
        conditions.append(condition(
            QStringLiteral("exposure"),
            m_exposure.isEmpty()
                ? QStringLiteral("no external exposure of its own")
                : QStringLiteral("exposed only as %1").arg(m_exposure.join(QStringLiteral(", "))),
            bad.isEmpty(),
            bad.isEmpty() ? QStringLiteral("exposure: %1").arg(listed(exposures, QStringLiteral("none")))
                          : QStringLiteral("not allowed: %1").arg(bad.join(QStringLiteral("; ")))));
    }
    QStringList failed;
    for (const QJsonValue& c : std::as_const(conditions))
        if (!c.toObject().value(QLatin1String("passed")).toBool())
            failed << c.toObject().value(QLatin1String("condition")).toString();
    QString status;
    QString summary;
    if (failed.isEmpty()) {
        status = QStringLiteral("conforms");
        summary =
            QStringLiteral("conforms to template %1 (%2 conditions met)").arg(m_name).arg(conditions.size());
    } else if (failed.size() <= kNearlyMaxFailures) {
        status = QStringLiteral("nearly-conforms");
        summary = QStringLiteral("nearly conforms to template %1: fails %2")
                      .arg(m_name, failed.join(QStringLiteral(", ")));
    } else {
        status = QStringLiteral("does-not-conform");
        summary = QStringLiteral("does not conform to template %1: %2 of %3 conditions fail")
                      .arg(m_name)
                      .arg(failed.size())
                      .arg(conditions.size());
    }
    return QJsonObject{{QStringLiteral("template"), m_name},
                       {QStringLiteral("title"), m_title},
                       {QStringLiteral("source"), m_source},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("failed"), QJsonArray::fromStringList(failed)},
                       {QStringLiteral("conditions"), conditions}};
}

QList<QJsonObject> ServiceTemplate::attach(QList<QJsonObject> changes,
                                           const QList<ServiceTemplate>& templates)
{
    if (templates.isEmpty())
        return changes;
    for (QJsonObject& c : changes) {
        if (c.value(QLatin1String("kind")).toString() != QLatin1String("component-added"))
            continue;
        QJsonObject attributes;
        QStringList flows;
        for (const QJsonValue& v : c.value(QLatin1String("fields")).toArray()) {
            const QJsonObject f = v.toObject();
            const QString field = f.value(QLatin1String("field")).toString();
            if (field == QLatin1String("flows"))
                flows = strings(f.value(QLatin1String("new")));
            else
                attributes.insert(field, f.value(QLatin1String("new")));
        }
        QJsonArray results;
        for (const ServiceTemplate& t : templates)
            results.append(t.evaluate(c.value(QLatin1String("component")).toString(), attributes, flows));
        c.insert(QStringLiteral("templates"), results);
    }
    return changes;
}

} // namespace tollgate
