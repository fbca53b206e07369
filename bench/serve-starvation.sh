#!/usr/bin/env bash
# serve-starvation.sh [TPTRIAGE] [LOADGEN] [SECONDS]: `tptriage serve`
# under hostile load (issue 25): 1,000 slow clients (a request's headers one
# byte a second, never finished; 500 from one address, 500 each from an
# address of its own) and 5,000 idle connections from one address, all
# reopened as soon as the server closes them, for SECONDS (default 30). A
# normal request (GET /healthz, POST /v1/judge) every half second through
# it all; prints the slowest and the median, and what the hostile clients
# got. LOADGEN is tests/tools/loadgen.c built (build/tests/loadgen). Only
# 127.0.0.x is used. Timing only: tests/e2e/serve_starvation.sh is the test.
set -euo pipefail
tp=${1:-build/tptriage} loadgen=${2:-build/tests/loadgen} secs=${3:-30}
[ -x "$loadgen" ] || { echo "serve-starvation.sh: build $loadgen first (cmake --build build)" >&2; exit 1; }
tmp=$(mktemp -d)
. "$(dirname "$0")/serve-start.sh"
serve_start "$tp"
"$loadgen" "$port" "$secs" slow 500 127.0.0.2 > "$tmp/slow-one" &
"$loadgen" "$port" "$secs" slow 500 127.0.2.1 500 > "$tmp/slow-many" &
"$loadgen" "$port" "$secs" idle 5000 127.0.0.3 > "$tmp/idle" &
sleep 3
end=$((SECONDS + secs - 5))
: > "$tmp/times"
while [ $SECONDS -lt $end ]; do
  curl -s -m 10 -o /dev/null -w '%{http_code} %{time_total} healthz\n' "http://127.0.0.1:$port/healthz" >> "$tmp/times" || echo "000 10 healthz" >> "$tmp/times"
  curl -s -m 10 -o /dev/null -w '%{http_code} %{time_total} judge\n' -H 'Content-Type: application/json' \
    -d '{"answers":{"numbness":"no","age":40}}' "http://127.0.0.1:$port/v1/judge" >> "$tmp/times" || echo "000 10 judge" >> "$tmp/times"
  sleep 0.5
done
wait $(jobs -p | grep -vx "$pid")
echo "== $secs s: 1,000 slow clients (500 from 127.0.0.2, 500 from 500 addresses), 5,000 idle from 127.0.0.3"
echo "normal requests: $(wc -l < "$tmp/times"), answered 200: $(grep -c '^200 ' "$tmp/times")"
sort -k2 -n "$tmp/times" | awk '{ t[NR] = $2 } END { printf "time: median %.4f s, slowest %.4f s\n", t[int((NR + 1) / 2)], t[NR] }'
echo "slow, one address:   $(cat "$tmp/slow-one")"
echo "slow, 500 addresses: $(cat "$tmp/slow-many")"
echo "idle, one address:   $(cat "$tmp/idle")"
