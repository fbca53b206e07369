#!/usr/bin/env bash
# -j1, -j2 and -j3 print byte-identical output over 2,000 generated cases, in
# JSON and text, from symptom files and from JSON Lines on stdin; with bad
# lines among them, stdout and stderr interleave the same way for every -j.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 2000 "$tmp" 4242
[ "$(ls "$tmp/sym" | wc -l)" = 2000 ] || fail "the generator made $(ls "$tmp/sym" | wc -l) files"
[ "$(wc -l <"$tmp/cases.jsonl")" = 2000 ] || fail "the generator made a short JSON Lines file"

for fmt in json text; do
    for j in 1 2 3; do
        "$TPTRIAGE" batch --format "$fmt" --no-progress -j$j "$tmp/sym" >"$tmp/files.$fmt.$j"
        "$TPTRIAGE" batch --format "$fmt" --no-progress -j$j - <"$tmp/cases.jsonl" >"$tmp/jsonl.$fmt.$j"
    done
    for j in 2 3; do
        cmp "$tmp/files.$fmt.1" "$tmp/files.$fmt.$j" || fail "$fmt from files: -j1 and -j$j differ"
        cmp "$tmp/jsonl.$fmt.1" "$tmp/jsonl.$fmt.$j" || fail "$fmt from stdin: -j1 and -j$j differ"
    done
done

# One JSON line per case, in input order, each judged (no errors).
[ "$(wc -l <"$tmp/jsonl.json.2")" = 2000 ] || fail "expected 2000 JSON lines"
first=$(head -c 30 "$tmp/jsonl.json.2")
case $first in '{"case":"c0000001",'*) ;; *) fail "first line is $first" ;; esac
last=$(tail -n 1 "$tmp/jsonl.json.2" | cut -c 1-30) # cut reads it all: no SIGPIPE under pipefail
case $last in '{"case":"c0002000",'*) ;; *) fail "last line is $last" ;; esac
awk -F'"case":"' '{ split($2, a, "\""); if (a[1] != sprintf("c%07d", NR)) { print "line " NR ": " a[1]; exit 1 } }' \
    "$tmp/jsonl.json.2" || fail "JSON lines out of order"
grep -q '"error"' "$tmp/jsonl.json.2" && fail "a generated case was refused"
# Files and JSON Lines describe the same cases: same results but for the name.
sed 's/^{"case":"[^"]*",//' "$tmp/files.json.1" >"$tmp/a"
sed 's/^{"case":"[^"]*",//' "$tmp/jsonl.json.1" >"$tmp/b"
cmp "$tmp/a" "$tmp/b" || fail "symptom files and JSON Lines judged differently"
# The cases reach every level.
for level in emergency urgent see-clinician gentle-self-care self-care; do
    grep -q "\"disposition\":\"$level\"" "$tmp/jsonl.json.1" || fail "no case reached $level"
done

# Workers write their own results, in turn: with refused lines among good
# ones, stdout and stderr together (2>&1) come out in the same order for
# every -j, and the exit code is the same. Each refused value differs, so that
# every one of its messages is shown (only 5 of one kind are).
awk 'NR % 97 == 0 { print "{\"id\": \"bad" NR "\", \"answers\": {\"numbness\": \"perhaps" NR "\"}}"; next }
     NR % 89 == 0 { print NR " not json"; next } { print }' "$tmp/cases.jsonl" >"$tmp/mixed.jsonl"
for j in 1 2 4; do
    set +e
    "$TPTRIAGE" batch --format json --no-progress -j$j - <"$tmp/mixed.jsonl" >"$tmp/mixed.$j" 2>&1
    echo $? >"$tmp/mixed.rc.$j"
    set -e
done
[ "$(cat "$tmp/mixed.rc.1")" = 2 ] || fail "mixed input: exit $(cat "$tmp/mixed.rc.1"), want 2"
[ "$(grep -c '^tptriage: ' "$tmp/mixed.1")" -gt 30 ] || fail "mixed input: too few messages"
for j in 2 4; do
    cmp "$tmp/mixed.1" "$tmp/mixed.$j" || fail "mixed input with 2>&1: -j1 and -j$j differ"
    cmp "$tmp/mixed.rc.1" "$tmp/mixed.rc.$j" || fail "mixed input: -j1 and -j$j exit differently"
done
echo "ok: -j1, -j2 and -j3 agree byte for byte on 2000 cases; -j2 and -j4 keep messages in place"
