#!/usr/bin/env bash
# Installs the Debian 12 packages Tollgate needs to build, test and run, and only those missing.
# Idempotent: a second run installs nothing. Run as root (or with sudo available).
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config git python3
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-charts-dev libqt6opengl6-dev
  qt6-qpa-plugins libgl-dev
  libyaml-cpp-dev libsqlite3-dev sqlite3 libssl-dev openssl
  libgraphviz-dev graphviz
  zlib1g-dev libarchive-dev rapidjson-dev
  xvfb xauth poppler-utils fonts-dejavu-core
  libbenchmark-dev
  clang-format clang-tidy
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
