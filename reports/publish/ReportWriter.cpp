#include "reports/publish/ReportWriter.h"

#include "base/Logging.h"
#include "base/Sha256.h"
#include "reports/pdf/PdfReport.h"
#include "reports/signing/CmsSignature.h"
#include "reports/signing/SigningIdentity.h"
#include "store/AuditLog.h"
#include "store/ReportStore.h"
#include "store/Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace tollgate {

namespace {
Error cancelled()
{
    return Error(QStringLiteral("cancelled"));
}
} // namespace

std::optional<ReportWriter::Format> ReportWriter::formatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return Format::Html;
    if (suffix == QLatin1String("json"))
        return Format::Json;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

QString ReportWriter::suffixOf(Format format)
{
    switch (format) {
    case Format::Html:
        return QStringLiteral("html");
    case Format::Json:
        return QStringLiteral("json");
    case Format::Pdf:
        break;
    }
    return QStringLiteral("pdf");
}

Result<ReportWriter::Written> ReportWriter::write(Workspace& ws, const Request& request)
{
    const auto format = formatFor(request.outPath);
    if (!format)
        return Error(request.outPath, 0, QStringLiteral("the report must be a .pdf, .html or .json file"));
    auto isCancelled = [&request] { return request.cancel && request.cancel->load(); };
    auto progress = [&request](int percent, const QString& step) {
        if (request.progress)
            request.progress(percent, step);
    };

    progress(0, QStringLiteral("Gathering the report"));
    ReviewReport::Diagram diagram;
    ReviewReport::Options options = request.report;
    options.diagramSvg = *format != Format::Pdf; // the PDF paints the diagram itself
    auto report = ReviewReport::build(ws, options, *format == Format::Pdf ? &diagram : nullptr);
    if (!report)
        return report.error();
    if (isCancelled())
        return cancelled();

    QByteArray bytes;
    switch (*format) {
    case Format::Html:
        progress(50, QStringLiteral("Writing HTML"));
        bytes = ReviewReport::html(report.value());
        break;
    case Format::Json:
        progress(50, QStringLiteral("Writing JSON"));
        bytes = ReviewReport::json(report.value());
        break;
    case Format::Pdf: {
        std::optional<reports::GraphPainter> painter;
        if (diagram.valid)
            painter.emplace(diagram.graph, diagram.positions, diagram.options);
        reports::PdfReport::Options o;
        o.diagram = painter ? &*painter : nullptr;
        o.cancel = request.cancel;
        // The PDF takes the second half of the progress bar.
        o.progress = [&progress](int percent, const QString& step) { progress(30 + percent * 6 / 10, step); };
        auto pdf = reports::PdfReport::render(report.value(), o);
        if (!pdf)
            return isCancelled() ? cancelled() : pdf.error();
        bytes = std::move(pdf).value();
        break;
    }
    }
    if (isCancelled())
        return cancelled();

    Written w;
    w.path = QFileInfo(request.outPath).absoluteFilePath();
    w.bytes = bytes.size();
    w.sha256 = QString::fromLatin1(Sha256::hex(bytes));
    w.snapshotId = report->value(QLatin1String("title"))
                       .toObject()
                       .value(QLatin1String("snapshot"))
                       .toObject()
                       .value(QLatin1String("id"))
                       .toInteger();
    QByteArray signature;
    if (request.identity) {
        progress(92, QStringLiteral("Signing"));
        auto sig = CmsSignature::sign(bytes, *request.identity);
        if (!sig)
            return sig.error();
        signature = std::move(sig).value();
        w.signer = request.identity->subject();
        w.signaturePath = request.outPath + QStringLiteral(".p7s");
    }
    if (isCancelled())
        return cancelled();

    // Both files whole or neither: each goes to a temporary file first.
    progress(96, QStringLiteral("Saving"));
    QSaveFile out(request.outPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return Error(request.outPath, 0, QStringLiteral("cannot write: %1").arg(out.errorString()));
    std::optional<QSaveFile> sigFile;
    if (!signature.isEmpty()) {
        sigFile.emplace(w.signaturePath);
        if (!sigFile->open(QIODevice::WriteOnly) || sigFile->write(signature) != signature.size())
            return Error(w.signaturePath, 0, QStringLiteral("cannot write: %1").arg(sigFile->errorString()));
    }
    if (!out.commit())
        return Error(request.outPath, 0, QStringLiteral("cannot write: %1").arg(out.errorString()));
    if (sigFile && !sigFile->commit()) {
        QFile::remove(request.outPath);
        return Error(w.signaturePath, 0, QStringLiteral("cannot write: %1").arg(sigFile->errorString()));
    }
    // An unsigned report must not sit beside an older report's signature.
    if (!sigFile && QFile::exists(request.outPath + QStringLiteral(".p7s")))
        QFile::remove(request.outPath + QStringLiteral(".p7s"));

    Transaction tx(ws);
    if (!tx.active())
        return tx.beginError();
    ReportStore::Record rec;
    rec.snapshotId = w.snapshotId;
    rec.kind = request.report.kind;
    rec.path = w.path;
    rec.sha256 = w.sha256;
    rec.signer = w.signer;
    rec.createdAt = ws.nowText();
    rec.auditHead = AuditLog::verify(ws).head;
    if (Status s = ReportStore(ws).record(rec); !s)
        return s.error();
    if (auto a = AuditLog::append(
            ws, w.signer.isEmpty() ? QStringLiteral("report.write") : QStringLiteral("report.sign"),
            QFileInfo(request.outPath).fileName(),
            QStringLiteral("%1 report sha256=%2%3")
                .arg(request.report.kind, w.sha256,
                     w.signer.isEmpty() ? QString() : QStringLiteral(" signer=") + w.signer));
        !a)
        return a.error();
    if (Status c = tx.commit(); !c.ok())
        return c.error();
    qCInfo(lcReports) << "wrote" << w.path << w.bytes << "bytes"
                      << (w.signer.isEmpty() ? "unsigned" : "signed");
    progress(100, QStringLiteral("Done"));
    return w;
}

} // namespace tollgate
