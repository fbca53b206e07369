#!/usr/bin/env bash
# Times `tptriage check --mutants` on the shipped knowledge base (target: the
# whole mutation report within 60 s on a 2-core machine, with -j2) and prints
# the report's counts. Not a test: nothing here fails on time.
# usage: bench/mutants.sh [path/to/tptriage] [workers] [verifier combinations per mutant]
set -euo pipefail
tp=${1:-./build/tptriage}
jobs=${2:-2}
budget=${3:-3000}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s.%N)
set +e
"$tp" check --mutants -j "$jobs" --mutant-combinations "$budget" > "$out" 2>&1
rc=$?
set -e
end=$(date +%s.%N)
grep -E '^(mutants|survivor)' "$out"
echo "exit $rc; wall clock: $(echo "$end - $start" | bc 2>/dev/null || echo "?") s (-j $jobs, $budget combinations per mutant)"
