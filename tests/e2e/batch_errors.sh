#!/usr/bin/env bash
# One systematic error in 3,000 lines: stderr shows 5 messages of that kind
# and one line counting the rest, the same for -j1 and -j2; --errors FILE
# keeps every bad line with its error (and the line itself, to repair and
# judge again); the JSON output still has one line per input. --summary
# lists levels by urgency; --summary-json has the counts by level, red flag,
# technique and error, equal for -j1 and -j2 and agreeing with the output.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR
command -v jq >/dev/null || fail "jq is not installed (apt-get install jq)"

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 3000 "$tmp" 8
rm -rf "$tmp/sym"
# Every 4th case has "maybe" for numbness (one kind of error, 750 times);
# three other errors once each.
awk 'NR % 4 == 0 { sub(/, "numbness": "[a-z]*"/, ", \"numbness\": \"maybe\"") } { print }
     NR == 10 { print "{\"id\":\"x1\",\"answers\":{\"nope\":\"no\"}}" }
     NR == 20 { print "not json" }
     NR == 30 { print "{\"id\":\"x3\",\"answers\":{\"age\":500}}" }' "$tmp/cases.jsonl" >"$tmp/bad.jsonl"
bad=$(grep -c '"numbness": "maybe"' "$tmp/bad.jsonl")
[ "$bad" -ge 700 ] || fail "only $bad lines with maybe"
cd "$tmp"
for j in 1 2; do
    set +e
    "$TPTRIAGE" batch --format json --no-progress -j$j --errors errors.$j.jsonl \
        --summary-json summary.$j.json bad.jsonl >out.$j 2>err.$j
    echo $? >rc.$j
    set -e
done
cat err.1
[ "$(cat rc.1)" = 2 ] || fail "exit $(cat rc.1), want 2"
cmp out.1 out.2 || fail "output: -j1 and -j2 differ"
cmp err.1 err.2 || fail "messages: -j1 and -j2 differ"
cmp rc.1 rc.2 || fail "exit codes differ"
cmp errors.1.jsonl errors.2.jsonl || fail "--errors files: -j1 and -j2 differ"
cmp summary.1.json summary.2.json || fail "--summary-json: -j1 and -j2 differ"
[ "$(wc -l <out.1)" = 3003 ] || fail "want one output line per input line, got $(wc -l <out.1)"
[ "$(grep -c "'maybe' is not allowed for numbness" err.1)" = 6 ] ||
    fail "want 5 messages and one count for the repeated error: $(grep -c maybe err.1)"
grep -qxF "tptriage: $((bad - 5)) more errors like this were not shown: 'maybe' is not allowed for numbness: give yes, no or unsure" err.1 ||
    fail "no count of the messages not shown"
grep -qF "(--errors FILE writes" err.1 && fail "the --errors hint although --errors was given"
for e in "bad.jsonl:11: unknown question 'nope'" "bad.jsonl:22: not valid JSON" \
    "bad.jsonl:33: '500' is not allowed for age"; do
    grep -qF "tptriage: $e" err.1 || fail "no message '$e'"
done
# --errors: every bad line, with its error and the line itself
[ "$(wc -l <errors.1.jsonl)" = $((bad + 3)) ] || fail "--errors has $(wc -l <errors.1.jsonl) lines"
jq -e 'has("case") and has("error") and has("input")' errors.1.jsonl >/dev/null ||
    fail "an --errors line without case, error or input"
jq -r .input errors.1.jsonl | grep -vF -f - bad.jsonl >good.jsonl
[ "$(wc -l <good.jsonl)" = $((3003 - bad - 3)) ] || fail "the inputs in --errors are not the bad lines"
# repaired and judged again: no error left
jq -r .input errors.1.jsonl | grep maybe | sed 's/"maybe"/"unsure"/' >repaired.jsonl
"$TPTRIAGE" batch --format json -j1 repaired.jsonl >/dev/null || fail "the repaired lines fail"
# Without --errors, the count line names it.
"$TPTRIAGE" batch --format json --no-progress -j1 bad.jsonl >/dev/null 2>err.3 || true
grep -qF "(--errors FILE writes every bad input with its error)" err.3 || fail "no --errors hint"

# --summary-json: the counts agree with the output.
s=summary.1.json
jq -e '.cases == 3003 and .bad_input == '$((bad + 3))' and .failed_expectations == 0' $s >/dev/null ||
    fail "totals: $(jq -c '{cases, bad_input}' $s)"
jq -e '.errors["'"'maybe' is not allowed for numbness: give yes, no or unsure"'"] == '"$bad" $s >/dev/null ||
    fail "errors: $(jq -c .errors $s)"
for level in emergency urgent see-clinician gentle-self-care self-care; do
    want=$(grep -c "\"disposition\":\"$level\"" out.1 || true)
    got=$(jq ".levels[\"$level\"]" $s)
    [ "$got" = "$want" ] || fail "summary: $got cases at $level, the output $want"
done
want=$(jq -r 'select(.techniques) | .techniques[].id' out.1 | sort | uniq -c | awk '{print $2, $1}')
got=$(jq -r '.techniques | to_entries[] | "\(.key) \(.value)"' $s | sort)
[ "$got" = "$(sort <<<"$want")" ] || fail "techniques: $got, output: $want"
want=$(jq -r 'select(.red_flags) | .red_flags[].id' out.1 | sort | uniq -c | awk '{print $2, $1}')
got=$(jq -r '.red_flags | to_entries[] | "\(.key) \(.value)"' $s | sort)
[ "$got" = "$(sort <<<"$want")" ] || fail "red flags: $got, output: $want"

# --summary: levels in order of urgency (the knowledge base's ranks)
"$TPTRIAGE" batch --format json --no-progress --summary -j2 - <cases.jsonl >/dev/null 2>sum.txt
cat sum.txt
levels=$(awk '$1 == "level" { printf "%s ", $2 }' sum.txt)
order="emergency urgent see-clinician gentle-self-care self-care "
[ "$levels" = "$(for l in $order; do [[ $levels == *"$l "* ]] && printf '%s ' "$l"; done)" ] ||
    fail "summary levels not by urgency: $levels"
[ "$(wc -w <<<"$levels")" -ge 4 ] || fail "too few levels to see an order: $levels"
grep -q '^  technique ' sum.txt || fail "no technique in --summary"
# A file that cannot be written is an output error (exit 74), after the run.
set +e
"$TPTRIAGE" batch --format json -j1 --summary-json /nonexistent/dir/s.json cases.jsonl >/dev/null 2>err
rc=$?
set -e
[ $rc = 74 ] && grep -q "^tptriage: --summary-json: " err || fail "unwritable --summary-json: exit $rc"
echo "ok: repeated errors counted, --errors keeps every bad line, summaries agree with the output"
