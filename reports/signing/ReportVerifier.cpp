#include "reports/signing/ReportVerifier.h"

#include <QFile>

namespace tollgate {

namespace {

Status readAll(const QString& path, const QString& what, QByteArray& out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, 0, QStringLiteral("cannot read the %1: %2").arg(what, f.errorString()));
    out = f.readAll();
    return {};
}

} // namespace

QString ReportVerifier::defaultSignature(const QString& report)
{
    return report + QStringLiteral(".p7s");
}

Result<ReportVerifier::Outcome> ReportVerifier::verify(const Request& request)
{
    Outcome o;
    o.report = request.report;
    o.signature = request.signature.isEmpty() ? defaultSignature(request.report) : request.signature;
    o.ca = request.ca;
    QByteArray report;
    QByteArray signature;
    QByteArray ca;
    if (Status s = readAll(o.report, QStringLiteral("report"), report); !s.ok())
        return s.error();
    if (Status s = readAll(o.signature, QStringLiteral("signature"), signature); !s.ok())
        return s.error();
    if (!o.ca.isEmpty())
        if (Status s = readAll(o.ca, QStringLiteral("CA file"), ca); !s.ok())
            return s.error();
    o.verification = CmsSignature::verify(report, signature, ca);
    return o;
}

QString ReportVerifier::Outcome::plainWords() const
{
    const CmsSignature::Verification& v = verification;
    const QString signer = v.subject.isEmpty() ? QStringLiteral("an unknown signer") : v.subject;
    if (!v.valid)
        return QStringLiteral("NOT VALID: %1. Do not rely on this report.").arg(v.problem);
    const QString when = v.signingTime.isValid()
                             ? QStringLiteral(" on %1").arg(v.signingTime.toString(Qt::ISODate))
                             : QString();
    const QString trust =
        ca.isEmpty() ? QStringLiteral("The signer's certificate chain was NOT checked (no CA given), so this "
                                      "does not prove who the signer is.")
                     : QStringLiteral("The signer's certificate chains to the CA you gave.");
    return QStringLiteral("VALID: the report is exactly what %1 signed%2. %3 Revocation was not checked "
                          "(offline).")
        .arg(signer, when, trust);
}

} // namespace tollgate
