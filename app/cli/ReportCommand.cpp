#include "ReportCommand.h"

#include "AuditLog.h"
#include "CmsSignature.h"
#include "ReviewReport.h"
#include "Sha256.h"
#include "SigningIdentity.h"
#include "Statement.h"
#include "WorkspaceAccess.h"

#include <QFile>
#include <QFileInfo>

namespace tollgate::cli {

QString ReportCommand::summary() const
{
    return QStringLiteral(
        "Write a snapshot or change review report (HTML or JSON), optionally signed (detached CMS).");
}

void ReportCommand::setup(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("WS"), QStringLiteral("The workspace."));
    parser.addOption(
        {QStringLiteral("kind"), QStringLiteral("snapshot (default) or changes."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("snapshot"),
                      QStringLiteral("Snapshot id or label (default: the latest)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("base"),
                      QStringLiteral("changes: the older snapshot (default: the baseline)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("recommendation"), QStringLiteral("The ISSO's recommendation."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("residual-risk"), QStringLiteral("The residual risk statement."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("marking"), QStringLiteral("The marking banner (default CUI)."),
                      QStringLiteral("TEXT")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("FILE.html or FILE.json."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("sign-cert"), QStringLiteral("Signer certificate (PEM)."), QStringLiteral("C")});
    parser.addOption({QStringLiteral("sign-key"), QStringLiteral("Signer private key (PEM, unencrypted)."),
                      QStringLiteral("K")});
    parser.addOption(
        {QStringLiteral("sign-p12"),
         QStringLiteral(
             "Signer PKCS#12 bundle; its password from TOLLGATE_P12_PASSWORD or --p12-password-file."),
         QStringLiteral("P")});
    parser.addOption({QStringLiteral("p12-password-file"),
                      QStringLiteral("A file holding the PKCS#12 password."), QStringLiteral("FILE")});
}

int ReportCommand::execute(const QCommandLineParser& parser, CliContext& ctx)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, QStringLiteral("expects one workspace path"));
    const QString out = parser.value(QStringLiteral("out"));
    const bool html = out.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) ||
                      out.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive);
    if (out.isEmpty() || (!html && !out.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)))
        return usageError(ctx, QStringLiteral("--out must name a .html or .json file"));
    ReviewReport::Options opt;
    opt.kind = parser.isSet(QStringLiteral("kind")) ? parser.value(QStringLiteral("kind"))
                                                    : QStringLiteral("snapshot");
    if (opt.kind != QLatin1String("snapshot") && opt.kind != QLatin1String("changes"))
        return usageError(ctx, QStringLiteral("--kind is snapshot or changes"));
    opt.recommendation = parser.value(QStringLiteral("recommendation"));
    opt.residualRisk = parser.value(QStringLiteral("residual-risk"));
    if (parser.isSet(QStringLiteral("marking")))
        opt.marking = parser.value(QStringLiteral("marking"));
    const bool pem = parser.isSet(QStringLiteral("sign-cert")) || parser.isSet(QStringLiteral("sign-key"));
    const bool p12 = parser.isSet(QStringLiteral("sign-p12"));
    if (pem && p12)
        return usageError(ctx,
                          QStringLiteral("sign with --sign-cert/--sign-key or with --sign-p12, not both"));
    if (pem && (!parser.isSet(QStringLiteral("sign-cert")) || !parser.isSet(QStringLiteral("sign-key"))))
        return usageError(ctx, QStringLiteral("--sign-cert and --sign-key go together"));
    std::optional<SigningIdentity> identity;
    auto readFile = [](const QString& path, QByteArray& bytes) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        bytes = f.readAll();
        return true;
    };
    if (pem) {
        QByteArray cert, key;
        if (!readFile(parser.value(QStringLiteral("sign-cert")), cert) ||
            !readFile(parser.value(QStringLiteral("sign-key")), key))
            return inputError(ctx, QStringLiteral("cannot read the signer certificate or key"));
        auto id = SigningIdentity::fromPem(cert, key);
        if (!id)
            return inputError(ctx, id.error().toString());
        identity.emplace(std::move(id).value());
    } else if (p12) {
        QByteArray bundle;
        if (!readFile(parser.value(QStringLiteral("sign-p12")), bundle))
            return inputError(ctx, QStringLiteral("cannot read the PKCS#12 bundle"));
        QByteArray password = qgetenv("TOLLGATE_P12_PASSWORD");
        if (parser.isSet(QStringLiteral("p12-password-file"))) {
            if (!readFile(parser.value(QStringLiteral("p12-password-file")), password))
                return inputError(ctx, QStringLiteral("cannot read the password file"));
            password = password.trimmed();
        }
        auto id = SigningIdentity::fromPkcs12(bundle, password);
        if (!id)
            return inputError(ctx, id.error().toString());
        identity.emplace(std::move(id).value());
    }
    auto ws = WorkspaceAccess::open(parser.positionalArguments().first(), Workspace::OpenMode::ReadWrite, ctx,
                                    name());
    if (!ws)
        return ExitUsage;
    if (parser.isSet(QStringLiteral("snapshot"))) {
        opt.snapshotId = WorkspaceAccess::snapshot(*ws, parser, ctx, name());
        if (!opt.snapshotId)
            return ExitUsage;
    }
    opt.baseId = parser.value(QStringLiteral("base")).toLongLong();
    auto report = ReviewReport::build(*ws, opt);
    if (!report)
        return inputError(ctx, report.error().toString());
    const QByteArray bytes = html ? ReviewReport::html(report.value()) : ReviewReport::json(report.value());
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return inputError(ctx, QStringLiteral("%1: cannot write: %2").arg(out, f.errorString()));
    f.close();
    const QString digest = QString::fromLatin1(Sha256::hex(bytes));
    QString signer;
    if (identity) {
        auto sig = CmsSignature::sign(bytes, *identity);
        if (!sig)
            return inputError(ctx, sig.error().toString());
        QFile s(out + QStringLiteral(".p7s"));
        if (!s.open(QIODevice::WriteOnly | QIODevice::Truncate) || s.write(sig.value()) != sig->size())
            return inputError(ctx, QStringLiteral("%1.p7s: cannot write").arg(out));
        signer = identity->subject();
    }
    {
        Transaction tx(*ws);
        if (!tx.active())
            return inputError(ctx, tx.beginError().toString());
        const AuditLog::Verification before = AuditLog::verify(*ws);
        Statement q(ws->handle(), "INSERT INTO reports (snapshot_id, kind, path, sha256, signer, created_at, "
                                  "audit_head) VALUES (?,?,?,?,?,?,?)");
        q.bind(1, report->value(QLatin1String("title"))
                      .toObject()
                      .value(QLatin1String("snapshot"))
                      .toObject()
                      .value(QLatin1String("id"))
                      .toInteger());
        q.bind(2, opt.kind)
            .bind(3, QFileInfo(out).absoluteFilePath())
            .bind(4, digest)
            .bind(5, signer)
            .bind(6, ws->nowText())
            .bind(7, before.head);
        if (!q.exec())
            return inputError(ctx, q.errorText());
        if (auto a = AuditLog::append(
                *ws, signer.isEmpty() ? QStringLiteral("report.write") : QStringLiteral("report.sign"),
                QFileInfo(out).fileName(),
                QStringLiteral("%1 report sha256=%2%3")
                    .arg(opt.kind, digest,
                         signer.isEmpty() ? QString() : QStringLiteral(" signer=") + signer));
            !a)
            return inputError(ctx, a.error().toString());
        if (Status c = tx.commit(); !c.ok())
            return inputError(ctx, c.error().toString());
    }
    ctx.out << "wrote " << out << " (" << bytes.size() << " bytes, sha256 " << digest << ")\n";
    if (!signer.isEmpty())
        ctx.out << "signed by " << signer << ": " << out
                << ".p7s (detached CMS, DER); verify with: tollgate-cli verify " << out << " --ca CA.pem\n";
    ctx.out.flush();
    return ExitOk;
}

} // namespace tollgate::cli
