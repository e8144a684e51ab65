#pragma once

#include "controls/Control.h"
#include "findings/Finding.h"

#include <QList>

namespace tollgate {

// Collects one control's results as findings of source "tollgate": each names its subject, the
// object and field that decide it, the file:line, and (for an Open result) how to fix it.
class CheckEmitter
{
public:
    explicit CheckEmitter(const Control& control) : m_control(control) {}

    struct Subject
    {
        QString kind; // workload, namespace, image, service, cluster, object
        QString name; // ns/Kind/name, a namespace, an image reference, ...
        QString ns;
        QString workloadKey; // set for workloads (joins the finding to it)
        QString imageRef;
        QString where; // file:line
        int line = 0;
    };

    void open(const Subject& s, const QString& evidence);
    void pass(const Subject& s, const QString& evidence);
    void notReviewed(const Subject& s, const QString& reason);
    void notApplicable(const Subject& s, const QString& reason);

    const QList<Finding>& findings() const { return m_findings; }
    QList<Finding> take() { return std::move(m_findings); }

private:
    void add(const Subject& s, const QString& result, const QString& evidence);

    const Control& m_control;
    QList<Finding> m_findings;
};

} // namespace tollgate
