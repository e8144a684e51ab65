#include "findings/ScanFormat.h"

#include "io/JsonStreamReader.h"
#include "kube/ManifestParser.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

namespace tollgate {

namespace {

constexpr qint64 kHeadBytes = 1 << 20;

bool isOperatorGroup(const QString& apiVersion)
{
    return apiVersion.startsWith(QLatin1String("aquasecurity.github.io/"));
}

bool isPolicyGroup(const QString& apiVersion)
{
    return apiVersion.startsWith(QLatin1String("wgpolicyk8s.io/"));
}

bool isGatekeeperGroup(const QString& apiVersion)
{
    return apiVersion.startsWith(QLatin1String("constraints.gatekeeper.sh/"));
}

} // namespace

Result<ScanFormat> ScanFormatDetector::detect(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray head = file.read(64 * 1024);
    file.close();
    if (head.trimmed().isEmpty())
        return Error(path, 0, QStringLiteral("the file is empty: not a scan report"));

    if (ManifestParser::looksLikeJson(head)) {
        QSet<QString> seen;
        QString bomFormat;
        QString apiVersion;
        QString eventType;
        const QStringList patterns = {
            QStringLiteral("/SchemaVersion"),
            QStringLiteral("/ArtifactName"),
            QStringLiteral("/Results/0/Target"),
            QStringLiteral("/ClusterName"),
            QStringLiteral("/bomFormat"),
            QStringLiteral("/spdxVersion"),
            QStringLiteral("/payloadType"),
            QStringLiteral("/payload"),
            QStringLiteral("/apiVersion"),
            QStringLiteral("/items/0/apiVersion"),
            QStringLiteral("/matches/0/vulnerability/id"),
            QStringLiteral("/descriptor/name"),
            QStringLiteral("/source/type"),
            QStringLiteral("/target_data"),
            QStringLiteral("/stigs/0/stig_id"),
            QStringLiteral("/platform/name"),
            QStringLiteral("/profiles/0/name"),
            QStringLiteral("/Controls/0/node_type"),
            QStringLiteral("/Controls/0/id"),
            QStringLiteral("/event_type"),
            QStringLiteral("/kind"),
            QStringLiteral("/items/0/kind"),
        };
        const Status st = JsonStreamReader::read(
            path, patterns,
            [&](const JsonStreamReader::Element& e) {
                seen.insert(e.pointer);
                if (e.pointer == QLatin1String("/bomFormat"))
                    bomFormat = e.value.toString();
                if (e.pointer.endsWith(QLatin1String("apiVersion")))
                    apiVersion = e.value.toString();
                if (e.pointer == QLatin1String("/event_type"))
                    eventType = e.value.toString();
                // Stop as soon as the keys seen decide (most reports say what they are up front).
                const bool decided = (seen.contains(QStringLiteral("/payloadType")) &&
                                      seen.contains(QStringLiteral("/payload"))) ||
                                     !bomFormat.isEmpty() || seen.contains(QStringLiteral("/spdxVersion")) ||
                                     seen.contains(QStringLiteral("/ClusterName")) ||
                                     (seen.contains(QStringLiteral("/SchemaVersion")) &&
                                      seen.contains(QStringLiteral("/ArtifactName"))) ||
                                     seen.contains(QStringLiteral("/matches/0/vulnerability/id")) ||
                                     isOperatorGroup(apiVersion);
                return !decided;
            },
            kHeadBytes);
        if (!st.ok())
            return st.error();
        if (seen.contains(QStringLiteral("/payloadType")) && seen.contains(QStringLiteral("/payload")))
            return ScanFormat::InTotoDsse;
        if (bomFormat.compare(QLatin1String("CycloneDX"), Qt::CaseInsensitive) == 0)
            return ScanFormat::CycloneDx;
        if (seen.contains(QStringLiteral("/spdxVersion")))
            return ScanFormat::SpdxJson;
        if (seen.contains(QStringLiteral("/ClusterName")))
            return ScanFormat::TrivyK8s;
        if (seen.contains(QStringLiteral("/SchemaVersion")) &&
            (seen.contains(QStringLiteral("/ArtifactName")) ||
             seen.contains(QStringLiteral("/Results/0/Target"))))
            return ScanFormat::TrivyJson;
        if (seen.contains(QStringLiteral("/matches/0/vulnerability/id")) ||
            (seen.contains(QStringLiteral("/descriptor/name")) &&
             seen.contains(QStringLiteral("/source/type"))))
            return ScanFormat::GrypeJson;
        if (isOperatorGroup(apiVersion))
            return ScanFormat::TrivyOperator;
        if (seen.contains(QStringLiteral("/stigs/0/stig_id")) ||
            seen.contains(QStringLiteral("/target_data")))
            return ScanFormat::StigCklb;
        if (seen.contains(QStringLiteral("/profiles/0/name")) &&
            seen.contains(QStringLiteral("/platform/name")))
            return ScanFormat::Hdf;
        if (seen.contains(QStringLiteral("/Controls/0/node_type")) ||
            seen.contains(QStringLiteral("/Controls/0/id")))
            return ScanFormat::KubeBench;
        if (isPolicyGroup(apiVersion))
            return ScanFormat::PolicyReport;
        if (isGatekeeperGroup(apiVersion) || eventType == QLatin1String("violation_audited"))
            return ScanFormat::Gatekeeper;
        return Error(path, 0,
                     QStringLiteral("not a scan report Tollgate reads: a JSON document that is "
                                    "none of Trivy, trivy k8s, trivy-operator, Grype, CycloneDX, "
                                    "SPDX, an in-toto attestation, a CKLB checklist, HDF, kube-bench, a "
                                    "PolicyReport or a Gatekeeper constraint"));
    }

    if (head.trimmed().startsWith('<') || head.startsWith("\xEF\xBB\xBF<")) {
        bool hasTestResult = false;
        auto root = xmlRoot(path, &hasTestResult);
        if (!root)
            return root.error();
        if (*root == QLatin1String("CHECKLIST"))
            return ScanFormat::StigCkl;
        if (hasTestResult)
            return ScanFormat::XccdfResults;
        if (*root == QLatin1String("Benchmark"))
            return Error(path, 0,
                         QStringLiteral("XCCDF benchmark content without a TestResult: a STIG or SRG "
                                        "itself, not the results of checking a system"));
        return Error(path, 0,
                     QStringLiteral("not a scan report Tollgate reads: XML with root <%1> (expected a "
                                    "STIG checklist <CHECKLIST> or XCCDF results)")
                         .arg(*root));
    }

    static const QRegularExpression policyApi(
        QStringLiteral("^\\s*-?\\s*apiVersion:\\s*[\"']?wgpolicyk8s\\.io/"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression gatekeeperApi(
        QStringLiteral("^\\s*-?\\s*apiVersion:\\s*[\"']?constraints\\.gatekeeper\\.sh/"),
        QRegularExpression::MultilineOption);
    const QString headText = QString::fromUtf8(head);
    if (policyApi.match(headText).hasMatch())
        return ScanFormat::PolicyReport;
    if (gatekeeperApi.match(headText).hasMatch())
        return ScanFormat::Gatekeeper;
    static const QRegularExpression operatorApi(
        QStringLiteral("^\\s*-?\\s*apiVersion:\\s*[\"']?aquasecurity\\.github\\.io/"),
        QRegularExpression::MultilineOption);
    if (operatorApi.match(QString::fromUtf8(head)).hasMatch())
        return ScanFormat::TrivyOperator;
    return Error(path, 0,
                 QStringLiteral("not a scan report Tollgate reads: YAML without a trivy-operator "
                                "report (apiVersion aquasecurity.github.io/...)"));
}

Result<QString> ScanFormatDetector::xmlRoot(const QString& path, bool* hasTestResult)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    QXmlStreamReader xml(&file);
    QString root;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType t = xml.readNext();
        if (t == QXmlStreamReader::DTD) {
            if (!xml.entityDeclarations().isEmpty() || xml.text().contains(QLatin1String("<!ENTITY")))
                return Error(
                    path, static_cast<int>(xml.lineNumber()),
                    QStringLiteral("refused: the XML declares entities in a DOCTYPE (entity expansion is "
                                   "never performed; checklists and XCCDF results have none)"));
            continue;
        }
        if (t == QXmlStreamReader::StartElement) {
            if (root.isEmpty()) {
                root = xml.name().toString();
                if (!hasTestResult || root == QLatin1String("CHECKLIST"))
                    return root;
                if (root == QLatin1String("TestResult")) {
                    *hasTestResult = true;
                    return root;
                }
                continue;
            }
            if (xml.name() == QLatin1String("TestResult")) {
                *hasTestResult = true;
                return root;
            }
        }
    }
    if (xml.hasError() && root.isEmpty())
        return Error(path, static_cast<int>(xml.lineNumber()),
                     QStringLiteral("invalid XML: %1").arg(xml.errorString()));
    if (root.isEmpty())
        return Error(path, 0, QStringLiteral("no XML element in the file"));
    return root;
}

QString ScanFormatDetector::name(ScanFormat format)
{
    switch (format) {
    case ScanFormat::TrivyJson:
        return QStringLiteral("Trivy JSON");
    case ScanFormat::TrivyK8s:
        return QStringLiteral("Trivy k8s cluster report");
    case ScanFormat::TrivyOperator:
        return QStringLiteral("trivy-operator report");
    case ScanFormat::GrypeJson:
        return QStringLiteral("Grype JSON");
    case ScanFormat::CycloneDx:
        return QStringLiteral("CycloneDX SBOM");
    case ScanFormat::SpdxJson:
        return QStringLiteral("SPDX SBOM");
    case ScanFormat::InTotoDsse:
        return QStringLiteral("in-toto SBOM attestation (DSSE)");
    case ScanFormat::StigCkl:
        return QStringLiteral("STIG Viewer checklist (CKL)");
    case ScanFormat::StigCklb:
        return QStringLiteral("STIG Viewer checklist (CKLB)");
    case ScanFormat::XccdfResults:
        return QStringLiteral("XCCDF results");
    case ScanFormat::Hdf:
        return QStringLiteral("MITRE HDF");
    case ScanFormat::KubeBench:
        return QStringLiteral("kube-bench");
    case ScanFormat::PolicyReport:
        return QStringLiteral("PolicyReport");
    case ScanFormat::Gatekeeper:
        return QStringLiteral("Gatekeeper constraint status");
    }
    return {};
}

QString ScanFormatDetector::id(ScanFormat format)
{
    switch (format) {
    case ScanFormat::TrivyJson:
        return QStringLiteral("trivy-json");
    case ScanFormat::TrivyK8s:
        return QStringLiteral("trivy-k8s");
    case ScanFormat::TrivyOperator:
        return QStringLiteral("trivy-operator");
    case ScanFormat::GrypeJson:
        return QStringLiteral("grype-json");
    case ScanFormat::CycloneDx:
        return QStringLiteral("cyclonedx");
    case ScanFormat::SpdxJson:
        return QStringLiteral("spdx-json");
    case ScanFormat::InTotoDsse:
        return QStringLiteral("intoto-dsse");
    case ScanFormat::StigCkl:
        return QStringLiteral("stig-ckl");
    case ScanFormat::StigCklb:
        return QStringLiteral("stig-cklb");
    case ScanFormat::XccdfResults:
        return QStringLiteral("xccdf-results");
    case ScanFormat::Hdf:
        return QStringLiteral("hdf");
    case ScanFormat::KubeBench:
        return QStringLiteral("kube-bench");
    case ScanFormat::PolicyReport:
        return QStringLiteral("policy-report");
    case ScanFormat::Gatekeeper:
        return QStringLiteral("gatekeeper");
    }
    return {};
}

bool ScanFormatDetector::isSbom(ScanFormat format)
{
    return format == ScanFormat::CycloneDx || format == ScanFormat::SpdxJson ||
           format == ScanFormat::InTotoDsse;
}

} // namespace tollgate
