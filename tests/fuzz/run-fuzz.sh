#!/usr/bin/env bash
# Builds the manifest-parser fuzzer from CMake with clang (libFuzzer + ASan + UBSan: TOLLGATE_FUZZ=ON)
# and runs it for a while on a seed corpus of real manifests. usage: tests/fuzz/run-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-60}
OUT=${TOLLGATE_FUZZ_DIR:-build-fuzz}
cmake -S . -B "$OUT" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOLLGATE_FUZZ=ON \
  -DTOLLGATE_BUILD_TESTS=OFF -DTOLLGATE_BUILD_BENCH=OFF >/dev/null
cmake --build "$OUT" -j2 --target fuzz_manifest
mkdir -p "$OUT/corpus"
# Seeds: the demo and a few peer inputs.
cp resources/demo/snapshot-1/*.yaml "$OUT/corpus/" 2>/dev/null || true
for f in $(find ../shared/peer/netpol-analyzer/connlist -name '*.yaml' | head -40); do
  cp "$f" "$OUT/corpus/$(echo "$f" | md5sum | cut -c1-12).yaml"
done
"$OUT/tests/fuzz/fuzz_manifest" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 \
  -timeout=20 "$OUT/corpus"
