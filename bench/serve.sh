#!/usr/bin/env bash
# serve.sh [TPTRIAGE] [SECONDS] [THREADS]: load on `tptriage serve` with wrk
# (Debian package wrk): POST /v1/judge with one generated case, then POST
# /v1/interview with no answers (the first step of every interview), each
# for SECONDS (default 10) over 16 connections, the server with THREADS
# threads (default: the processors). Prints wrk's report: requests per
# second and latency. Timing only: not a test.
set -euo pipefail
tp=${1:-build/tptriage} secs=${2:-10} threads=${3:-$(nproc)}
command -v wrk >/dev/null || { echo "serve.sh: wrk is needed (apt-get install wrk)" >&2; exit 1; }
tmp=$(mktemp -d)
. "$(dirname "$0")/serve-start.sh"
serve_start "$tp" --threads "$threads"
"$(dirname "$0")/gencases.sh" "$tp" 1 "$tmp/gen" >/dev/null
body=$(cat "$tmp/gen/cases.jsonl")
for step in "/v1/judge|$body" '/v1/interview|{"answers":{}}'; do
    path=${step%%|*} json=${step#*|}
    json=${json//\\/\\\\}
    json=${json//\"/\\\"}
    printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/json"\n' \
        "$json" >"$tmp/post.lua"
    echo "== POST $path, $secs s, 16 connections, server threads: $threads"
    wrk -t 2 -c 16 -d "${secs}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$port$path"
done
