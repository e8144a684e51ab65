#include "import/ScanImporter.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "findings/FindingIdentity.h"
#include "findings/GrypeReportParser.h"
#include "findings/HdfParser.h"
#include "findings/KubeBenchParser.h"
#include "findings/PolicyReportParser.h"
#include "findings/SbomParser.h"
#include "findings/ScanSink.h"
#include "findings/StigChecklistParser.h"
#include "findings/TrivyOperatorParser.h"
#include "findings/TrivyReportParser.h"
#include "findings/XccdfResultsParser.h"
#include "kube/ImageRef.h"
#include "store/AuditLog.h"
#include "store/FindingJoiner.h"
#include "store/Savepoint.h"
#include "store/ScanWriter.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

namespace tollgate {

namespace {

Result<QByteArray> fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot open: %1").arg(f.errorString()));
    Sha256 h;
    QByteArray buf(1 << 16, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), buf.size());
        if (n < 0)
            return Error(path, 0, QStringLiteral("cannot read: %1").arg(f.errorString()));
        if (n == 0)
            break;
        h.add(buf.constData(), n);
    }
    return h.hexDigest();
}

} // namespace

ScanImporter::ScanImporter(Workspace& ws) : m_ws(ws) {}

Result<ScanImporter::Report> ScanImporter::importFile(const QString& path)
{
    return importFiles({path}).front();
}

std::vector<Result<ScanImporter::Report>> ScanImporter::importFiles(const QStringList& paths)
{
    std::vector<Result<Report>> results;
    auto allFail = [&](const Error& e) {
        results.clear();
        for (const QString& p : paths)
            results.emplace_back(Error(p, 0, e.what()));
        return results;
    };
    if (m_ws.isReadOnly())
        return allFail(Error(QStringLiteral("the workspace is open read-only")));
    Transaction tx(m_ws);
    if (!tx.active())
        return allFail(tx.beginError());
    for (int i = 0; i < paths.size(); ++i) {
        if (cancelled())
            return allFail(Error(QStringLiteral("import cancelled; the workspace was not changed")));
        if (m_progress)
            m_progress(i, static_cast<int>(paths.size()), paths.at(i));
        Savepoint file(m_ws);
        if (!file.active())
            return allFail(file.beginError());
        Result<Report> r = importOne(paths.at(i));
        // Each file is all or nothing: a failed one leaves no row behind, the others stay.
        const Status end = r.ok() ? file.release() : file.rollback();
        if (!end.ok())
            return allFail(end.error());
        results.push_back(std::move(r));
    }
    if (cancelled())
        return allFail(Error(QStringLiteral("import cancelled; the workspace was not changed")));
    if (Status c = tx.commit(); !c.ok())
        return allFail(c.error());
    return results;
}

Result<ScanImporter::Report> ScanImporter::importOne(const QString& path)
{
    QElapsedTimer timer;
    timer.start();
    Report report;
    report.path = path;
    if (!QFileInfo(path).isFile())
        return Error(path, 0, QStringLiteral("no such file"));
    auto format = ScanFormatDetector::detect(path);
    if (!format)
        return format.error();
    report.format = *format;
    report.formatName = ScanFormatDetector::name(*format);
    auto digest = fileDigest(path);
    if (!digest)
        return digest.error();

    const ScanFormat fmt = *format;
    return recordImport(std::move(report), path, ScanFormatDetector::id(fmt), ScanFormatDetector::isSbom(fmt),
                        *digest, [&](ScanSink& sink) -> Status {
                            Status parsed;
                            switch (fmt) {
                            case ScanFormat::TrivyJson:
                                parsed = TrivyReportParser::parseImage(path, sink);
                                break;
                            case ScanFormat::TrivyK8s:
                                parsed = TrivyReportParser::parseCluster(path, sink);
                                break;
                            case ScanFormat::TrivyOperator:
                                parsed = TrivyOperatorParser::parse(path, sink);
                                break;
                            case ScanFormat::GrypeJson:
                                parsed = GrypeReportParser::parse(path, sink);
                                break;
                            case ScanFormat::CycloneDx:
                                parsed = SbomParser::parseCycloneDx(path, sink);
                                break;
                            case ScanFormat::SpdxJson:
                                parsed = SbomParser::parseSpdx(path, sink);
                                break;
                            case ScanFormat::InTotoDsse:
                                parsed = SbomParser::parseDsse(path, sink);
                                break;
                            case ScanFormat::StigCkl:
                                parsed = StigChecklistParser::parseCkl(path, sink);
                                break;
                            case ScanFormat::StigCklb:
                                parsed = StigChecklistParser::parseCklb(path, sink);
                                break;
                            case ScanFormat::XccdfResults:
                                parsed = XccdfResultsParser::parse(path, sink);
                                break;
                            case ScanFormat::Hdf:
                                parsed = HdfParser::parse(path, sink);
                                break;
                            case ScanFormat::KubeBench:
                                parsed = KubeBenchParser::parse(path, sink);
                                break;
                            case ScanFormat::PolicyReport:
                                parsed = PolicyReportParser::parsePolicyReports(path, sink);
                                break;
                            case ScanFormat::Gatekeeper:
                                parsed = PolicyReportParser::parseGatekeeper(path, sink);
                                break;
                            }
                            return parsed;
                        });
}

Result<ScanImporter::Report> ScanImporter::recordImport(Report report, const QString& path,
                                                        const QString& formatId, bool sbom,
                                                        const QByteArray& digest, const Producer& produce)
{
    QElapsedTimer timer;
    timer.start();
    auto snapshot = ScanWriter::targetSnapshot(m_ws, m_snapshotId);
    if (!snapshot)
        return snapshot.error();
    report.snapshotId = *snapshot;
    // The same bytes against the same snapshot: nothing new to learn, nothing written.
    auto duplicate = ScanWriter::findDuplicate(m_ws, digest, report);
    if (!duplicate)
        return duplicate.error();
    if (*duplicate)
        return report;
    if (!m_joiner || m_joinerSnapshot != report.snapshotId) {
        auto joiner = FindingJoiner::load(m_ws, report.snapshotId);
        if (!joiner)
            return joiner.error();
        m_joiner = std::move(joiner).value();
        m_joinerSnapshot = report.snapshotId;
    }
    const FindingJoiner* joiner = &*m_joiner;

    ScanWriter sink(m_ws, report, *joiner, m_cancel,
                    ScanWriter::Input{path, QString::fromLatin1(digest), formatId, sbom});
    Status parsed = produce(sink);
    if (!parsed.ok())
        return parsed.error();
    if (report.importId == 0)
        return Error(path, 0, QStringLiteral("the file names no scan subject"));
    if (Status s = sink.finish(); !s.ok())
        return s.error();
    const QString detail =
        QStringLiteral("format=%1 file=%2 sha256=%3 findings=%4 joined=%5 closed=%6 packages=%7")
            .arg(formatId, QFileInfo(path).fileName(), QString::fromLatin1(digest))
            .arg(report.findings)
            .arg(report.joined)
            .arg(report.closed)
            .arg(report.packages);
    if (auto a =
            AuditLog::append(m_ws, QStringLiteral("scan.import"), QString::number(report.importId), detail);
        !a)
        return a.error();
    qCInfo(lcFindings) << "imported" << path << report.findings << "findings in" << timer.elapsed() << "ms";
    return report;
}

Result<ScanImporter::Report> ScanImporter::importGenerated(const QString& label, const QString& formatName,
                                                           const QString& formatId, const QByteArray& digest,
                                                           const Producer& produce)
{
    if (m_ws.isReadOnly())
        return Error(QStringLiteral("the workspace is open read-only"));
    Transaction tx(m_ws);
    if (!tx.active())
        return tx.beginError();
    Report report;
    report.path = label;
    report.formatName = formatName;
    auto r = recordImport(std::move(report), label, formatId, false, digest, produce);
    if (!r)
        return r;
    if (Status c = tx.commit(); !c.ok())
        return c.error();
    return r;
}

} // namespace tollgate
