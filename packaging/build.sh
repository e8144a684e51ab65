#!/usr/bin/env bash
# Configures and builds Tollgate into ./build (RelWithDebInfo, hardened, warnings as errors), 2 jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${TOLLGATE_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOLLGATE_WERROR=ON "$@" >/dev/null
cmake --build "$BUILD_DIR" -j2
