#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace tollgate {

// A DISA STIG benchmark (XCCDF 1.1 or 1.2 "Manual" benchmark as DISA publishes it): its identity
// and every Group/Rule with the texts a STIG checklist carries. The Kubernetes STIG V1R11 is
// compiled in (resources/stig); load() reads another release from a file.
class StigBenchmark
{
public:
    struct Rule
    {
        QString vulnId;     // Group@id: V-242415
        QString groupTitle; // Group/title: SRG-APP-000171-CTR-000435
        QString ruleId;     // Rule@id: SV-242415r879608_rule
        QString stigId;     // Rule/version: CNTR-K8-001160
        QString severity;   // high, medium, low
        QString weight;
        QString title;
        QString discussion; // <VulnDiscussion> of the escaped description
        QString falsePositives;
        QString falseNegatives;
        QString documentable;
        QString mitigations;
        QString severityOverrideGuidance;
        QString potentialImpacts;
        QString thirdPartyTools;
        QString mitigationControl;
        QString responsibility;
        QString iaControls;
        QString checkText;
        QString checkRef; // check-content-ref@name ("M")
        QString fixText;
        QStringList ccis;
        QStringList legacy;
    };

    [[nodiscard]] static Result<StigBenchmark> builtIn();
    [[nodiscard]] static Result<StigBenchmark> load(const QString& path);
    [[nodiscard]] static Result<StigBenchmark> parse(const QByteArray& xml, const QString& label);

    const QString& id() const { return m_id; }                   // Kubernetes_STIG
    const QString& title() const { return m_title; }             // Kubernetes Security Technical ...
    const QString& description() const { return m_description; } // the benchmark's own
    const QString& version() const { return m_version; }         // 1
    const QString& releaseInfo() const { return m_releaseInfo; } // Release: 11 Benchmark Date: 25 Oct 2023
    const QString& fileName() const { return m_fileName; }
    const QList<Rule>& rules() const { return m_rules; }
    // "Kubernetes_STIG V1R11"
    QString label() const;

private:
    QString m_id;
    QString m_title;
    QString m_description;
    QString m_version;
    QString m_releaseInfo;
    QString m_fileName;
    QList<Rule> m_rules;
};

} // namespace tollgate
