#!/usr/bin/env bash
# The sanitizer run: builds the test suite once more with AddressSanitizer and
# UndefinedBehaviorSanitizer (-fno-sanitize-recover: the first report fails the test) into
# build-asan, and runs it headless. Leak detection is off: Qt's and fontconfig's process-lifetime
# caches would be reported on every GUI test; memory errors and undefined behaviour are what this
# run is for.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${TOLLGATE_ASAN_BUILD_DIR:-build-asan}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DTOLLGATE_SANITIZE=ON -DTOLLGATE_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" "$@" >/dev/null
cmake --build "$BUILD_DIR" -j2
cd "$BUILD_DIR"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 --timeout 1800
