#!/bin/bash
# Answer-to-next-question time of the interactive session (target < 5 ms).
# usage: bench/session.sh [BUILD_DIR] [ROUNDS]
# Builds bench/session_bench.c against BUILD_DIR's library and prints the
# figures. A measurement, not a test: it never fails on a slow machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
rounds=${2:-100}
lib=$build/libtptriage_core.a
[ -f "$lib" ] || { echo "no $lib: build first (cmake --build $build)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -O2 -std=gnu11 -D_GNU_SOURCE -I"$here/src" "$here/bench/session_bench.c" "$lib" \
  /usr/lib/libclips.a $(pkg-config --libs jansson) -lreadline -lm -o "$out/session_bench"
"$out/session_bench" "$rounds" "$here"

# The real binary, piped: a whole 37-answer session, start to summary.
bin=$build/tptriage
answers='no\nno\nno\nno\nno\nno\nno\nno\nno\nno\nno\n4\nyes\nno\nno\nno\nno\nno\nno\nno\nno\n52\nno\nno\nno\nno\nno\nno\nno\nno\nno\nhip-crest, deep-center\ntolerates-deep\nno\ntennis-ball, foam-roller\nyes\nyes\n'
start=$(date +%s%N)
for _ in 1 2 3 4 5 6 7 8 9 10; do printf "$answers" | "$bin" --kb "$here" >/dev/null; done
end=$(date +%s%N)
echo "whole piped session (start, 37 answers, summary): $(( (end - start) / 10000000 )) ms per run"
