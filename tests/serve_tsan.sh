#!/usr/bin/env bash
# serve_tsan.sh TPTRIAGE: tptriage serve built with -fsanitize=thread (CMake
# -DTP_TSAN=ON) under concurrent POST /v1/judge, /v1/interview and
# /v1/explain from several clients at once (and the FHIR and CDS Hooks
# endpoints from one more), with a SIGHUP reload in the
# middle: ThreadSanitizer must report nothing, and every request must be
# answered 200. Run by .ci/run (a build of its own, not part of ctest).
TPTRIAGE=${1:?usage: serve_tsan.sh TPTRIAGE} TP_SOURCE_DIR=$(cd "$(dirname "$0")/.." && pwd)
export TPTRIAGE TP_SOURCE_DIR
. "$(dirname "$0")/e2e.sh"
kb=$tmp/kb
mkdir -p "$kb"
cp -r "$src/rules" "$src/facts" "$kb/"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 log_path=$tmp/tsan"
serve_start --threads 4 --kb "$kb" --review "$tmp/review"

# one client: 60 requests of each kind, bodies that differ (and come again
# from the other clients: the result caches hit), then 30 /v1/judge of
# five bodies every client sends, whose responses must not differ
client() {
    local n=$1 bad=0
    for i in $(seq 60); do
        for ep in judge interview explain; do
            body="{\"answers\":{\"age\":$((20 + (i + n) % 60)),\"numbness\":\"$([ $((i % 3)) = 0 ] && echo yes || echo no)\"}"
            [ $ep = explain ] && body="$body,\"id\":\"emergency\""
            [ $ep = interview ] && body="$body,\"groups\":$([ $((i % 2)) = 0 ] && echo true || echo false)"
            code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
                --data-binary "$body}" "$url/v1/$ep")
            [ "$code" = 200 ] || bad=$((bad + 1))
        done
    done
    for i in $(seq 30); do
        curl -s -H 'Content-Type: application/json' --data-binary \
            "{\"id\":\"same\",\"answers\":{\"age\":$((30 + i % 5)),\"numbness\":\"no\"}}" \
            "$url/v1/judge" | sed 's/"kb":"[0-9a-f]*"//' >>"$tmp/same.$((i % 5)).$n"
    done
    echo "$bad" >"$tmp/client.$n"
}
# a FHIR client at the same time: $next-question, a CDS Hooks card and its
# feedback (the cards kept for feedback are the one shared, locked state)
fhir_client() {
    local bad=0 code uuid
    for i in $(seq 30); do
        qr="{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"in-progress\",\"item\":[{\"linkId\":\"numbness\",\"answer\":[{\"valueCoding\":{\"code\":\"$([ $((i % 2)) = 0 ] && echo yes || echo no)\"}}]}]}"
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/fhir+json' \
            --data-binary "$qr" "$url/fhir/Questionnaire/\$next-question")
        [ "$code" = 200 ] || bad=$((bad + 1))
        uuid=$(curl -s -H 'Content-Type: application/json' --data-binary \
            "{\"hook\":\"patient-view\",\"hookInstance\":\"h$i\",\"context\":{},\"prefetch\":{\"questionnaireResponse\":$qr}}" \
            "$url/cds-services/tptriage" | sed -n 's/.*"uuid":"\([0-9a-f-]*\)".*/\1/p')
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary \
            "{\"feedback\":[{\"card\":\"$uuid\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"urgent\"}}}]}" \
            "$url/cds-services/tptriage/feedback")
        [ "$code" = 200 ] || bad=$((bad + 1))
    done
    echo "$bad" >"$tmp/client.fhir"
}
for n in 1 2 3 4 5 6; do client $n & done
fhir_client &
sleep 2
kill -HUP $pid # a reload while requests are in flight
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
for n in 1 2 3 4 5 6; do
    [ "$(cat "$tmp/client.$n")" = 0 ] || fail "client $n got errors"
done
[ "$(cat "$tmp/client.fhir")" = 0 ] || fail "the FHIR client got errors"
[ "$(ls "$tmp/review" | wc -l)" = 30 ] || fail "expected 30 review cases from the overrides"
# the repeated bodies: one response each (the kb hash aside: a reload came
# in between), from every client
for k in 0 1 2 3 4; do
    [ "$(cat "$tmp"/same.$k.* | wc -l)" = 36 ] || fail "body $k: $(cat "$tmp"/same.$k.* | wc -l) responses, not 36"
    [ "$(sort -u "$tmp"/same.$k.* | wc -l)" = 1 ] || fail "body $k: the responses differ"
done
kill -TERM $pid
wait $pid || true
if ls "$tmp"/tsan* >/dev/null 2>&1; then
    cat "$tmp"/tsan* >&2
    fail "ThreadSanitizer reported a race in serve"
fi
grep -q "reloaded the knowledge base" "$serve_log" ||
    fail "the reload did not happen: $(cat "$serve_log")"
echo "serve under ThreadSanitizer: 1,260 concurrent requests (180 of five bodies again and again), 90 FHIR and CDS Hooks requests and a reload, no report"
