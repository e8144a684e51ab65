#pragma once

#include "base/Result.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tollgate {

class Workspace;

// Review decisions on findings (DESIGN 6): a status in STIG Viewer's vocabulary, a severity override
// that keeps the original, and a risk acceptance (a record on an Open finding, not a status). Keyed by
// the finding's identity, never its row id, so a decision carries to every later import of the same
// finding; findings themselves are never changed. Every decision is appended, never updated: the
// newest of each kind is the effective one, the rest is the history. Each write runs in one
// transaction with its audit log entry. All decision SQL lives here.
class DecisionStore
{
public:
    // What a reviewer decides about one or more findings (CLI `review`, the GUI's Review dialog).
    struct Review
    {
        QString status;      // Open, NotAFinding, Not_Applicable, Not_Reviewed; empty keeps the status
        int severityCat = 0; // 1..3 overrides the severity; 0 keeps it
        QString justification;
    };
    // An AO's acceptance of the risk of an Open finding (CLI `accept-risk`, the GUI's dialog).
    struct RiskAcceptance
    {
        QString by;        // the Authorizing Official, not the ISSO
        QString reference; // acceptance or POA&M reference
        QDate expires;
        QString justification;
    };
    // One stored decision.
    struct Decision
    {
        qint64 id = 0;
        QString identity;
        QString kind; // status, severity, risk
        QString value;
        QJsonObject detail;
        QString justification;
        QString evidenceDigest;
        QString reviewer;
        QString osUser;
        QString decidedAt;
        qint64 snapshotId = 0;
        QJsonObject toJson() const;
    };
    // The newest decision of each kind for one identity.
    struct Effective
    {
        Decision status;   // id 0 when never reviewed
        Decision severity; // id 0 when never overridden
        Decision risk;     // id 0 when no acceptance was recorded
        Decision latest;   // the newest decision of any kind
    };

    // Reads only.
    explicit DecisionStore(const Workspace& ws) : m_ro(ws) {}
    // Reads and writes.
    explicit DecisionStore(Workspace& ws) : m_ro(ws), m_rw(&ws) {}

    static const QStringList& statuses();
    // The canonical spelling of a status (case-insensitive), empty when it is none of them.
    static QString canonicalStatus(const QString& text);

    // Records the review on every finding row (FindingStore rows) in one transaction, one decision
    // per kind and identity, each with an audit log entry. Returns the decisions recorded. Fails,
    // writing nothing, on an empty justification, an unknown status or CAT, or no change asked.
    [[nodiscard]] Result<QList<Decision>> review(const QList<QJsonObject>& findings, const Review& review);
    // Records a risk acceptance on every finding row in one transaction. Fails, writing nothing, when a
    // field is empty, the expiry is before today (the workspace clock's UTC date) or a finding's
    // effective status is not Open.
    [[nodiscard]] Result<QList<Decision>> acceptRisk(const QList<QJsonObject>& findings,
                                                     const RiskAcceptance& acceptance);

    // Every decision on `identity`, oldest first.
    [[nodiscard]] Result<QList<Decision>> history(const QString& identity) const;
    // Every decision of every identity, oldest first per identity (one query, where history() per
    // finding prepared a statement per row).
    [[nodiscard]] Result<QHash<QString, QList<Decision>>> historyAll() const;
    // The effective decisions of one identity.
    [[nodiscard]] Result<Effective> effective(const QString& identity) const;
    // The effective decisions of every identity that has any (one query).
    [[nodiscard]] Result<QHash<QString, Effective>> effectiveAll() const;

    // Adds the review keys to finding rows: review_status (the reviewer's status, else the row's own
    // `status`; a closed row stays closed), reviewed (bool), severity_override (CAT label or ""),
    // risk (object {by, reference, expires, expired, justification} or null; only on an Open row),
    // rereview (bool: the row's evidence_digest differs from the newest decision's).
    [[nodiscard]] Status annotate(QList<QJsonObject>& rows) const;
    // The same, from already read decisions; `today` decides expiry.
    static void annotate(QJsonObject& row, const Effective* effective, const QDate& today);

    // The flags of an annotated row, as the Findings table and the CLI show them: "re-review: evidence
    // changed", "risk accepted until DATE", "EXPIRED acceptance (DATE)", "CAT III (was CAT I)",
    // "reviewed"; joined by "; ".
    static QString flags(const QJsonObject& row);

private:
    [[nodiscard]] Result<Decision> insert(Decision d, const QString& action);
    Decision prepare(const QJsonObject& finding, const QString& kind) const;

    const Workspace& m_ro;
    Workspace* m_rw = nullptr;
};

} // namespace tollgate
