#!/usr/bin/env bash
# clang-tidy with the committed .clang-tidy (warnings are errors) over the core, the picture, the
# reports and the CLI, from a configured build's compile_commands.json (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${TOLLGATE_BUILD_DIR:-build}}
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  echo "run-clang-tidy: no $BUILD_DIR/compile_commands.json; build first (packaging/build.sh)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files 'models/*.cpp' 'diagram/*.cpp' 'reports/*.cpp' 'app/*.cpp')
echo "run-clang-tidy: ${#files[@]} files"
run-clang-tidy -quiet -p "$BUILD_DIR" -j 2 "${files[@]/#/$PWD/}" > "$BUILD_DIR/clang-tidy.log" 2>&1 || {
  sed 's/\x1b\[[0-9;]*m//g' "$BUILD_DIR/clang-tidy.log" | grep -E 'error:|warning:' | sort -u | head -100
  echo "run-clang-tidy: failed; the whole output is in $BUILD_DIR/clang-tidy.log"
  exit 1
}
echo "run-clang-tidy: clean"
