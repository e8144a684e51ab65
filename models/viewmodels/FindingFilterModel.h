#pragma once

#include <QSortFilterProxyModel>

namespace tollgate {

// The Findings page's filters over a RowTableModel of FindingStore rows, applied without going back
// to the store: source, CAT, status (the effective, reviewed status, or the lifecycle), namespace,
// workload, identifier and free text. Each empty filter lets everything through.
class FindingFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingFilterModel(QObject* parent = nullptr);

    void setSource(const QString& source);
    void setCat(int cat);
    void setStatus(const QString& status);
    void setNamespace(const QString& ns);
    void setWorkload(const QString& workload);
    void setIdentifier(const QString& identifier);
    void setText(const QString& text);
    // Only the rows of this group (FindingStore::groupOf); empty for all.
    void setGroup(const QString& group);
    // Only the rows of this dashboard family (PostureSummary::familyOf: "CM", "vulnerability");
    // empty for all.
    void setFamily(const QString& family);
    QString workload() const { return m_workload; }
    QString family() const { return m_family; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void changed();

    QString m_source;
    int m_cat = 0;
    QString m_status;
    QString m_ns;
    QString m_workload;
    QString m_identifier;
    QString m_text;
    QString m_group;
    QString m_family;
};

} // namespace tollgate
