#include "controls/CheckContext.h"

#include "kube/KubeKinds.h"

namespace tollgate {

QList<const WorkloadInfo*> CheckContext::templates() const
{
    QList<const WorkloadInfo*> out;
    for (const WorkloadInfo& w : inventory.workloads)
        if (w.topLevel && !tailoring.exempt(w.ns))
            out << &w;
    return out;
}

bool CheckContext::isMeshContainer(const ContainerInfo& c)
{
    return c.name == QLatin1String("istio-proxy") || c.name == QLatin1String("istio-init") ||
           c.name == QLatin1String("istio-validation");
}

const QList<QJsonObject>& CheckContext::meshReport() const
{
    if (!m_meshReport)
        m_meshReport = mesh.report(inventory);
    return *m_meshReport;
}

QString CheckContext::where(int objectIndex) const
{
    if (objectIndex < 0 || objectIndex >= objects.size())
        return {};
    const ManifestDocument& d = objects.at(objectIndex);
    return d.file + QLatin1Char(':') + QString::number(d.line);
}

int CheckContext::lineOf(int objectIndex) const
{
    return objectIndex < 0 || objectIndex >= objects.size() ? 0 : objects.at(objectIndex).line;
}

QList<int> CheckContext::objectsOf(const QString& kind, const QString& groupPrefix) const
{
    QList<int> out;
    for (int i = 0; i < objects.size(); ++i) {
        const QJsonObject& b = objects.at(i).body;
        if (b.value(QLatin1String("kind")).toString() != kind)
            continue;
        if (!groupPrefix.isEmpty() &&
            !KubeKinds::groupOf(b.value(QLatin1String("apiVersion")).toString()).startsWith(groupPrefix))
            continue;
        out << i;
    }
    return out;
}

} // namespace tollgate
