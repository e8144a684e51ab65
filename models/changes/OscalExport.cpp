#include "changes/OscalExport.h"

#include <QJsonArray>

namespace tollgate {

namespace {

// Fixed for ever: changing it would give every component of every exported SSP a new UUID.
const QUuid kNamespace(QStringLiteral("ef0eb01d-0932-40ee-a5b9-ea4e0d6fcfdf"));

QString uuidText(const QUuid& u)
{
    return u.toString(QUuid::WithoutBraces);
}

class Props
{
public:
    void add(const QString& name, const QString& value, bool tollgate = true)
    {
        if (value.trimmed().isEmpty())
            return; // OSCAL prop values are never empty
        QJsonObject p{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
        if (tollgate)
            p.insert(QStringLiteral("ns"), OscalExport::propNamespace());
        m_props.append(p);
    }
    void addAll(const QString& name, const QJsonValue& list)
    {
        for (const QJsonValue& v : list.toArray())
            add(name, v.toString());
    }
    const QJsonArray& array() const { return m_props; }

private:
    QJsonArray m_props;
};

} // namespace

QString OscalExport::propNamespace()
{
    return QStringLiteral("https://tollgate.invalid/ns/oscal");
}

QUuid OscalExport::componentUuid(const QString& componentKey)
{
    return QUuid::createUuidV5(kNamespace, QStringLiteral("component:") + componentKey);
}

QUuid OscalExport::inventoryUuid(const QString& componentKey)
{
    return QUuid::createUuidV5(kNamespace, QStringLiteral("inventory-item:") + componentKey);
}

QJsonObject OscalExport::systemImplementation(const ComponentSnapshot& snapshot)
{
    QJsonArray components;
    QJsonArray items;
    for (auto it = snapshot.components.cbegin(); it != snapshot.components.cend(); ++it) {
        const QString& key = it.key();
        const QJsonObject& a = it.value();
        const QString kind = a.value(QLatin1String("kind")).toString();
        const QString ns = a.value(QLatin1String("namespace")).toString();
        const QString name = a.value(QLatin1String("name")).toString();
        Props props;
        props.add(QStringLiteral("component-key"), key);
        props.add(QStringLiteral("workload-kind"), kind);
        props.add(QStringLiteral("namespace"), ns);
        QStringList images;
        for (const QJsonValue& v : a.value(QLatin1String("images")).toArray()) {
            const QString ref = v.toString().section(QLatin1Char('='), 1);
            images << ref;
            props.add(QStringLiteral("container-image"), ref);
            const int at = ref.indexOf(QLatin1String("@sha256:"));
            if (at >= 0)
                props.add(QStringLiteral("image-digest"), ref.mid(at + 1));
        }
        props.addAll(QStringLiteral("port"), a.value(QLatin1String("ports")));
        props.add(QStringLiteral("service-account"), a.value(QLatin1String("service_account")).toString());
        props.addAll(QStringLiteral("exposure"), a.value(QLatin1String("exposures")));
        props.add(QStringLiteral("mesh"), a.value(QLatin1String("mesh")).toString());
        const QString uuid = uuidText(componentUuid(key));
        components.append(QJsonObject{
            {QStringLiteral("uuid"), uuid},
            {QStringLiteral("type"), QStringLiteral("service")},
            {QStringLiteral("title"), QStringLiteral("%1 %2/%3").arg(kind, ns, name)},
            {QStringLiteral("description"),
             QStringLiteral("Kubernetes %1 %2 in namespace %3, running %4.")
                 .arg(kind, name, ns,
                      images.isEmpty() ? QStringLiteral("no image") : images.join(QStringLiteral(", ")))},
            {QStringLiteral("props"), props.array()},
            {QStringLiteral("status"),
             QJsonObject{{QStringLiteral("state"), QStringLiteral("operational")}}}});
        Props itemProps;
        itemProps.add(QStringLiteral("asset-id"), key, false);
        itemProps.add(QStringLiteral("asset-type"), QStringLiteral("software"), false);
        itemProps.add(QStringLiteral("virtual"), QStringLiteral("yes"), false);
        for (const QString& ref : std::as_const(images))
            itemProps.add(QStringLiteral("software-name"), ref.section(QLatin1Char('@'), 0, 0), false);
        items.append(QJsonObject{
            {QStringLiteral("uuid"), uuidText(inventoryUuid(key))},
            {QStringLiteral("description"), QStringLiteral("The running instances of %1.").arg(key)},
            {QStringLiteral("props"), itemProps.array()},
            {QStringLiteral("implemented-components"),
             QJsonArray{QJsonObject{{QStringLiteral("component-uuid"), uuid}}}}});
    }
    return QJsonObject{{QStringLiteral("system-implementation"),
                        QJsonObject{{QStringLiteral("remarks"),
                                     QStringLiteral("Components of snapshot %1 (%2), exported by Tollgate.")
                                         .arg(snapshot.snapshotId)
                                         .arg(snapshot.label)},
                                    {QStringLiteral("components"), components},
                                    {QStringLiteral("inventory-items"), items}}}};
}

} // namespace tollgate
