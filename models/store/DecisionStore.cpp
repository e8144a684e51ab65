#include "store/DecisionStore.h"

#include "Statement.h"
#include "findings/Severity.h"
#include "store/AuditLog.h"
#include "store/Workspace.h"

#include <QJsonDocument>
#include <QSet>
#include <sqlite3.h>

namespace tollgate {

namespace {

const char* const kDecisionColumns =
    "SELECT id, identity, kind, value, detail, justification, evidence_digest, reviewer, os_user, "
    "decided_at, COALESCE(snapshot_id, 0) FROM decisions ";

DecisionStore::Decision decisionOf(const Statement& q)
{
    DecisionStore::Decision d;
    d.id = q.int64(0);
    d.identity = q.text(1);
    d.kind = q.text(2);
    d.value = q.text(3);
    d.detail = QJsonDocument::fromJson(q.bytes(4)).object();
    d.justification = q.text(5);
    d.evidenceDigest = q.text(6);
    d.reviewer = q.text(7);
    d.osUser = q.text(8);
    d.decidedAt = q.text(9);
    d.snapshotId = q.int64(10);
    return d;
}

void apply(DecisionStore::Effective& e, const DecisionStore::Decision& d)
{
    if (d.kind == QLatin1String("status") && d.id > e.status.id)
        e.status = d;
    else if (d.kind == QLatin1String("severity") && d.id > e.severity.id)
        e.severity = d;
    else if (d.kind == QLatin1String("risk") && d.id > e.risk.id)
        e.risk = d;
    if (d.id > e.latest.id)
        e.latest = d;
}

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

QJsonObject DecisionStore::Decision::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("identity"), identity);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("value"), value);
    o.insert(QStringLiteral("detail"), detail);
    o.insert(QStringLiteral("justification"), justification);
    o.insert(QStringLiteral("evidence_digest"), evidenceDigest);
    o.insert(QStringLiteral("reviewer"), reviewer);
    o.insert(QStringLiteral("os_user"), osUser);
    o.insert(QStringLiteral("decided_at"), decidedAt);
    o.insert(QStringLiteral("snapshot"), snapshotId);
    return o;
}

const QStringList& DecisionStore::statuses()
{
    static const QStringList s = {QStringLiteral("Open"), QStringLiteral("NotAFinding"),
                                  QStringLiteral("Not_Applicable"), QStringLiteral("Not_Reviewed")};
    return s;
}

QString DecisionStore::canonicalStatus(const QString& text)
{
    for (const QString& s : statuses())
        if (s.compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return s;
    return {};
}

DecisionStore::Decision DecisionStore::prepare(const QJsonObject& finding, const QString& kind) const
{
    Decision d;
    d.identity = str(finding, "identity");
    d.kind = kind;
    d.evidenceDigest = str(finding, "evidence_digest");
    d.reviewer = m_ro.identity().reviewer();
    d.osUser = m_ro.identity().osUser();
    d.decidedAt = m_ro.nowText();
    d.snapshotId = finding.value(QLatin1String("snapshot")).toInteger();
    d.detail.insert(QStringLiteral("finding"), finding.value(QLatin1String("id")).toInteger());
    return d;
}

Result<DecisionStore::Decision> DecisionStore::insert(Decision d, const QString& action)
{
    const QByteArray detail = QJsonDocument(d.detail).toJson(QJsonDocument::Compact);
    Statement q(m_rw->handle(),
                "INSERT INTO decisions(identity, kind, value, detail, justification, evidence_digest, "
                "reviewer, os_user, decided_at, snapshot_id) VALUES (?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, d.identity).bind(2, d.kind).bind(3, d.value).bind(4, detail).bind(5, d.justification);
    q.bind(6, d.evidenceDigest).bind(7, d.reviewer).bind(8, d.osUser).bind(9, d.decidedAt);
    if (d.snapshotId > 0)
        q.bind(10, d.snapshotId);
    else
        q.bindNull(10);
    if (!q.exec())
        return Error(QStringLiteral("cannot record the decision: %1").arg(q.errorText()));
    d.id = sqlite3_last_insert_rowid(m_rw->handle());
    QJsonObject audit = d.toJson();
    audit.remove(QStringLiteral("identity"));
    audit.remove(QStringLiteral("reviewer"));
    audit.remove(QStringLiteral("os_user"));
    audit.remove(QStringLiteral("decided_at"));
    auto a = AuditLog::append(*m_rw, action, d.identity,
                              QString::fromUtf8(QJsonDocument(audit).toJson(QJsonDocument::Compact)));
    if (!a)
        return a.error();
    return d;
}

Result<QList<DecisionStore::Decision>> DecisionStore::review(const QList<QJsonObject>& findings,
                                                             const Review& review)
{
    if (!m_rw || m_rw->isReadOnly())
        return Error(QStringLiteral("the workspace is open read-only: no decision can be recorded"));
    const QString justification = review.justification.trimmed();
    if (justification.isEmpty())
        return Error(QStringLiteral("a justification is required for every review decision"));
    if (m_ro.identity().reviewer().trimmed().isEmpty())
        return Error(QStringLiteral("a reviewer name is required for every review decision"));
    const QString status = canonicalStatus(review.status);
    if (!review.status.isEmpty() && status.isEmpty())
        return Error(QStringLiteral("unknown status '%1' (one of: %2)")
                         .arg(review.status, statuses().join(QStringLiteral(", "))));
    if (review.severityCat < 0 || review.severityCat > 3)
        return Error(
            QStringLiteral("unknown severity category %1 (CAT I, II or III)").arg(review.severityCat));
    if (status.isEmpty() && review.severityCat == 0)
        return Error(QStringLiteral("nothing to record: give a status, a severity or both"));
    if (findings.isEmpty())
        return Error(QStringLiteral("no finding to review"));

    Transaction tx(*m_rw);
    if (!tx.active())
        return tx.beginError();
    QList<Decision> out;
    QSet<QString> done;
    for (const QJsonObject& f : findings) {
        const QString identity = str(f, "identity");
        if (identity.isEmpty())
            return Error(
                QStringLiteral("finding %1 has no identity").arg(f.value(QLatin1String("id")).toInteger()));
        if (done.contains(identity))
            continue;
        done.insert(identity);
        if (!status.isEmpty()) {
            Decision d = prepare(f, QStringLiteral("status"));
            d.value = status;
            d.justification = justification;
            const QString previous = str(f, "review_status");
            d.detail.insert(QStringLiteral("previous"), previous.isEmpty() ? str(f, "status") : previous);
            d.detail.insert(QStringLiteral("finding_status"), str(f, "status"));
            auto r = insert(std::move(d), QStringLiteral("decision.status"));
            if (!r)
                return r.error();
            out.append(std::move(r).value());
        }
        if (review.severityCat != 0) {
            Decision d = prepare(f, QStringLiteral("severity"));
            d.value = Severity::label(review.severityCat);
            d.justification = justification;
            d.detail.insert(QStringLiteral("original"), str(f, "severity"));
            d.detail.insert(QStringLiteral("original_cat"), f.value(QLatin1String("severity_cat")).toInt());
            d.detail.insert(QStringLiteral("severity_original"), str(f, "severity_original"));
            d.detail.insert(QStringLiteral("cat"), review.severityCat);
            auto r = insert(std::move(d), QStringLiteral("decision.severity"));
            if (!r)
                return r.error();
            out.append(std::move(r).value());
        }
    }
    if (Status c = tx.commit(); !c)
        return c.error();
    return out;
}

Result<QList<DecisionStore::Decision>> DecisionStore::acceptRisk(const QList<QJsonObject>& findings,
                                                                 const RiskAcceptance& acceptance)
{
    if (!m_rw || m_rw->isReadOnly())
        return Error(QStringLiteral("the workspace is open read-only: no decision can be recorded"));
    const QString by = acceptance.by.trimmed();
    const QString reference = acceptance.reference.trimmed();
    const QString justification = acceptance.justification.trimmed();
    if (by.isEmpty())
        return Error(QStringLiteral("a risk acceptance needs the name of who accepted it (the AO)"));
    if (reference.isEmpty())
        return Error(QStringLiteral("a risk acceptance needs its acceptance or POA&M reference"));
    if (justification.isEmpty())
        return Error(QStringLiteral("a justification is required for every review decision"));
    if (m_ro.identity().reviewer().trimmed().isEmpty())
        return Error(QStringLiteral("a reviewer name is required for every review decision"));
    const QDate today = m_ro.clock().nowUtc().date();
    if (!acceptance.expires.isValid())
        return Error(QStringLiteral("a risk acceptance needs a valid expiry date (YYYY-MM-DD)"));
    if (acceptance.expires < today)
        return Error(QStringLiteral("the expiry date %1 is in the past (today is %2)")
                         .arg(acceptance.expires.toString(Qt::ISODate), today.toString(Qt::ISODate)));
    if (findings.isEmpty())
        return Error(QStringLiteral("no finding to accept the risk of"));

    Transaction tx(*m_rw);
    if (!tx.active())
        return tx.beginError();
    auto all = effectiveAll();
    if (!all)
        return all.error();
    // Check every finding first: nothing is written unless all of them are Open.
    for (const QJsonObject& f : findings) {
        QJsonObject row = f;
        const QString identity = str(f, "identity");
        const auto it = all->constFind(identity);
        annotate(row, it == all->constEnd() ? nullptr : &it.value(), today);
        const QString effective = str(row, "review_status");
        if (effective != QLatin1String("Open"))
            return Error(
                QStringLiteral("finding %1 (%2) is %3, not Open: a risk acceptance is a record on an "
                               "Open finding")
                    .arg(f.value(QLatin1String("id")).toInteger())
                    .arg(identity, effective));
    }
    QList<Decision> out;
    QSet<QString> done;
    for (const QJsonObject& f : findings) {
        const QString identity = str(f, "identity");
        if (done.contains(identity))
            continue;
        done.insert(identity);
        Decision d = prepare(f, QStringLiteral("risk"));
        d.value = reference;
        d.justification = justification;
        d.detail.insert(QStringLiteral("by"), by);
        d.detail.insert(QStringLiteral("reference"), reference);
        d.detail.insert(QStringLiteral("expires"), acceptance.expires.toString(Qt::ISODate));
        auto r = insert(std::move(d), QStringLiteral("decision.risk"));
        if (!r)
            return r.error();
        out.append(std::move(r).value());
    }
    if (Status c = tx.commit(); !c)
        return c.error();
    return out;
}

Result<QList<DecisionStore::Decision>> DecisionStore::history(const QString& identity) const
{
    QByteArray sql = kDecisionColumns;
    sql += "WHERE identity = ? ORDER BY id";
    Statement q(m_ro.handle(), sql.constData());
    q.bind(1, identity);
    QList<Decision> out;
    while (q.step())
        out.append(decisionOf(q));
    if (q.failed())
        return Error(QStringLiteral("cannot read the decisions: %1").arg(q.errorText()));
    return out;
}

Result<QHash<QString, QList<DecisionStore::Decision>>> DecisionStore::historyAll() const
{
    QByteArray sql = kDecisionColumns;
    sql += "ORDER BY id";
    Statement q(m_ro.handle(), sql.constData());
    QHash<QString, QList<Decision>> out;
    while (q.step()) {
        Decision d = decisionOf(q);
        out[d.identity].append(std::move(d));
    }
    if (q.failed())
        return Error(QStringLiteral("cannot read the decisions: %1").arg(q.errorText()));
    return out;
}

Result<DecisionStore::Effective> DecisionStore::effective(const QString& identity) const
{
    QByteArray sql = kDecisionColumns;
    sql += "WHERE id IN (SELECT MAX(id) FROM decisions WHERE identity = ? GROUP BY kind)";
    Statement q(m_ro.handle(), sql.constData());
    q.bind(1, identity);
    Effective e;
    while (q.step())
        apply(e, decisionOf(q));
    if (q.failed())
        return Error(QStringLiteral("cannot read the decisions: %1").arg(q.errorText()));
    return e;
}

Result<QHash<QString, DecisionStore::Effective>> DecisionStore::effectiveAll() const
{
    QByteArray sql = kDecisionColumns;
    sql += "WHERE id IN (SELECT MAX(id) FROM decisions GROUP BY identity, kind)";
    Statement q(m_ro.handle(), sql.constData());
    QHash<QString, Effective> out;
    while (q.step()) {
        Decision d = decisionOf(q);
        apply(out[d.identity], d);
    }
    if (q.failed())
        return Error(QStringLiteral("cannot read the decisions: %1").arg(q.errorText()));
    return out;
}

void DecisionStore::annotate(QJsonObject& row, const Effective* e, const QDate& today)
{
    const QString status = str(row, "status");
    QString reviewStatus = status;
    bool reviewed = false;
    QString override;
    QJsonValue risk = QJsonValue::Null;
    bool rereview = false;
    if (e) {
        if (e->status.id) {
            reviewed = true;
            // A finding its scanner no longer reports stays closed, whatever was decided before.
            if (status != QLatin1String("closed"))
                reviewStatus = e->status.value;
        }
        if (e->severity.id && e->severity.value != str(row, "severity"))
            override = e->severity.value;
        if (e->risk.id && reviewStatus == QLatin1String("Open")) {
            const QString expires = e->risk.detail.value(QLatin1String("expires")).toString();
            QJsonObject r;
            r.insert(QStringLiteral("by"), e->risk.detail.value(QLatin1String("by")).toString());
            r.insert(QStringLiteral("reference"), e->risk.value);
            r.insert(QStringLiteral("expires"), expires);
            r.insert(QStringLiteral("expired"), QDate::fromString(expires, Qt::ISODate) < today);
            r.insert(QStringLiteral("justification"), e->risk.justification);
            r.insert(QStringLiteral("recorded_by"), e->risk.reviewer);
            r.insert(QStringLiteral("recorded_at"), e->risk.decidedAt);
            risk = r;
        }
        rereview = e->latest.id && e->latest.evidenceDigest != str(row, "evidence_digest");
    }
    row.insert(QStringLiteral("review_status"), reviewStatus);
    row.insert(QStringLiteral("reviewed"), reviewed);
    row.insert(QStringLiteral("severity_override"), override);
    row.insert(QStringLiteral("risk"), risk);
    row.insert(QStringLiteral("rereview"), rereview);
}

QString DecisionStore::flags(const QJsonObject& row)
{
    QStringList out;
    if (row.value(QLatin1String("rereview")).toBool())
        out << QStringLiteral("re-review: evidence changed");
    const QJsonObject risk = row.value(QLatin1String("risk")).toObject();
    if (!risk.isEmpty()) {
        const QString expires = risk.value(QLatin1String("expires")).toString();
        if (risk.value(QLatin1String("expired")).toBool())
            out << QStringLiteral("EXPIRED acceptance (%1)").arg(expires);
        else
            out << QStringLiteral("risk accepted until %1").arg(expires);
    }
    const QString override = row.value(QLatin1String("severity_override")).toString();
    if (!override.isEmpty())
        out << QStringLiteral("%1 (was %2)").arg(override, row.value(QLatin1String("severity")).toString());
    if (out.isEmpty() && row.value(QLatin1String("reviewed")).toBool())
        out << QStringLiteral("reviewed");
    return out.join(QStringLiteral("; "));
}

Status DecisionStore::annotate(QList<QJsonObject>& rows) const
{
    auto all = effectiveAll();
    if (!all)
        return all.error();
    const QDate today = m_ro.clock().nowUtc().date();
    for (QJsonObject& row : rows) {
        const auto it = all->constFind(str(row, "identity"));
        annotate(row, it == all->constEnd() ? nullptr : &it.value(), today);
    }
    return {};
}

} // namespace tollgate
