#!/usr/bin/env bash
# The result cache in serve (on by default, one per server thread): the same
# POST /v1/judge body three times gets the same response each time, the
# response of a server started with --no-cache, and the line `tptriage
# batch --format json` gives, over 50 generated cases; a CDS Hooks card for
# the same QuestionnaireResponse is the same but for its uuid; and a SIGHUP
# reload empties the cache: the same body then gets the new knowledge
# base's hash and words.
. "$(dirname "$0")/../e2e.sh"
command -v curl >/dev/null || fail "curl is needed"
command -v jq >/dev/null || fail "jq is needed"
unset TPTRIAGE_RESULT_CACHE
kb=$tmp/kb
mkdir -p "$kb"
cp -r "$src/rules" "$src/facts" "$kb/"
export TPTRIAGE_KB=$kb

serve_start --threads 2 --no-cache
plain=$url
serve_start --threads 2 --cache-size 64
cached=$url
pid=$serve_pid

"$src/bench/gencases.sh" "$tp" 50 "$tmp/g" 3131 >/dev/null
[ "$(wc -l <"$tmp/g/cases.jsonl")" = 50 ] || fail "the generator made a short file"
"$tp" batch --format json --no-progress -j1 - <"$tmp/g/cases.jsonl" >"$tmp/batch.json"

judge() { # judge URL BODY: the response body (fails on a status but 200)
    local code
    code=$(curl -s -o "$tmp/r" -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$2" "$1/v1/judge")
    [ "$code" = 200 ] || fail "POST $1/v1/judge: $code $(cat "$tmp/r")"
    cat "$tmp/r"
}
n=0
while read -r body; do
    n=$((n + 1))
    want=$(sed -n "${n}p" "$tmp/batch.json")
    for i in 1 2 3; do
        got=$(judge "$cached" "$body")
        [ "$got" = "$want" ] || fail "case $n, time $i: the cached server differs from batch:
$got
$want"
    done
    got=$(judge "$plain" "$body")
    [ "$got" = "$want" ] || fail "case $n: the server with --no-cache differs from batch"
done <"$tmp/g/cases.jsonl"
[ $n = 50 ] || fail "only $n cases sent"
echo "50 cases, each three times: the same responses as --no-cache and batch"

# CDS Hooks: the same card each time, but for its uuid
qr=$(head -n 1 "$tmp/g/cases.jsonl" | jq -c -f "$src/tests/fhir/to-response.jq")
hook=$(jq -cn --argjson qr "$qr" '{hook: "patient-view", hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    context: {userId: "Practitioner/1", patientId: "1"}, prefetch: {questionnaireResponse: $qr}}')
card() { # card URL: the card, its uuid taken out
    curl -s -H 'Content-Type: application/json' --data-binary "$hook" "$1/cds-services/tptriage" |
        jq -cS '.cards[0] | del(.uuid)'
}
want=$(card "$plain")
[ -n "$want" ] && [ "$want" != null ] || fail "no card from the server with --no-cache"
for i in 1 2 3; do
    [ "$(card "$cached")" = "$want" ] || fail "CDS Hooks card, time $i: differs with the cache"
done

# A reload empties the cache: the first case's level gets a new title.
body=$(head -n 1 "$tmp/g/cases.jsonl")
before=$(judge "$cached" "$body")
level=$(jq -r .disposition <<<"$before")
title=$(jq -r .level.title <<<"$before")
[ -n "$title" ] && [ "$title" != null ] || fail "no level title in $before"
grep -qF "(level (id $level) " "$kb/facts/levels.clp" || fail "level $level not in levels.clp"
sed -i "s|(level (id $level) \(.*\)(title \"$title\")|(level (id $level) \1(title \"$title, reloaded\")|" \
    "$kb/facts/levels.clp"
grep -qF "$title, reloaded" "$kb/facts/levels.clp" || fail "the title was not changed"
new=$("$tp" version --kb "$kb" | sed -n 's/.*knowledge base \([0-9a-f]*\),.*/\1/p')
old=$(jq -r .kb <<<"$before")
[ "$new" != "$old" ] || fail "the change did not change the hash"
kill -HUP "$pid"
for _ in $(seq 300); do
    grep -qF "reloaded the knowledge base $new" "$serve_log" && break
    sleep 0.1
done
grep -qF "reloaded the knowledge base $new" "$serve_log" || fail "no reload: $(cat "$serve_log")"
for i in 1 2 3; do
    after=$(judge "$cached" "$body")
    [ "$(jq -r .kb <<<"$after")" = "$new" ] || fail "time $i after the reload: kb $(jq -r .kb <<<"$after")"
    [ "$(jq -r .level.title <<<"$after")" = "$title, reloaded" ] ||
        fail "time $i after the reload: the old title: $(jq -r .level.title <<<"$after")"
done
want=$("$tp" batch --format json --no-progress -j1 - <<<"$body")
[ "$after" = "$want" ] || fail "after the reload: not what batch gives"
echo "after the reload: $new, \"$title, reloaded\""
