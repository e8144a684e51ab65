#!/usr/bin/env bash
# The README's test command (and CI's): installs what is missing, checks the format, builds with
# warnings as errors, runs clang-tidy, builds and runs the suite once more under AddressSanitizer and
# UndefinedBehaviorSanitizer, then runs every test headless. CTest's closing line gives the count.
# TOLLGATE_QUICK=1 skips clang-tidy and the sanitizer run (a developer's quick loop; CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "== run-tests: $* ($(date -u +%H:%M:%S))"; }
step "dependencies"
bash packaging/install-deps.sh
step "format check"
bash packaging/check-format.sh
step "build"
bash packaging/build.sh
if [ "${TOLLGATE_QUICK:-0}" != "1" ]; then
  step "clang-tidy"
  bash packaging/run-clang-tidy.sh "${TOLLGATE_BUILD_DIR:-build}"
  step "sanitizer build and tests (ASan + UBSan)"
  bash packaging/run-sanitized-tests.sh
fi
step "tests"
cd "${TOLLGATE_BUILD_DIR:-build}"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout 900
