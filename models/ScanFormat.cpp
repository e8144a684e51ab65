#include "ScanFormat.h"

#include "JsonStreamReader.h"
#include "ManifestParser.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace tollgate {

namespace {

constexpr qint64 kHeadBytes = 1 << 20;

bool isOperatorGroup(const QString& apiVersion)
{
    return apiVersion.startsWith(QLatin1String("aquasecurity.github.io/"));
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
        };
        const Status st = JsonStreamReader::read(
            path, patterns,
            [&](const JsonStreamReader::Element& e) {
                seen.insert(e.pointer);
                if (e.pointer == QLatin1String("/bomFormat"))
                    bomFormat = e.value.toString();
                if (e.pointer.endsWith(QLatin1String("apiVersion")))
                    apiVersion = e.value.toString();
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
        return Error(path, 0,
                     QStringLiteral("not a scan report Tollgate reads: a JSON document that is "
                                    "none of Trivy, trivy k8s, trivy-operator, Grype, CycloneDX, "
                                    "SPDX or an in-toto attestation"));
    }

    static const QRegularExpression operatorApi(
        QStringLiteral("^\\s*-?\\s*apiVersion:\\s*[\"']?aquasecurity\\.github\\.io/"),
        QRegularExpression::MultilineOption);
    if (operatorApi.match(QString::fromUtf8(head)).hasMatch())
        return ScanFormat::TrivyOperator;
    return Error(path, 0,
                 QStringLiteral("not a scan report Tollgate reads: YAML without a trivy-operator "
                                "report (apiVersion aquasecurity.github.io/...)"));
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
    }
    return {};
}

bool ScanFormatDetector::isSbom(ScanFormat format)
{
    return format == ScanFormat::CycloneDx || format == ScanFormat::SpdxJson ||
           format == ScanFormat::InTotoDsse;
}

} // namespace tollgate
