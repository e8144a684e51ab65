#include "store/FindingStore.h"

#include "Statement.h"
#include "findings/Severity.h"
#include "store/DecisionStore.h"
#include "store/Workspace.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>

namespace tollgate {

namespace {

const char* const kFindingColumns =
    "SELECT f.id, f.scan_import_id, COALESCE(f.snapshot_id, 0), f.source, i.format, f.category, f.rule_id, "
    "f.title, "
    "f.result, f.lifecycle, f.severity_cat, f.severity_original, f.subject_kind, f.subject, f.image_ref, "
    "f.image_digest, f.image_id, f.workload_key, f.namespace, "
    "(SELECT group_concat(w.namespace || '/' || w.kind || '/' || w.name, ', ') FROM finding_joins j "
    " JOIN workloads w ON w.id = j.workload_id WHERE j.finding_id = f.id), "
    "f.package, f.installed_version, f.fixed_version, f.identifiers, f.evidence, i.path, i.sha256, "
    "f.position, "
    "f.line, f.identity, i.imported_at, i.subject, f.evidence_digest "
    "FROM findings f JOIN scan_imports i ON i.id = f.scan_import_id ";

QJsonObject rowOf(const Statement& q)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), q.int64(0));
    o.insert(QStringLiteral("import"), q.int64(1));
    o.insert(QStringLiteral("snapshot"), q.int64(2));
    o.insert(QStringLiteral("source"), q.text(3));
    o.insert(QStringLiteral("format"), q.text(4));
    o.insert(QStringLiteral("category"), q.text(5));
    o.insert(QStringLiteral("rule"), q.text(6));
    o.insert(QStringLiteral("title"), q.text(7));
    const QString result = q.text(8);
    const QString lifecycle = q.text(9);
    o.insert(QStringLiteral("result"), result);
    o.insert(QStringLiteral("lifecycle"), lifecycle);
    o.insert(QStringLiteral("status"),
             lifecycle == QLatin1String("closed") ? QStringLiteral("closed") : result);
    const int cat = static_cast<int>(q.int64(10));
    o.insert(QStringLiteral("severity"), Severity::label(cat));
    o.insert(QStringLiteral("severity_cat"), cat);
    o.insert(QStringLiteral("severity_original"), q.text(11));
    o.insert(QStringLiteral("subject_kind"), q.text(12));
    o.insert(QStringLiteral("subject"), q.text(13));
    o.insert(QStringLiteral("image_ref"), q.text(14));
    o.insert(QStringLiteral("image_digest"), q.text(15));
    o.insert(QStringLiteral("image_id"), q.text(16));
    o.insert(QStringLiteral("workload"), q.text(17));
    o.insert(QStringLiteral("namespace"), q.text(18));
    const QString joined = q.text(19);
    o.insert(QStringLiteral("joined"), !joined.isEmpty());
    o.insert(
        QStringLiteral("joined_workloads"),
        QJsonArray::fromStringList(joined.isEmpty() ? QStringList{} : joined.split(QStringLiteral(", "))));
    o.insert(QStringLiteral("package"), q.text(20));
    o.insert(QStringLiteral("installed_version"), q.text(21));
    o.insert(QStringLiteral("fixed_version"), q.text(22));
    o.insert(QStringLiteral("identifiers"), QJsonDocument::fromJson(q.bytes(23)).object());
    o.insert(QStringLiteral("evidence"), q.text(24));
    o.insert(QStringLiteral("file"), q.text(25));
    o.insert(QStringLiteral("file_sha256"), q.text(26));
    o.insert(QStringLiteral("position"), q.text(27));
    o.insert(QStringLiteral("line"), q.int64(28));
    o.insert(QStringLiteral("identity"), q.text(29));
    o.insert(QStringLiteral("imported_at"), q.text(30));
    o.insert(QStringLiteral("import_subject"), q.text(31));
    o.insert(QStringLiteral("evidence_digest"), q.text(32));
    o.insert(QStringLiteral("group"), FindingStore::groupOf(o));
    return o;
}

bool matches(const QJsonObject& o, const FindingStore::Filter& f)
{
    auto has = [](const QString& hay, const QString& needle) {
        return hay.contains(needle, Qt::CaseInsensitive);
    };
    if (!f.status.isEmpty()) {
        const QString s = f.status;
        if (o.value(QLatin1String("review_status")).toString().compare(s, Qt::CaseInsensitive) != 0 &&
            o.value(QLatin1String("lifecycle")).toString().compare(s, Qt::CaseInsensitive) != 0)
            return false;
    }
    if (!f.workload.isEmpty()) {
        const QString joined =
            o.value(QLatin1String("joined_workloads")).toVariant().toStringList().join(QLatin1Char(' '));
        if (!has(joined, f.workload) && !has(o.value(QLatin1String("workload")).toString(), f.workload))
            return false;
    }
    if (!f.identifier.isEmpty()) {
        const QString ids = QString::fromUtf8(
            QJsonDocument(o.value(QLatin1String("identifiers")).toObject()).toJson(QJsonDocument::Compact));
        if (!has(o.value(QLatin1String("rule")).toString(), f.identifier) && !has(ids, f.identifier))
            return false;
    }
    if (!f.ns.isEmpty()) {
        const QString ns = o.value(QLatin1String("namespace")).toString();
        bool any = ns == f.ns;
        for (const QJsonValue& w : o.value(QLatin1String("joined_workloads")).toArray())
            any = any || w.toString().section(QLatin1Char('/'), 0, 0) == f.ns;
        if (!any)
            return false;
    }
    return true;
}

} // namespace

QString FindingStore::groupOf(const QJsonObject& row)
{
    const QJsonObject ids = row.value(QLatin1String("identifiers")).toObject();
    const QString category = row.value(QLatin1String("category")).toString();
    if (category == QLatin1String("policy"))
        return QStringLiteral("policy ") +
               ids.value(QLatin1String(ids.contains(QLatin1String("policy")) ? "policy" : "constraint"))
                   .toString();
    if (category == QLatin1String("cis"))
        return ids.value(QLatin1String("benchmark")).toString() + QStringLiteral(" \u00a7") +
               ids.value(QLatin1String("section")).toString();
    if (category == QLatin1String("stig") && ids.contains(QLatin1String("benchmark")))
        return ids.value(QLatin1String("benchmark")).toString();
    if (category == QLatin1String("stig") && ids.contains(QLatin1String("profile")))
        return ids.value(QLatin1String("profile")).toString();
    if (category == QLatin1String("compliance"))
        return QStringLiteral("compliance ") + row.value(QLatin1String("import_subject")).toString();
    if (category == QLatin1String("control"))
        return QStringLiteral("control ") + row.value(QLatin1String("rule")).toString();
    // A scan's subject; a digest is named by its first 12 hex digits.
    static const QRegularExpression digest(QStringLiteral("@sha256:([0-9a-f]{12})[0-9a-f]+"));
    return row.value(QLatin1String("import_subject"))
        .toString()
        .replace(digest, QStringLiteral("@sha256:\\1..."));
}

QList<QJsonObject> FindingStore::summarise(const QList<QJsonObject>& rows)
{
    static const QStringList statuses = {QStringLiteral("Open"), QStringLiteral("NotAFinding"),
                                         QStringLiteral("Not_Applicable"), QStringLiteral("Not_Reviewed"),
                                         QStringLiteral("closed")};
    QMap<QString, QJsonObject> groups;
    QStringList order;
    for (const QJsonObject& r : rows) {
        const QString g = r.value(QLatin1String("group")).toString();
        QJsonObject& o = groups[g];
        if (o.isEmpty()) {
            order << g;
            o.insert(QStringLiteral("group"), g);
            o.insert(QStringLiteral("source"), r.value(QLatin1String("source")).toString());
            o.insert(QStringLiteral("subject"), r.value(QLatin1String("import_subject")).toString());
            for (const QString& s : statuses)
                o.insert(s, 0);
            o.insert(QStringLiteral("total"), 0);
        }
        const QString s =
            r.value(QLatin1String(r.contains(QLatin1String("review_status")) ? "review_status" : "status"))
                .toString();
        o.insert(s, o.value(s).toInt() + 1);
        o.insert(QStringLiteral("total"), o.value(QLatin1String("total")).toInt() + 1);
    }
    QList<QJsonObject> out;
    for (const QString& g : std::as_const(order))
        out << groups.value(g);
    std::stable_sort(out.begin(), out.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QLatin1String("group"))
                   .toString()
                   .compare(b.value(QLatin1String("group")).toString(), Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<QList<QJsonObject>> FindingStore::findings(const Filter& filter) const
{
    QByteArray sql = kFindingColumns;
    sql += "WHERE (?1 = 0 OR i.snapshot_id = ?1) "
           "AND (?2 = 1 OR i.id = (SELECT MAX(i2.id) FROM scan_imports i2 WHERE i2.tool = i.tool "
           "     AND i2.subject_key = i.subject_key AND (?1 = 0 OR i2.snapshot_id = ?1))) "
           "AND (?3 = '' OR lower(f.source) = lower(?3)) "
           "AND (?4 = 0 OR f.severity_cat = ?4) "
           "AND (?5 = 0 OR EXISTS (SELECT 1 FROM finding_joins j WHERE j.finding_id = f.id AND j.workload_id "
           "= ?5)) "
           "ORDER BY f.severity_cat, f.lifecycle = 'closed', i.id DESC, f.rule_id, f.id";
    Statement q(m_ws.handle(), sql.constData());
    q.bind(1, filter.snapshotId).bind(2, filter.history ? 1 : 0).bind(3, filter.source).bind(4, filter.cat);
    q.bind(5, filter.workloadId);
    QList<QJsonObject> all;
    while (q.step())
        all.append(rowOf(q));
    if (q.failed())
        return Error(QStringLiteral("cannot read findings: %1").arg(q.errorText()));
    if (Status s = DecisionStore(m_ws).annotate(all); !s)
        return s.error();
    QList<QJsonObject> out;
    for (QJsonObject& o : all)
        if (matches(o, filter))
            out.append(std::move(o));
    return out;
}

Result<QList<QJsonObject>> FindingStore::reportRows(qint64 snapshotId) const
{
    // findings() for {snapshotId} with the same WHERE and ORDER BY, reading 13 of its 33 columns:
    // building ~37 keys per row for 100,000+ rows was most of a report's model.
    Statement q(
        m_ws.handle(),
        "SELECT f.source, f.category, f.rule_id, f.title, f.result, f.lifecycle, f.severity_cat, "
        "f.subject, "
        "(SELECT group_concat(w.namespace || '/' || w.kind || '/' || w.name, ', ') FROM finding_joins j "
        " JOIN workloads w ON w.id = j.workload_id WHERE j.finding_id = f.id), "
        "f.identifiers, f.evidence, f.position, f.identity, i.subject, f.evidence_digest "
        "FROM findings f JOIN scan_imports i ON i.id = f.scan_import_id "
        "WHERE (?1 = 0 OR i.snapshot_id = ?1) "
        "AND i.id = (SELECT MAX(i2.id) FROM scan_imports i2 WHERE i2.tool = i.tool "
        "     AND i2.subject_key = i.subject_key AND (?1 = 0 OR i2.snapshot_id = ?1)) "
        "ORDER BY f.severity_cat, f.lifecycle = 'closed', i.id DESC, f.rule_id, f.id");
    q.bind(1, snapshotId);
    // A scan's group depends on its category and import subject alone (groupOf), and one import
    // holds thousands of findings: name each (category, subject) once.
    QHash<QString, QString> groups;
    QList<QJsonObject> all;
    while (q.step()) {
        QJsonObject o;
        const QString source = q.text(0);
        const QString category = q.text(1);
        o.insert(QStringLiteral("source"), source);
        o.insert(QStringLiteral("category"), category);
        o.insert(QStringLiteral("rule"), q.text(2));
        const QString result = q.text(4);
        const QString lifecycle = q.text(5);
        o.insert(QStringLiteral("status"),
                 lifecycle == QLatin1String("closed") ? QStringLiteral("closed") : result);
        const int cat = static_cast<int>(q.int64(6));
        o.insert(QStringLiteral("severity"), Severity::label(cat));
        o.insert(QStringLiteral("severity_cat"), cat);
        const QString joined = q.text(8);
        o.insert(QStringLiteral("joined_workloads"),
                 QJsonArray::fromStringList(joined.isEmpty() ? QStringList{}
                                                             : joined.split(QStringLiteral(", "))));
        o.insert(QStringLiteral("identity"), q.text(12));
        o.insert(QStringLiteral("import_subject"), q.text(13));
        o.insert(QStringLiteral("evidence_digest"), q.text(14));
        if (source == QLatin1String("tollgate")) {
            o.insert(QStringLiteral("title"), q.text(3));
            o.insert(QStringLiteral("subject"), q.text(7));
            o.insert(QStringLiteral("evidence"), q.text(10));
            o.insert(QStringLiteral("position"), q.text(11));
        }
        const bool byIdentifiers = category == QLatin1String("policy") || category == QLatin1String("cis") ||
                                   category == QLatin1String("stig") || category == QLatin1String("control");
        if (byIdentifiers) {
            o.insert(QStringLiteral("identifiers"), QJsonDocument::fromJson(q.bytes(9)).object());
            o.insert(QStringLiteral("group"), groupOf(o));
        } else {
            const QString key = category + QLatin1Char('\n') + q.text(13);
            auto it = groups.constFind(key);
            if (it == groups.constEnd())
                it = groups.insert(key, groupOf(o));
            o.insert(QStringLiteral("group"), it.value());
        }
        all.append(o);
    }
    if (q.failed())
        return Error(QStringLiteral("cannot read findings: %1").arg(q.errorText()));
    if (Status s = DecisionStore(m_ws).annotate(all); !s)
        return s.error();
    return all;
}

Result<QList<QJsonObject>> FindingStore::history(const QString& identity) const
{
    QByteArray sql = kFindingColumns;
    sql += "WHERE f.identity = ? ORDER BY i.id, f.id";
    Statement q(m_ws.handle(), sql.constData());
    q.bind(1, identity);
    QList<QJsonObject> out;
    while (q.step())
        out.append(rowOf(q));
    if (q.failed())
        return Error(QStringLiteral("cannot read the history: %1").arg(q.errorText()));
    if (Status s = DecisionStore(m_ws).annotate(out); !s)
        return s.error();
    return out;
}

Result<QJsonObject> FindingStore::find(const QString& finding) const
{
    const QString key = finding.trimmed();
    bool isId = false;
    const qint64 id = key.toLongLong(&isId);
    if (isId) {
        QByteArray sql = kFindingColumns;
        sql += "WHERE f.id = ?";
        Statement q(m_ws.handle(), sql.constData());
        q.bind(1, id);
        if (!q.step()) {
            if (q.failed())
                return Error(QStringLiteral("cannot read the finding: %1").arg(q.errorText()));
            return Error(QStringLiteral("no finding with id %1").arg(id));
        }
        QList<QJsonObject> rows{rowOf(q)};
        if (Status s = DecisionStore(m_ws).annotate(rows); !s)
            return s.error();
        return rows.first();
    }
    auto rows = history(key);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error(QStringLiteral("no finding with id or identity '%1'").arg(key));
    return rows->last();
}

Result<QList<QJsonObject>> FindingStore::imports() const
{
    Statement q(m_ws.handle(), "SELECT id, COALESCE(snapshot_id, 0), format, tool, path, sha256, scanned_at, "
                               "imported_at, imported_by, "
                               "finding_count, joined_count, closed_count, package_count, subject_kind, "
                               "subject, image_ref, image_digest "
                               "FROM scan_imports ORDER BY id DESC");
    QList<QJsonObject> out;
    while (q.step()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), q.int64(0));
        o.insert(QStringLiteral("snapshot"), q.int64(1));
        o.insert(QStringLiteral("format"), q.text(2));
        o.insert(QStringLiteral("tool"), q.text(3));
        o.insert(QStringLiteral("file"), q.text(4));
        o.insert(QStringLiteral("sha256"), q.text(5));
        o.insert(QStringLiteral("scanned_at"), q.text(6));
        o.insert(QStringLiteral("imported_at"), q.text(7));
        o.insert(QStringLiteral("imported_by"), q.text(8));
        o.insert(QStringLiteral("findings"), q.int64(9));
        o.insert(QStringLiteral("joined"), q.int64(10));
        o.insert(QStringLiteral("closed"), q.int64(11));
        o.insert(QStringLiteral("packages"), q.int64(12));
        o.insert(QStringLiteral("subject_kind"), q.text(13));
        o.insert(QStringLiteral("subject"), q.text(14));
        o.insert(QStringLiteral("image_ref"), q.text(15));
        o.insert(QStringLiteral("image_digest"), q.text(16));
        out.append(o);
    }
    if (q.failed())
        return Error(QStringLiteral("cannot read scan imports: %1").arg(q.errorText()));
    return out;
}

Result<QList<QJsonObject>> FindingStore::packages(const QString& image) const
{
    Statement q(m_ws.handle(), "SELECT i.id, i.subject, i.image_ref, i.image_digest, i.format, p.name, "
                               "p.version, p.type, p.purl, p.licenses "
                               "FROM sbom_packages p JOIN scan_imports i ON i.id = p.scan_import_id "
                               "WHERE i.id = (SELECT MAX(i2.id) FROM scan_imports i2 WHERE i2.tool = i.tool "
                               "AND i2.subject_key = i.subject_key "
                               "              AND i2.package_count > 0) "
                               "AND (?1 = '' OR instr(lower(i.image_ref), lower(?1)) > 0 OR "
                               "instr(lower(i.image_digest), lower(?1)) > 0 "
                               "     OR instr(lower(i.subject), lower(?1)) > 0) "
                               "ORDER BY i.id DESC, p.name, p.version");
    q.bind(1, image);
    QList<QJsonObject> out;
    while (q.step()) {
        QJsonObject o;
        o.insert(QStringLiteral("import"), q.int64(0));
        o.insert(QStringLiteral("image"), q.text(2).isEmpty() ? q.text(1) : q.text(2));
        o.insert(QStringLiteral("image_digest"), q.text(3));
        o.insert(QStringLiteral("format"), q.text(4));
        o.insert(QStringLiteral("name"), q.text(5));
        o.insert(QStringLiteral("version"), q.text(6));
        o.insert(QStringLiteral("type"), q.text(7));
        o.insert(QStringLiteral("purl"), q.text(8));
        o.insert(QStringLiteral("licenses"), q.text(9));
        out.append(o);
    }
    if (q.failed())
        return Error(QStringLiteral("cannot read SBOM packages: %1").arg(q.errorText()));
    return out;
}

Result<QList<FindingStore::ScannedImage>> FindingStore::scannedImages() const
{
    Statement q(
        m_ws.handle(),
        "SELECT DISTINCT f.image_digest, f.image_ref, COALESCE(NULLIF(i.scanned_at, ''), i.imported_at) "
        "FROM findings f JOIN scan_imports i ON i.id = f.scan_import_id "
        "WHERE f.category = 'vulnerability' "
        "UNION SELECT i.image_digest, i.image_ref, COALESCE(NULLIF(i.scanned_at, ''), i.imported_at) "
        "FROM scan_imports i WHERE i.format IN ('trivy-json', 'grype-json') AND i.subject_kind = 'image'");
    QList<ScannedImage> out;
    while (q.step())
        out.append({q.text(0), q.text(1), QDateTime::fromString(q.text(2), Qt::ISODate)});
    if (q.failed())
        return Error(QStringLiteral("cannot read the scanned images: %1").arg(q.errorText()));
    return out;
}

} // namespace tollgate
