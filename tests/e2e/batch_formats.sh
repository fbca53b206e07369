#!/usr/bin/env bash
# batch: --format tsv (a header, one line per case, the same columns on every
# line), --summary (counts by level and red flag on stderr), and bad JSON
# lines (an error object in their place, in order, exit code 2, the rest
# judged), with -j1 and -j2.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 300 "$tmp" 99

# ---- TSV
for j in 1 2; do
    "$TPTRIAGE" batch --format tsv --no-progress -j$j - <"$tmp/cases.jsonl" >"$tmp/out.tsv.$j"
    [ "$(wc -l <"$tmp/out.tsv.$j")" = 301 ] || fail "tsv -j$j: expected a header and 300 lines"
done
cmp "$tmp/out.tsv.1" "$tmp/out.tsv.2" || fail "tsv: -j1 and -j2 differ"
header=$(head -n 1 "$tmp/out.tsv.1")
case $header in case$'\t'disposition$'\t'*) ;; *) fail "tsv header is '$header'" ;; esac
awk -F'\t' 'NR == 1 { cols = NF; next }
    NF != cols { print "line " NR " has " NF " columns, the header " cols; exit 1 }
    $1 != sprintf("c%07d", NR - 1) { print "line " NR " is case " $1; exit 1 }
    $2 !~ /^(emergency|urgent|see-clinician|gentle-self-care|self-care)$/ { print "line " NR ": level " $2; exit 1 }
    $NF != "" { print "line " NR ": error column " $NF; exit 1 }' "$tmp/out.tsv.1" ||
    fail "tsv lines do not match the header"
# The TSV levels are the JSON dispositions.
"$TPTRIAGE" batch --format json --no-progress -j2 - <"$tmp/cases.jsonl" |
    sed 's/.*"disposition":"\([^"]*\)".*/\1/' >"$tmp/levels.json"
tail -n +2 "$tmp/out.tsv.1" | cut -f2 >"$tmp/levels.tsv"
cmp "$tmp/levels.json" "$tmp/levels.tsv" || fail "tsv and json disagree on levels"

# ---- --summary
for j in 1 2; do
    "$TPTRIAGE" batch --format json --summary --no-progress -j$j - <"$tmp/cases.jsonl" \
        >/dev/null 2>"$tmp/summary.$j"
    grep -q '^summary: 300 cases in .*; 0 bad input; 0 failed expectations$' "$tmp/summary.$j" ||
        fail "summary -j$j: $(head -n 1 "$tmp/summary.$j")"
done
# Level counts add up to the cases and match the JSON output.
awk '$1 == "level" { s += $3 } END { exit s == 300 ? 0 : 1 }' "$tmp/summary.1" ||
    fail "summary level counts do not add up to 300"
for level in $(sort -u "$tmp/levels.json"); do
    want=$(grep -cx "$level" "$tmp/levels.json")
    got=$(awk -v l="$level" '$1 == "level" && $2 == l { print $3 }' "$tmp/summary.1")
    [ "$got" = "$want" ] || fail "summary says $got cases at $level, the output $want"
done
grep -q '^ *red-flag [a-z-]* *[0-9][0-9]*$' "$tmp/summary.1" || fail "summary has no red-flag counts"
want=$("$TPTRIAGE" batch --format json --no-progress -j1 - <"$tmp/cases.jsonl" |
    grep -c '"red_flags":\[[^]]*{"id":"numbness"' || true)
got=$(awk '$1 == "red-flag" && $2 == "numbness" { print $3 }' "$tmp/summary.1")
[ "${got:-0}" = "$want" ] || fail "summary counts ${got:-0} numbness red flags, the output $want"
cmp <(grep -v '^summary:' "$tmp/summary.1") <(grep -v '^summary:' "$tmp/summary.2") ||
    fail "summary: -j1 and -j2 count differently"

# ---- bad JSON lines: an error object in order, exit code 2, the rest judged
{
    sed -n 1,3p "$tmp/cases.jsonl"
    echo '{"id": "broken", "answers": {'
    sed -n 4,5p "$tmp/cases.jsonl"
    echo 'not json at all'
    echo '{"id": "unknown-question", "answers": {"no-such-question": "yes"}}'
    echo
    sed -n '6,$p' "$tmp/cases.jsonl"
} >"$tmp/mixed.jsonl"
for j in 1 2; do
    set +e
    "$TPTRIAGE" batch --format json --no-progress -j$j - <"$tmp/mixed.jsonl" >"$tmp/mixed.$j" 2>"$tmp/mixed.err.$j"
    rc=$?
    set -e
    [ "$rc" = 2 ] || fail "bad lines -j$j: exit code $rc, not 2"
    [ "$(wc -l <"$tmp/mixed.$j")" = 303 ] || fail "bad lines -j$j: expected 303 lines (the blank one is skipped)"
    [ "$(grep -c '"error"' "$tmp/mixed.$j")" = 3 ] || fail "bad lines -j$j: expected 3 error objects"
    sed -n 4p "$tmp/mixed.$j" | grep -q '^{"case":"stdin:4","error":"stdin:4: not valid JSON' ||
        fail "line 4 is not the error of stdin:4: $(sed -n 4p "$tmp/mixed.$j" | head -c 100)"
    sed -n 7p "$tmp/mixed.$j" | grep -q '^{"case":"stdin:7","error":' || fail "line 7 is not an error"
    sed -n 8p "$tmp/mixed.$j" | grep -q '^{"case":"unknown-question","error":.*no-such-question' ||
        fail "line 8 is not the unknown question error"
    grep -q 'stdin:4: not valid JSON' "$tmp/mixed.err.$j" || fail "no message on stderr for line 4"
    # every other line is the case it was, judged as without the bad lines
    grep -v '"error"' "$tmp/mixed.$j" >"$tmp/good.$j"
    "$TPTRIAGE" batch --format json --no-progress -j1 - <"$tmp/cases.jsonl" | cmp - "$tmp/good.$j" ||
        fail "bad lines -j$j: the good cases were judged differently"
done
cmp "$tmp/mixed.1" "$tmp/mixed.2" || fail "bad lines: -j1 and -j2 differ"
# tsv: the error goes in the last column
set +e
"$TPTRIAGE" batch --format tsv --no-progress -j2 - <"$tmp/mixed.jsonl" >"$tmp/mixed.tsv" 2>/dev/null
rc=$?
set -e
[ "$rc" = 2 ] || fail "tsv with bad lines: exit code $rc"
sed -n 5p "$tmp/mixed.tsv" | awk -F'\t' '$1 == "stdin:4" && $NF ~ /not valid JSON/ { ok = 1 } END { exit !ok }' ||
    fail "tsv: bad line 4 is not reported in the error column"

# ---- the progress line is only for terminals (and --progress)
"$TPTRIAGE" batch --format json -j2 - <"$tmp/cases.jsonl" >/dev/null 2>"$tmp/quiet.err"
[ ! -s "$tmp/quiet.err" ] || fail "stderr is not a terminal, yet something was written: $(head -c 200 "$tmp/quiet.err")"
echo "ok: tsv, summary, bad lines and quiet stderr"
