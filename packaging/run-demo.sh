#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, imports the bundled demo system into
# a workspace and opens the GUI on it. With no display it runs the same review headless with the CLI.
set -euo pipefail
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
echo "Open it in the GUI on a machine with a display: $GUI $WS"
