#include "graph/GraphStyle.h"

namespace tollgate {

QString GraphStyle::shapeFor(const GraphNode& node)
{
    if (node.type == GraphNode::Type::Entry)
        return QStringLiteral("invhouse");
    if (node.type == GraphNode::Type::External)
        return QStringLiteral("parallelogram");
    const QString& k = node.kind;
    if (k == QLatin1String("StatefulSet"))
        return QStringLiteral("cylinder");
    if (k == QLatin1String("DaemonSet"))
        return QStringLiteral("hexagon");
    if (k == QLatin1String("CronJob") || k == QLatin1String("Job"))
        return QStringLiteral("octagon");
    if (k == QLatin1String("Pod"))
        return QStringLiteral("ellipse");
    return QStringLiteral("box");
}

QString GraphStyle::lineFor(const QString& mtls)
{
    if (mtls == QLatin1String("strict"))
        return QStringLiteral("solid");
    if (mtls == QLatin1String("permissive"))
        return QStringLiteral("dashed");
    if (mtls == QLatin1String("plaintext"))
        return QStringLiteral("dotted");
    if (mtls == QLatin1String("fails"))
        return QStringLiteral("bold");
    return QStringLiteral("tapered"); // not in mesh
}

QStringList GraphStyle::mtlsStates()
{
    return {QStringLiteral("strict"), QStringLiteral("permissive"), QStringLiteral("plaintext"),
            QStringLiteral("fails"), QStringLiteral("not-in-mesh")};
}

QString GraphStyle::mtlsLabel(const QString& mtls)
{
    if (mtls == QLatin1String("strict"))
        return QStringLiteral("mTLS strict");
    if (mtls == QLatin1String("permissive"))
        return QStringLiteral("mTLS permissive (plaintext accepted)");
    if (mtls == QLatin1String("plaintext"))
        return QStringLiteral("plaintext");
    if (mtls == QLatin1String("fails"))
        return QStringLiteral("mTLS mismatch: connection fails");
    return QStringLiteral("not in mesh");
}

QList<std::pair<QString, QString>> GraphStyle::shapeLegend()
{
    return {{QStringLiteral("Deployment / other"), QStringLiteral("box")},
            {QStringLiteral("StatefulSet"), QStringLiteral("cylinder")},
            {QStringLiteral("DaemonSet"), QStringLiteral("hexagon")},
            {QStringLiteral("CronJob / Job"), QStringLiteral("octagon")},
            {QStringLiteral("Pod"), QStringLiteral("ellipse")},
            {QStringLiteral("Entry point"), QStringLiteral("invhouse")},
            {QStringLiteral("External IP block"), QStringLiteral("parallelogram")}};
}

} // namespace tollgate
