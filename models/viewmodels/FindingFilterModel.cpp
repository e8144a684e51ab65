#include "viewmodels/FindingFilterModel.h"

#include "posture/PostureSummary.h"
#include "viewmodels/Roles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tollgate {

FindingFilterModel::FindingFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingFilterModel::changed()
{
    invalidateFilter();
}

void FindingFilterModel::setSource(const QString& source)
{
    m_source = source;
    changed();
}

void FindingFilterModel::setCat(int cat)
{
    m_cat = cat;
    changed();
}

void FindingFilterModel::setStatus(const QString& status)
{
    m_status = status;
    changed();
}

void FindingFilterModel::setNamespace(const QString& ns)
{
    m_ns = ns;
    changed();
}

void FindingFilterModel::setWorkload(const QString& workload)
{
    m_workload = workload.trimmed();
    changed();
}

void FindingFilterModel::setIdentifier(const QString& identifier)
{
    m_identifier = identifier.trimmed();
    changed();
}

void FindingFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    changed();
}

void FindingFilterModel::setGroup(const QString& group)
{
    m_group = group;
    changed();
}

void FindingFilterModel::setFamily(const QString& family)
{
    m_family = family;
    changed();
}

bool FindingFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QJsonObject o = sourceModel()->index(sourceRow, 0, sourceParent).data(RowRole).toJsonObject();
    auto has = [](const QString& hay, const QString& needle) {
        return hay.contains(needle, Qt::CaseInsensitive);
    };
    if (!m_source.isEmpty() &&
        o.value(QLatin1String("source")).toString().compare(m_source, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_group.isEmpty() && o.value(QLatin1String("group")).toString() != m_group)
        return false;
    if (!m_family.isEmpty() && PostureSummary::familyOf(o) != m_family)
        return false;
    if (m_cat != 0 && o.value(QLatin1String("severity_cat")).toInt() != m_cat)
        return false;
    if (!m_status.isEmpty() &&
        o.value(QLatin1String(o.contains(QLatin1String("review_status")) ? "review_status" : "status"))
                .toString()
                .compare(m_status, Qt::CaseInsensitive) != 0 &&
        o.value(QLatin1String("lifecycle")).toString().compare(m_status, Qt::CaseInsensitive) != 0)
        return false;
    const QJsonArray joined = o.value(QLatin1String("joined_workloads")).toArray();
    if (!m_ns.isEmpty()) {
        bool any = o.value(QLatin1String("namespace")).toString() == m_ns;
        for (const QJsonValue& w : joined)
            any = any || w.toString().section(QLatin1Char('/'), 0, 0) == m_ns;
        if (!any)
            return false;
    }
    if (!m_workload.isEmpty()) {
        bool any = has(o.value(QLatin1String("workload")).toString(), m_workload);
        for (const QJsonValue& w : joined)
            any = any || has(w.toString(), m_workload);
        if (!any)
            return false;
    }
    if (!m_identifier.isEmpty()) {
        const QString ids = QString::fromUtf8(
            QJsonDocument(o.value(QLatin1String("identifiers")).toObject()).toJson(QJsonDocument::Compact));
        if (!has(o.value(QLatin1String("rule")).toString(), m_identifier) && !has(ids, m_identifier))
            return false;
    }
    if (!m_text.isEmpty()) {
        const QString all = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        if (!has(all, m_text))
            return false;
    }
    return true;
}

} // namespace tollgate
