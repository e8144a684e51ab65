#!/usr/bin/env bash
# The format check: every tracked C++ file is as clang-format (the committed .clang-format) writes
# it. Lists the files that are not and exits 1. `packaging/check-format.sh --fix` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! "$CLANG_FORMAT" --dry-run -Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -ne 0 ]; then
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ from clang-format:"
  printf '  %s\n' "${bad[@]}"
  echo "check-format: run packaging/check-format.sh --fix"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
