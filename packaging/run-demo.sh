#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, imports the bundled demo system into
# a workspace and opens the GUI on it. With no display it runs the same review headless with the CLI.
set -euo pipefail
# Qt wants a private runtime folder; headless machines often have none.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then XDG_RUNTIME_DIR=$(mktemp -d); export XDG_RUNTIME_DIR; fi
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
BUILD=${TOLLGATE_BUILD_DIR:-build}
CLI=$BUILD/app/cli/tollgate-cli
GUI=$BUILD/app/tollgate
WS=${TOLLGATE_DEMO_WS:-$BUILD/demo.tollgate}

rm -f "$WS" "$WS-wal" "$WS-shm"
"$CLI" init "$WS" >/dev/null
s1=$("$CLI" import "$WS" resources/demo/snapshot-1 --label "snapshot-1" --cluster sentinel-prod 2>/dev/null)
s2=$("$CLI" import "$WS" resources/demo/snapshot-2 --label "snapshot-2" --cluster sentinel-prod 2>/dev/null)
echo "Demo workspace: $WS (snapshots $s1 and $s2)"
# The demo's scans join the newest snapshot: two Trivy scans of track-service 3.3.0 three weeks apart
# (history: new and closed findings), more Trivy and Grype scans, and a CycloneDX SBOM.
scan_report=$("$CLI" import-scan "$WS" resources/demo/scans/trivy/track-service-3.3.0.2026-11-02.json \
  resources/demo/scans/trivy/track-service-3.3.0.2026-11-20.json resources/demo/scans/trivy/ingest-api-2.2.0.json \
  resources/demo/scans/trivy/geo-service-1.5.2.json resources/demo/scans/trivy/rules-engine-5.0.1.json \
  resources/demo/scans/trivy/grafana-10.2.0.json resources/demo/scans/grype/*.json resources/demo/scans/sbom/*.json)

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${TOLLGATE_HEADLESS:-}" ]; then
  exec "$GUI" "$WS"
fi

echo "No display: running the review headless with tollgate-cli."
echo
echo "== Snapshots"
"$CLI" snapshots "$WS"
echo
echo "== Namespaces (snapshot $s2)"
"$CLI" inventory "$WS" --kind namespaces
echo
echo "== Workloads (snapshot $s2)"
"$CLI" inventory "$WS" --kind workloads
echo
echo "== Images"
"$CLI" inventory "$WS" --kind images
echo
echo "== Ways in from outside the cluster"
"$CLI" inventory "$WS" --kind exposures
echo
echo "== Allowed flows of snapshot $s2 (NetworkPolicy, mesh mTLS state); the full list: $CLI flows $WS --mesh"
"$CLI" flows "$WS" --mesh > "$BUILD/demo-flows.txt"
echo "$(wc -l < "$BUILD/demo-flows.txt") flows; by mTLS state:"
sed -n 's/.*\[mtls: \(.*\)\]$/\1/p' "$BUILD/demo-flows.txt" | sort | uniq -c
echo
echo "== Flows that are not strict mTLS between two meshed workloads (fails or plaintext)"
grep -E '\[mtls: (fails|plaintext)\]' "$BUILD/demo-flows.txt" | grep -v 'External' || echo "(none)"
echo
echo "== Ways in from outside (Tollgate's entry nodes)"
"$CLI" flows "$WS" --entries --mesh | grep '^{' || true
echo
echo "== What changed in the flows between snapshot $s1 and $s2"
"$CLI" flows "$WS" --diff "$s1" "$s2"
echo
echo "== The mesh, per workload"
"$CLI" mesh "$WS"
echo
echo "== One finding explained: may Prometheus scrape track-service?"
"$CLI" explain "$WS" monitoring/prometheus mission-data/track-service
echo
echo "== Scans imported (format told from content; joined to the workloads of snapshot $s2)"
echo "$scan_report"
echo
echo "== Findings, CAT I first (all statuses; --status Open for the open ones)"
"$CLI" findings "$WS"
echo
echo "== Closed since the previous scan of the same image"
"$CLI" findings "$WS" --status closed
echo
echo "== Packages of track-service (from its SBOM)"
"$CLI" sbom "$WS" --image track-service
echo
echo "== The program's controls on snapshot $s2 (DESIGN section 6; every intended gap of the demo README shows up)"
# check exits 1 while CAT I findings are open (that is its job in a pipeline); the demo shows them.
{ "$CLI" check "$WS" --fail-on I || true; } | sed -n '1,/^Open findings/p'
echo "(tollgate-cli check $WS lists every Open finding with its file:line and fix; exit 1 while CAT I/II remain)"
echo
echo "== Findings per benchmark, section or policy"
"$CLI" findings "$WS" --summary
echo
echo "== The network-flow diagram of snapshot $s2"
"$CLI" graph "$WS" --out "$BUILD/demo-graph.svg" 2>/dev/null
"$CLI" graph "$WS" --out "$BUILD/demo-graph.png" --scale 1 2>/dev/null
echo
echo "== Flows namespace by namespace (rows: from, columns: to), as the Flows page's matrix"
"$CLI" flows "$WS" --matrix
echo
echo "== What a compromise of track-service would expose (its blast radius), highlighted against snapshot $s1"
"$CLI" graph "$WS" --focus mission-data/track-service --blast-radius --compare "$s1" --out "$BUILD/demo-blast-radius.svg" 2>/dev/null
echo
echo "== The DISA Kubernetes STIG as a checklist for STIG Viewer (status only where Tollgate's check is the STIG's)"
"$CLI" export-ckl "$WS" --out "$BUILD/demo.ckl"
echo
echo "== A signed review report of snapshot $s2 (test signer from tollgate-cli keygen; use the program's certificate in practice)"
KEYS=$BUILD/demo-keys
rm -rf "$KEYS"
"$CLI" keygen --out "$KEYS" --subject "CN=Demo ISSO,O=Sentinel Program"
REPORT=$BUILD/demo-review.html
"$CLI" report "$WS" --kind changes --out "$REPORT" \
  --recommendation "Approve the four changes; keep the POA&M for the PERMISSIVE mission-data namespace (MESH-MTLS)." \
  --residual-risk "Moderate: CAT I MESH-MTLS and RUN-SECRET-ENV remain open until the next release." \
  --sign-cert "$KEYS/signer.pem" --sign-key "$KEYS/signer.key"
"$CLI" report "$WS" --out "$BUILD/demo-review.json" >/dev/null
"$CLI" report "$WS" --kind changes --out "$BUILD/demo-review.pdf" \
  --recommendation "Approve the four changes; keep the POA&M for the PERMISSIVE mission-data namespace (MESH-MTLS)." \
  --residual-risk "Moderate: CAT I MESH-MTLS and RUN-SECRET-ENV remain open until the next release." \
  --sign-cert "$KEYS/signer.pem" --sign-key "$KEYS/signer.key" >/dev/null
echo
"$CLI" verify "$REPORT" --ca "$KEYS/ca.pem"
echo
"$CLI" verify "$BUILD/demo-review.pdf" --ca "$KEYS/ca.pem" | tail -1
echo
echo "The report: $REPORT and $BUILD/demo-review.pdf (signatures beside them, .p7s; JSON model $BUILD/demo-review.json); the diagram: $BUILD/demo-graph.svg"
echo "Open it in the GUI on a machine with a display: $GUI $WS"
