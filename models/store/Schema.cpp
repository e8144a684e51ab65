#include "Schema.h"

#include "base/Logging.h"

#include <sqlite3.h>

namespace tollgate {

namespace {

// Version 1. Conventions: times are ISO-8601 UTC text; JSON columns hold compact JSON text;
// portable SQL (no SQLite-only types), so a later team mode can carry the schema to PostgreSQL.
//
// Facts: snapshots, source_files, objects, skipped_documents, and the inventory derived at import
// (namespaces, workloads, containers, services, exposures) are written once and never changed.
// Computed data: cache_runs keys every cache by snapshot, engine and engine version; flows and
// pod_classes hang off a cache run and can be dropped and recomputed at any time.
// Findings are immutable observations (scan_imports, findings); decisions live apart and are keyed
// by a stable identity (control or vulnerability id + subject), never by a row id.
// audit_log is append-only with a hash chain (AuditLog::append is the only writer).
const char* const kSchemaV1 = R"SQL(
CREATE TABLE workspace_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY,
    label         TEXT NOT NULL,
    cluster       TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    os_user       TEXT NOT NULL,
    digest        TEXT NOT NULL,
    object_count  INTEGER NOT NULL,
    skipped_count INTEGER NOT NULL,
    tool_version  TEXT NOT NULL
);
CREATE INDEX snapshots_digest ON snapshots(digest);

CREATE TABLE source_files (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    UNIQUE (snapshot_id, path)
);

CREATE TABLE objects (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    file_id     INTEGER NOT NULL REFERENCES source_files(id),
    line        INTEGER NOT NULL,
    api_group   TEXT NOT NULL,
    api_version TEXT NOT NULL,
    kind        TEXT NOT NULL,
    namespace   TEXT NOT NULL,
    name        TEXT NOT NULL,
    analysed    INTEGER NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX objects_by_kind ON objects(snapshot_id, api_group, kind);

CREATE TABLE skipped_documents (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    path        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    reason      TEXT NOT NULL
);

CREATE TABLE namespaces (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    name        TEXT NOT NULL,
    object_id   INTEGER REFERENCES objects(id),
    labels      TEXT NOT NULL,
    UNIQUE (snapshot_id, name)
);

CREATE TABLE workloads (
    id               INTEGER PRIMARY KEY,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots(id),
    object_id        INTEGER NOT NULL REFERENCES objects(id),
    namespace        TEXT NOT NULL,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    peer_name        TEXT NOT NULL,
    component_key    TEXT NOT NULL,
    owner_kind       TEXT NOT NULL,
    owner_name       TEXT NOT NULL,
    top_level        INTEGER NOT NULL,
    replicas         INTEGER NOT NULL,
    service_account  TEXT NOT NULL,
    pod_labels       TEXT NOT NULL,
    pod_annotations  TEXT NOT NULL,
    host_network     INTEGER NOT NULL,
    host_pid         INTEGER NOT NULL,
    host_ipc         INTEGER NOT NULL,
    security_context TEXT NOT NULL,
    volumes          TEXT NOT NULL
);
CREATE INDEX workloads_by_snapshot ON workloads(snapshot_id, namespace, name);
CREATE INDEX workloads_by_component ON workloads(component_key);

CREATE TABLE containers (
    id               INTEGER PRIMARY KEY,
    workload_id      INTEGER NOT NULL REFERENCES workloads(id),
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL,
    image            TEXT NOT NULL,
    registry         TEXT NOT NULL,
    repository       TEXT NOT NULL,
    tag              TEXT NOT NULL,
    digest           TEXT NOT NULL,
    ports            TEXT NOT NULL,
    security_context TEXT NOT NULL,
    secret_refs      TEXT NOT NULL
);
CREATE INDEX containers_by_workload ON containers(workload_id);
CREATE INDEX containers_by_digest ON containers(digest);

CREATE TABLE services (
    id           INTEGER PRIMARY KEY,
    snapshot_id  INTEGER NOT NULL REFERENCES snapshots(id),
    object_id    INTEGER NOT NULL REFERENCES objects(id),
    namespace    TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    selector     TEXT NOT NULL,
    ports        TEXT NOT NULL,
    cluster_ip   TEXT NOT NULL,
    external_ips TEXT NOT NULL,
    external_name TEXT NOT NULL
);
CREATE INDEX services_by_snapshot ON services(snapshot_id, namespace, name);

CREATE TABLE exposures (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    object_id   INTEGER NOT NULL REFERENCES objects(id),
    kind        TEXT NOT NULL,
    namespace   TEXT NOT NULL,
    name        TEXT NOT NULL,
    target      TEXT NOT NULL,
    workloads   TEXT NOT NULL,
    host        TEXT NOT NULL,
    port        TEXT NOT NULL,
    protocol    TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX exposures_by_snapshot ON exposures(snapshot_id);

CREATE TABLE cache_runs (
    id             INTEGER PRIMARY KEY,
    snapshot_id    INTEGER NOT NULL REFERENCES snapshots(id),
    engine         TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    input_digest   TEXT NOT NULL,
    computed_at    TEXT NOT NULL,
    UNIQUE (snapshot_id, engine, engine_version, input_digest)
);

CREATE TABLE pod_classes (
    run_id    INTEGER NOT NULL REFERENCES cache_runs(id),
    class_id  INTEGER NOT NULL,
    namespace TEXT NOT NULL,
    labels    TEXT NOT NULL,
    members   TEXT NOT NULL,
    PRIMARY KEY (run_id, class_id)
);

CREATE TABLE flows (
    id        INTEGER PRIMARY KEY,
    run_id    INTEGER NOT NULL REFERENCES cache_runs(id),
    src_class INTEGER NOT NULL,
    dst_class INTEGER NOT NULL,
    src_peer  TEXT NOT NULL,
    dst_peer  TEXT NOT NULL,
    conn      TEXT NOT NULL,
    mtls      TEXT NOT NULL,
    why       TEXT NOT NULL
);
CREATE INDEX flows_by_run ON flows(run_id, src_class, dst_class);

CREATE TABLE scan_imports (
    id            INTEGER PRIMARY KEY,
    snapshot_id   INTEGER REFERENCES snapshots(id),
    format        TEXT NOT NULL,
    tool          TEXT NOT NULL,
    path          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    scanned_at    TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    os_user       TEXT NOT NULL,
    finding_count INTEGER NOT NULL
);

CREATE TABLE findings (
    id                INTEGER PRIMARY KEY,
    scan_import_id    INTEGER REFERENCES scan_imports(id),
    cache_run_id      INTEGER REFERENCES cache_runs(id),
    snapshot_id       INTEGER REFERENCES snapshots(id),
    source            TEXT NOT NULL,
    rule_id           TEXT NOT NULL,
    title             TEXT NOT NULL,
    result            TEXT NOT NULL,
    severity_cat      INTEGER NOT NULL,
    severity_original TEXT NOT NULL,
    subject_kind      TEXT NOT NULL,
    subject           TEXT NOT NULL,
    image_digest      TEXT NOT NULL,
    image_ref         TEXT NOT NULL,
    workload_key      TEXT NOT NULL,
    identity          TEXT NOT NULL,
    identifiers       TEXT NOT NULL,
    evidence          TEXT NOT NULL,
    evidence_digest   TEXT NOT NULL,
    position          TEXT NOT NULL
);
CREATE INDEX findings_by_identity ON findings(identity);
CREATE INDEX findings_by_import ON findings(scan_import_id);

CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    identity     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    detail       TEXT NOT NULL,
    justification TEXT NOT NULL,
    evidence_digest TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    os_user      TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    snapshot_id  INTEGER REFERENCES snapshots(id)
);
CREATE INDEX decisions_by_identity ON decisions(identity, kind);

CREATE TABLE baselines (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    approved_by TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    approved_at TEXT NOT NULL
);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    snapshot_id INTEGER REFERENCES snapshots(id),
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    signer      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    audit_head  TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)SQL";

// Version 2: a cache run keeps what its engine said besides its rows (warnings, counts) as JSON.
const char* const kSchemaV2 = R"SQL(
ALTER TABLE cache_runs ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
)SQL";

// Version 3: scan imports know their subject (for history and joins) and their counts; findings
// carry their category, lifecycle (new, persisting, closed), package and line; joins of findings to
// the workloads of the import's snapshot; SBOM packages. Findings are immutable once written.
const char* const kSchemaV3 = R"SQL(
ALTER TABLE scan_imports ADD COLUMN subject_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN image_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN image_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN image_id TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN tool_version TEXT NOT NULL DEFAULT '';
ALTER TABLE scan_imports ADD COLUMN joined_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_imports ADD COLUMN closed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scan_imports ADD COLUMN package_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX scan_imports_by_subject ON scan_imports(tool, subject_key);
CREATE INDEX scan_imports_by_sha256 ON scan_imports(sha256);

ALTER TABLE findings ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN lifecycle TEXT NOT NULL DEFAULT 'new';
ALTER TABLE findings ADD COLUMN namespace TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN image_id TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN package TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN installed_version TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN fixed_version TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN line INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER findings_no_update BEFORE UPDATE ON findings
BEGIN SELECT RAISE(ABORT, 'findings are immutable observations'); END;
CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings
BEGIN SELECT RAISE(ABORT, 'findings are immutable observations'); END;

CREATE TABLE finding_joins (
    finding_id  INTEGER NOT NULL REFERENCES findings(id),
    workload_id INTEGER NOT NULL REFERENCES workloads(id),
    via         TEXT NOT NULL,
    PRIMARY KEY (finding_id, workload_id)
);
CREATE INDEX finding_joins_by_workload ON finding_joins(workload_id);

CREATE TABLE sbom_packages (
    id             INTEGER PRIMARY KEY,
    scan_import_id INTEGER NOT NULL REFERENCES scan_imports(id),
    name           TEXT NOT NULL,
    version        TEXT NOT NULL,
    type           TEXT NOT NULL,
    purl           TEXT NOT NULL,
    licenses       TEXT NOT NULL
);
CREATE INDEX sbom_packages_by_import ON sbom_packages(scan_import_id);
)SQL";

} // namespace

Status Schema::migrate(sqlite3* db, int from)
{
    if (from > CurrentVersion)
        return Error(
            QStringLiteral("workspace schema version %1 is newer than this Tollgate (%2); upgrade Tollgate")
                .arg(from)
                .arg(CurrentVersion));
    struct Step
    {
        int to;
        const char* sql;
    };
    static const Step steps[] = {{1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}};
    for (const Step& s : steps) {
        if (from >= s.to)
            continue;
        char* err = nullptr;
        if (sqlite3_exec(db, s.sql, nullptr, nullptr, &err) != SQLITE_OK) {
            const QString msg = QString::fromUtf8(err ? err : "unknown error");
            sqlite3_free(err);
            return Error(QStringLiteral("migration to schema %1 failed: %2").arg(s.to).arg(msg));
        }
        qCInfo(lcStore) << "migrated workspace schema to" << s.to;
    }
    const QByteArray pragmas = "PRAGMA application_id = " + QByteArray::number(ApplicationId) +
                               "; PRAGMA user_version = " + QByteArray::number(CurrentVersion) + ";";
    if (sqlite3_exec(db, pragmas.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error(
            QStringLiteral("cannot set workspace version: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    return {};
}

} // namespace tollgate
