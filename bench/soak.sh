#!/usr/bin/env bash
# bench/soak.sh: pushes many cases (1,000,000 by default) through
# `tptriage batch -` as one JSON Lines stream and samples memory over time:
# the resident size of the main process and of its workers, with the cases
# done so far. Memory must stay flat: the script fails when the last sample
# is more than 20% (and 2 MB) above the sample taken after a tenth of the run.
#
#   bench/soak.sh [CASES]        TPTRIAGE=path JOBS=2 EVERY=2 (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
tp=${TPTRIAGE:-./build/tptriage}
cases=${1:-1000000}
jobs=${JOBS:-2}
every=${EVERY:-2}
tmp=$(mktemp -d)
trap 'kill "$pid" 2> /dev/null || true; rm -rf "$tmp"' EXIT

# A mix of cases: red flags, contraindications, techniques, unanswered ones.
gen() {
  awk -v n="$cases" 'BEGIN {
    split("no yes unsure", yn, " ")
    split("hip-crest tailbone side-of-hip deep-center near-sacrum broad-buttock", loc, " ")
    split("lacrosse-ball tennis-ball foam-roller none", eq, " ")
    for (i = 0; i < n; i++) {
      printf "{\"id\":\"soak-%d\",\"answers\":{\"numbness\":\"%s\",\"tingling\":\"%s\",", i, yn[i % 7 == 0 ? 2 : 1], yn[i % 11 == 0 ? 3 : 1]
      printf "\"age\":%d,\"pain-location\":[\"%s\"],\"equipment\":[\"%s\"]}}\n", 15 + i % 70, loc[1 + i % 6], eq[1 + i % 4]
    }
  }'
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2> /dev/null || echo 0; }
workers_of() { grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status 2> /dev/null | cut -d/ -f3 || true; }

mkfifo "$tmp/out"
awk -v f="$tmp/count" 'NR % 5000 == 0 { print NR > f; close(f) } END { print NR > f; close(f) }' \
  < "$tmp/out" &
counter=$!
start=$(date +%s.%N)
gen | "$tp" batch -j"$jobs" --format tsv --no-progress - > "$tmp/out" 2> "$tmp/err" &
pid=$!

printf '%8s %10s %12s %14s\n' seconds cases main_rss_kB workers_rss_kB
samples=()
while kill -0 "$pid" 2> /dev/null; do
  sleep "$every"
  kill -0 "$pid" 2> /dev/null || break
  done_n=$(cat "$tmp/count" 2> /dev/null || echo 0)
  main=$(rss_kb "$pid")
  w=0
  for c in $(workers_of "$pid"); do w=$((w + $(rss_kb "$c"))); done
  t=$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.0f", n - s }')
  printf '%8s %10s %12s %14s\n' "$t" "$done_n" "$main" "$w"
  samples+=("$done_n $((main + w))")
done
set +e; wait "$pid"; rc=$?; set -e
wait "$counter" || true
total=$(($(cat "$tmp/count") - 1)) # less the TSV header
secs=$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')
echo "batch exit $rc: $total of $cases cases in $secs s"
[ "$rc" -eq 0 ] || { head -5 "$tmp/err"; exit 1; }
[ "$total" -eq "$cases" ] || { echo "FAIL: cases lost"; exit 1; }

# flat: compare the first sample past a tenth of the cases with the last
base=""
for s in "${samples[@]}"; do
  set -- $s
  if [ -z "$base" ] && [ "$1" -ge $((cases / 10)) ]; then base=$2; fi
  last=$2
done
if [ -z "$base" ]; then
  echo "too few samples to judge memory (run more cases or lower EVERY)"
  exit 0
fi
echo "memory (main + workers): $base kB after a tenth, $last kB at the end"
if [ "$last" -gt $((base * 12 / 10)) ] && [ "$last" -gt $((base + 2048)) ]; then
  echo "FAIL: memory grew"
  exit 1
fi
echo "memory flat"
