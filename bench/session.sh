#!/bin/bash
# Answer-to-next-question time of the interactive session (target < 5 ms).
# usage: bench/session.sh [BUILD_DIR] [ROUNDS]
# Builds bench/session_bench.c against BUILD_DIR's library and prints the
# figures. A measurement, not a test: it never fails on a slow machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
rounds=${2:-100}
# the layers' libraries, top first (CMakeLists.txt: util, core, author, front)
libs=()
for l in tptriage_core tp_front tp_author tp_core tp_util; do
    libs+=("$build/lib$l.a")
    [ -f "$build/lib$l.a" ] || { echo "no $build/lib$l.a: build first (cmake --build $build)" >&2; exit 2; }
done
clips=$(find /usr/lib -name libclips.a | head -1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -O2 -std=gnu11 -D_GNU_SOURCE -I"$here/src" -I"$here/src/util" -I"$here/src/core" \
  -I"$here/src/front" "$here/bench/session_bench.c" "${libs[@]}" "$clips" \
  $(pkg-config --libs jansson) -lreadline -ldl -lpthread -lm -o "$out/session_bench"
"$out/session_bench" "$rounds" "$here"

# The real binary, piped: a whole 37-answer session, start to summary.
bin=$build/tptriage
answers='no\nno\nno\nno\nno\nno\nno\nno\nno\nno\nno\n4\nyes\nno\nno\nno\nno\nno\nno\nno\nno\n52\nno\nno\nno\nno\nno\nno\nno\nno\nno\nhip-crest, deep-center\ntolerates-deep\nno\ntennis-ball, foam-roller\nyes\nyes\n'
start=$(date +%s%N)
for _ in 1 2 3 4 5 6 7 8 9 10; do printf "$answers" | "$bin" --kb "$here" >/dev/null; done
end=$(date +%s%N)
echo "whole piped session (start, 37 answers, summary): $(( (end - start) / 10000000 )) ms per run"
