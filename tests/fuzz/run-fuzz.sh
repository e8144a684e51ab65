#!/usr/bin/env bash
# Builds the manifest-parser fuzzer with clang (libFuzzer + ASan + UBSan) over the core's sources and
# runs it for a while on a seed corpus of real manifests. usage: tests/fuzz/run-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-60}
OUT=${TOLLGATE_FUZZ_DIR:-build-fuzz}
mkdir -p "$OUT/corpus"
# Seeds: the demo and a few peer inputs.
cp resources/demo/snapshot-1/*.yaml "$OUT/corpus/" 2>/dev/null || true
for f in $(find ../shared/peer/netpol-analyzer/connlist -name '*.yaml' | head -40); do cp "$f" "$OUT/corpus/$(echo "$f" | md5sum | cut -c1-12).yaml"; done
SOURCES=$(ls models/*.cpp | grep -v -E 'RowTableModel|SnapshotListModel')
clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fPIC \
  -DTOLLGATE_VERSION='"fuzz"' -DQT_NO_KEYWORDS -Imodels \
  $(pkg-config --cflags Qt6Core yaml-cpp) \
  tests/fuzz/fuzz_manifest.cpp $SOURCES \
  $(pkg-config --libs Qt6Core yaml-cpp) -lsqlite3 -lcrypto -larchive -lpthread \
  -o "$OUT/fuzz_manifest"
"$OUT/fuzz_manifest" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 -timeout=20 "$OUT/corpus"
