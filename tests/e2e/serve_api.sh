#!/usr/bin/env bash
# tptriage serve: every endpoint over real HTTP (curl): the JSON and the
# headers every response carries, the error codes (400 with the position of
# bad JSON, 404, 405, 413, 415), the body limit, SIGHUP reloading a good
# knowledge base and refusing two bad ones, and POST /v1/judge byte for byte
# the same as `tptriage batch --format json` over the case files and 2,000
# generated cases.
. "$(dirname "$0")/../e2e.sh"
command -v curl >/dev/null || fail "curl is needed"

# A copy of the knowledge base, to change under the running server.
kb=$tmp/kb
mkdir -p "$kb"
cp -r "$src/rules" "$src/facts" "$kb/"

serve_start --threads 2 --kb "$kb"
hash=$("$tp" version --kb "$kb" | sed -n 's/.*knowledge base \([0-9a-f]*\),.*/\1/p')

# req METHOD PATH [BODY [CONTENT-TYPE]]: status in $status, headers in
# $tmp/h, body in $tmp/b.
req() {
    local args=(-s -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -X "$1")
    [ "$1" = HEAD ] && args=(-s -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -I)
    [ $# -ge 3 ] && args+=(--data-binary "$3" -H "Content-Type: ${4:-application/json}")
    status=$(curl "${args[@]}" "$url$2")
}
expect() { # expect STATUS WHAT
    [ "$status" = "$1" ] || fail "$2: status $status, not $1: $(cat "$tmp/b")"
    grep -qi '^Cache-Control: no-store' "$tmp/h" || fail "$2: no Cache-Control: no-store"
    grep -qi '^X-Content-Type-Options: nosniff' "$tmp/h" || fail "$2: no nosniff"
    grep -qi "^Content-Security-Policy: default-src 'self'" "$tmp/h" || fail "$2: no CSP"
    grep -qi "^X-TP-KB: ${want_hash:-$hash}" "$tmp/h" || fail "$2: no X-TP-KB ${want_hash:-$hash}"
}
body_has() { grep -qF -- "$1" "$tmp/b" || fail "body lacks $1: $(head -c 600 "$tmp/b")"; }

# ---- the GET endpoints
req GET /healthz
expect 200 healthz
body_has '"status":"ok"'
body_has "\"kb\":\"$hash\""
req GET /v1/kb
expect 200 kb
body_has '"version":"'
body_has '"sources":[{"id":"'
body_has '"levels":[{"id":"'
req GET /v1/questions
expect 200 questions
body_has '"id":"saddle-numbness"'
body_has '"label":"Not sure"'
req GET /
expect 200 page
grep -qi '^Content-Type: text/html' "$tmp/h" || fail "the page is not HTML"
body_has '<script src="/app.js"'
grep -q '<script>' "$tmp/b" && fail "the page has an inline script"
req GET /app.js
expect 200 script
grep -qi '^Content-Type: text/javascript' "$tmp/h" || fail "app.js is not JavaScript"
req HEAD /healthz
expect 200 head

# ---- the interview: one question at a time, then the result
req POST /v1/interview '{"answers":{}}'
expect 200 interview
body_has '"done":false'
body_has '"provisional":true'
body_has '"questions":[{"id":"saddle-numbness"'
body_has '"choices":[{"id":"yes","label":"Yes"}'
body_has '"unsure":"If you are not sure'
body_has '"result":{"case":"interview"'
body_has '"alert":false'
req POST /v1/interview '{"answers":{"saddle-numbness":"yes"}}'
expect 200 "interview with a red flag"
body_has '"alert":true'
body_has '"so_far":{"id":"emergency"'
calm=$(sed -n '/^[a-z]/s/^\([a-z0-9-]*\) = \(.*\)$/"\1":"\2"/p' "$src/facts/cases/level-self-care.sym" | paste -sd,)
req POST /v1/interview "{\"answers\":{$calm}}"
expect 200 "interview at the end"
body_has '"done":true'
body_has '"provisional":false'
body_has '"questions":[]'
body_has '"disposition":"self-care"'
# "groups": true: the checklist the session shows, all its members as questions
req POST /v1/interview '{"answers":{},"groups":true}'
expect 200 "interview with groups"
body_has '"group":{"id":"emergency-signs"'
body_has '"items":[{"question":"saddle-numbness","text":"'
body_has '"questions":[{"id":"saddle-numbness"'
body_has '{"id":"bladder-bowel-change"'
req POST /v1/interview '{"answers":{},"groups":"yes"}'
expect 400 "groups that is not true or false"
body_has '"error":"unknown key'

# ---- explain: how, and why not
req POST /v1/explain '{"answers":{"numbness":"yes"},"id":"numbness"}'
expect 200 explain
body_has '"reached":true'
body_has '"answer_words":"Yes"'
body_has '"source":{"id":"'
req POST /v1/explain '{"answers":{"numbness":"no"},"id":"emergency"}'
expect 200 "explain why not"
body_has '"reached":false'
body_has '"flags":[{"kind":"red-flag","id":"saddle-numbness"'
# the words are what the session's :whynot says (the one explainer)
body_has '"words":"The advice is not \"'
req POST /v1/explain '{"answers":{},"id":"no-such-thing"}'
expect 404 "explain an unknown id"
req POST /v1/explain '{"answers":{}}'
expect 400 "explain without an id"

# ---- errors
req POST /v1/judge '{"answers":{"numbness":"yes"'
expect 400 "bad JSON"
body_has '"error":"bad JSON at line 1, column'
body_has '"hint":"'
req POST /v1/judge '{"answers":{"numbness":"perhaps"}}'
expect 400 "bad value"
body_has 'numbness'
req POST /v1/judge '[1]'
expect 400 "not an object"
req POST /v1/judge '{"answers":{}}' text/plain
expect 415 "not JSON"
req GET /v1/judge
expect 405 "GET a POST endpoint"
grep -qi '^Allow: POST' "$tmp/h" || fail "405 without Allow"
req POST /healthz '{}'
expect 405 "POST a GET endpoint"
req GET /etc/passwd
expect 404 "no such page"
req GET /../../etc/passwd
[ "$status" = 404 ] || [ "$status" = 400 ] || fail "a path out of the tree: $status"
head -c 70000 /dev/zero | tr '\0' ' ' >"$tmp/big"
status=$(curl -s -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$tmp/big" "$url/v1/judge")
expect 413 "a body over 64 KiB"
status=$(curl -s -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/big" "$url/v1/judge")
expect 413 "a chunked body over 64 KiB"
grep -q 'numbness' "$serve_log" && fail "answers were logged without --log"

# ---- /v1/judge is batch's JSON line, byte for byte
# jsonl FILE...: each symptom file as a JSON line named by its path.
jsonl() {
    for f in "$@"; do
        awk -v id="$f" '
            BEGIN { printf "{\"id\":\"%s\",\"answers\":{", id }
            /^[ \t]*(#|expect|$)/ { next }
            { split($0, kv, "="); k = kv[1]; v = substr($0, index($0, "=") + 1)
              gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
              printf "%s\"%s\":\"%s\"", n++ ? "," : "", k, v }
            END { print "}}" }' "$f"
    done
}
# judge_all JSONL OUT: every line through POST /v1/judge, one curl, in order.
judge_all() {
    awk -v u="$url/v1/judge" '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\"")
        if (NR > 1) print "next"
        print "url = \"" u "\""; print "header = \"Content-Type: application/json\""
        print "data-binary = \"" $0 "\"" }' "$1" >"$2.cfg"
    curl -s -K "$2.cfg" >"$2"
}
jsonl "$src"/facts/cases/*.sym >"$tmp/cases.jsonl"
"$tp" batch --format json --no-progress --kb "$kb" "$src"/facts/cases/*.sym >"$tmp/batch.cases"
judge_all "$tmp/cases.jsonl" "$tmp/serve.cases"
[ -s "$tmp/batch.cases" ] || fail "batch gave nothing"
cmp "$tmp/batch.cases" "$tmp/serve.cases" || {
    diff "$tmp/batch.cases" "$tmp/serve.cases" | head -c 2000 >&2
    fail "/v1/judge differs from batch over the case files"
}
"$src/bench/gencases.sh" "$tp" 3000 "$tmp/gen" 1616 >/dev/null
"$tp" batch --format json --no-progress --kb "$kb" "$tmp/gen/cases.jsonl" >"$tmp/batch.gen"
judge_all "$tmp/gen/cases.jsonl" "$tmp/serve.gen"
[ "$(wc -l <"$tmp/serve.gen")" = 3000 ] || fail "expected 3000 results"
cmp "$tmp/batch.gen" "$tmp/serve.gen" || fail "/v1/judge differs from batch over generated cases"
# three clients at once on the two threads: each gets the same answers
clients=()
for i in 1 2 3; do
    judge_all "$tmp/gen/cases.jsonl" "$tmp/serve.gen.$i" &
    clients+=($!)
done
wait "${clients[@]}"
for i in 1 2 3; do
    cmp "$tmp/batch.gen" "$tmp/serve.gen.$i" || fail "client $i of three at once got other answers"
done

# ---- SIGHUP: a knowledge base that does not load, one that check refuses,
# then a good one
wait_log() { # wait_log TEXT: until the server's log says it
    for _ in $(seq 300); do
        grep -qF -- "$1" "$serve_log" && return 0
        sleep 0.1
    done
    fail "the server never said '$1': $(cat "$serve_log")"
}
printf '(defrule MAIN::broken\n  (answer (question\n' >"$kb/rules/99-broken.clp"
kill -HUP $pid
wait_log "did not load; keeping the one running"
grep -q '99-broken.clp:' "$serve_log" || fail "the refusal does not name the file"
req GET /healthz
expect 200 "after a refused reload"
cat >"$kb/rules/99-broken.clp" <<'EOF'
(defrule TRIAGE::extra "test"
   (logical (answer (question saddle-numbnes) (value no)))
   =>
   (assert (conclusion (kind red-flag) (id fever) (rule extra) (reason "t") (source glos))))
EOF
kill -HUP $pid
wait_log "fails"
grep -q 'saddle-numbnes' "$serve_log" || fail "the refusal does not say why"
req GET /v1/kb
expect 200 "after a second refused reload"
printf '; nothing here now\n' >"$kb/rules/99-broken.clp"
new=$("$tp" version --kb "$kb" | sed -n 's/.*knowledge base \([0-9a-f]*\),.*/\1/p')
[ "$new" != "$hash" ] || fail "the change did not change the hash"
kill -HUP $pid
wait_log "reloaded the knowledge base $new"
want_hash=$new
req POST /v1/judge '{"answers":{}}'
expect 200 "after the reload"
body_has "\"kb\":\"$new\""

# ---- stops cleanly
kill -TERM $pid
wait $pid || fail "the server exited with $?"
grep -q 'stopping' "$serve_log" || fail "no stopping line"

# ---- a server starts only on a knowledge base that a reload would accept
cat >"$kb/rules/99-broken.clp" <<'EOF'
(defrule TRIAGE::extra "test"
   (logical (answer (question saddle-numbnes) (value no)))
   =>
   (assert (conclusion (kind red-flag) (id fever) (rule extra) (reason "t") (source glos))))
EOF
set +e
"$tp" serve --kb "$kb" --listen 127.0.0.1:0 >"$tmp/start.out" 2>"$tmp/start.err"
rc=$?
set -e
[ "$rc" -eq 3 ] || fail "serve started on a knowledge base check refuses (exit $rc)"
grep -q "so the server does not start" "$tmp/start.err" || fail "no reason: $(cat "$tmp/start.err")"
grep -q 'saddle-numbnes' "$tmp/start.err" || fail "the refusal does not say why: $(cat "$tmp/start.err")"
