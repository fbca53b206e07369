#!/usr/bin/env bash
# serve.sh [TPTRIAGE] [SECONDS] [THREADS] [BODIES]: load on `tptriage serve`
# with wrk (Debian package wrk): POST /v1/judge and then POST /v1/interview,
# each request with the next of BODIES distinct generated cases (default
# 5,000, taken in turn: one body repeated would flatter judging, since the
# engine keeps the answers it holds between requests), each for SECONDS
# (default 10) over 16 connections, the server with THREADS threads
# (default: the processors). Prints wrk's report: requests per second and
# latency. Then bench/fixed-rate.py: 500 requests a second for 60 s
# (RATE=, FIXED_SECS=; FIXED_SECS=0 skips it) over the same bodies: p50,
# p99 and max latency. Timing only: not a test.
set -euo pipefail
tp=${1:-build/tptriage} secs=${2:-10} threads=${3:-$(nproc)} nbodies=${4:-5000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
. "$(dirname "$0")/serve-start.sh"
serve_start "$tp" --threads "$threads"
"$here/gencases.sh" "$tp" "$nbodies" "$tmp/gen" >/dev/null
if command -v wrk >/dev/null; then
    cat >"$tmp/post.lua" <<LUA
local bodies, i = {}, 0
for line in io.lines("$tmp/gen/cases.jsonl") do bodies[#bodies + 1] = line end
request = function()
    i = i % #bodies + 1
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
end
LUA
    for path in /v1/judge /v1/interview; do
        echo "== POST $path, $secs s, 16 connections, server threads: $threads, $nbodies bodies in turn"
        wrk -t 2 -c 16 -d "${secs}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$port$path"
    done
else
    echo "serve.sh: no wrk (apt-get install wrk): the throughput runs are skipped" >&2
fi
if [ "${FIXED_SECS:-60}" != 0 ]; then
    echo "== POST /v1/judge at ${RATE:-500} requests/s for ${FIXED_SECS:-60} s, $nbodies bodies in turn"
    python3 "$here/fixed-rate.py" "http://127.0.0.1:$port/v1/judge" "$tmp/gen/cases.jsonl" \
        "${RATE:-500}" "${FIXED_SECS:-60}"
fi
