#!/usr/bin/env bash
# Beyond one machine, tested here with GNU parallel (Debian: parallel): the
# README's recipe splits a large JSON Lines file into parts (--pipepart
# --block), runs one `tptriage batch --format json -j1 -` per part on the job
# slots, and gets, once sorted by case, exactly the lines of a single run
# (but for the place an error names);
# the parts' --summary-json files, merged with the jq program of
# docs/output.md, equal the single run's summary. Bad lines are among them.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR
command -v parallel >/dev/null || fail "GNU parallel is not installed (apt-get install parallel)"
parallel --version 2>/dev/null | grep -q '^GNU parallel' || fail "'parallel' is not GNU parallel"
command -v jq >/dev/null || fail "jq is not installed (apt-get install jq)"
# The merge program, as docs/output.md shows it.
merge=$(sed -n "s/^jq -s '\(.*\)' parts\/\*\.json.*/\1/p" "$TP_SOURCE_DIR/docs/output.md")
[[ -n $merge ]] || fail "no 'jq -s ... parts/*.json' line in docs/output.md"

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 4000 "$tmp" 2718
rm -rf "$tmp/sym"
cd "$tmp"
# A few bad lines, with ids (a line without one is named by its line number,
# which differs between a part and the whole file).
awk 'NR % 501 == 0 { print "{\"id\":\"bad" NR "\",\"answers\":{\"numbness\":\"maybe\"}}" }
     NR % 777 == 0 { print "{\"id\":\"bad" NR "x\",\"answers\":{\"nope\":1}}" } { print }' \
    cases.jsonl >big.jsonl
size=$(wc -c <big.jsonl)

# The single run.
set +e
"$TPTRIAGE" batch --format json -j1 --no-progress --summary-json single.json big.jsonl >single.jsonl 2>/dev/null
rc=$?
set -e
[ $rc = 2 ] || fail "single run: exit $rc, want 2 (bad lines)"

# The recipe: parts of about a tenth of the file, two job slots, a summary per part.
mkdir parts
block=$((size / 10 + 1))
set +e
parallel --will-cite --pipepart -a big.jsonl --block "$block" -j2 \
    "$TPTRIAGE" batch --format json -j1 --no-progress --summary-json 'parts/{#}.json' - \
    >parallel.jsonl 2>parallel.err
rc=$?
set -e
nparts=$(ls parts | wc -l)
echo "parallel: $nparts parts of about $block bytes, exit $rc ($(wc -l <parallel.jsonl) lines)"
[ "$nparts" -ge 5 ] || fail "only $nparts parts; --block did not split the file"
# parallel's exit code is the number of jobs that failed; here a part fails
# (exit 2) exactly when it holds a bad line
[ $rc -ge 1 ] && [ $rc -le "$nparts" ] || fail "parallel exit $rc"
# An error names its place: big.jsonl:LINE in the single run, stdin:LINE of
# its part in the recipe. Every other byte is the same.
place='s/"error":"[^":]*:[0-9]*: /"error":"/'
sed "$place" single.jsonl | sort >a
sed "$place" parallel.jsonl | sort >b
cmp a b || fail "the parts' output, sorted, differs from the single run's"
[ "$(grep -c '"error"' a)" = 12 ] || fail "want 12 error lines, got $(grep -c '"error"' a)"
[ "$(grep -v '"error"' single.jsonl | sort)" = "$(grep -v '"error"' parallel.jsonl | sort)" ] ||
    fail "the judged cases differ"
[ "$(wc -l <a)" = $(($(wc -l <big.jsonl))) ] || fail "not one line per input line"
jq -s "$merge" parts/*.json | jq -S . >merged.json
jq -S . single.json >single.sorted.json
cmp merged.json single.sorted.json || {
    diff merged.json single.sorted.json | head -20 >&2
    fail "the merged summaries differ from the single run's"
}
jq -e '.cases == 4000 + 7 + 5 and .bad_input == 12' merged.json >/dev/null ||
    fail "merged totals: $(jq -c '{cases, bad_input}' merged.json)"
echo "ok: $nparts parts through GNU parallel = one run, output and summary"
