#!/usr/bin/env bash
# Developer aid, not a product dependency: renders an HTML report in a real browser (headless
# Chromium, installed from Debian when missing) to a PNG, so a reviewer can look at what an ISSO's
# browser shows. usage: bash packaging/look-at-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REPORT.html OUT.png [1280x2400]" >&2; exit 2; }
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y --no-install-recommends chromium
fi
size=${3:-1280x2400}
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$(realpath -m "$2")" "$(realpath "$1")" 2>/dev/null
echo "$2"
