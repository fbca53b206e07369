#!/usr/bin/env bash
# Inputs as data people have them: a .jsonl or .ndjson file by name, the same
# cases as CSV (a header row of question ids, written here from the JSON with
# jq), and --input-format to force a format, all judged exactly as the JSON
# Lines on stdin, with -j1 and -j2. Then the shapes a data frame writes (null,
# true/false, 42.0, "a, b", a byte-order mark, quoted CSV cells, ';' lists,
# empty cells) read as their plain equivalents, and bad CSV gets file:line
# errors with the rest still judged.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR
command -v jq >/dev/null || fail "jq is not installed (apt-get install jq)"

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 500 "$tmp" 31
rm -rf "$tmp/sym"
cp "$tmp/cases.jsonl" "$tmp/cases.ndjson"
cp "$tmp/cases.jsonl" "$tmp/cases.txt"
# The same cases as CSV: every question a column, lists joined by ';' or
# quoted with commas (alternately), unanswered questions as empty cells.
ids=$("$TPTRIAGE" questions | cut -f1 | paste -sd, -)
{
    echo "id,$ids"
    jq -r --arg ids "$ids" '($ids | split(",")) as $q | [.id] + [$q[] as $k | .answers[$k] |
        if . == null then "" elif type == "array" then (if length % 2 == 0 then join(";")
        else join(", ") end) else tostring end] |
        map(if test(",") then "\"" + . + "\"" else . end) | join(",")' "$tmp/cases.jsonl"
} >"$tmp/cases.csv"
[ "$(wc -l <"$tmp/cases.csv")" = 501 ] || fail "the CSV has $(wc -l <"$tmp/cases.csv") lines"
grep -q ';' "$tmp/cases.csv" && grep -qE '"[a-z-]+, [a-z, -]+"' "$tmp/cases.csv" ||
    fail "the CSV has no ';' list or no quoted list"

cd "$tmp"
for fmt in json tsv; do
    for j in 1 2; do
        "$TPTRIAGE" batch --format $fmt --no-progress -j$j - <"$tmp/cases.jsonl" >"$tmp/want.$fmt.$j"
        [ $j = 1 ] || cmp "$tmp/want.$fmt.1" "$tmp/want.$fmt.$j" || fail "stdin: -j1 and -j$j differ"
        for input in cases.jsonl cases.ndjson cases.csv "--input-format jsonl cases.txt" \
            "--input-format csv -"; do
            # shellcheck disable=SC2086 # the options are meant to split
            "$TPTRIAGE" batch --format $fmt --no-progress -j$j $input <"$tmp/cases.csv" \
                >"$tmp/got" 2>"$tmp/err" || fail "$input -j$j: exit $?: $(cat "$tmp/err")"
            [ ! -s "$tmp/err" ] || fail "$input -j$j: messages: $(cat "$tmp/err")"
            cmp "$tmp/want.$fmt.1" "$tmp/got" || fail "$fmt: $input -j$j differs from stdin"
        done
    done
done

# The shapes a data frame writes read as their plain equivalents.
plain='{"id":"p","answers":{"numbness":"yes","fever":"no","age":42,"pain-location":["hip-crest","tailbone"]}}'
printf '\xef\xbb\xbf%s\n' \
    '{"id":"p","answers":{"numbness":true,"fever":false,"age":42.0,"pain-location":"hip-crest, tailbone","weakness":null}}' \
    >shapes.jsonl
printf '\xef\xbb\xbfid,numbness,fever,age,pain-location,weakness\r\n"p",TRUE,false,42.0,"hip-crest;tailbone",\r\n' \
    >shapes.csv
printf 'case,age,fever,numbness,pain-location\np,42,no,yes,"hip-crest,\ntailbone"\n' >multiline.csv
"$TPTRIAGE" batch --format json -j1 - <<<"$plain" >want.json
for f in shapes.jsonl shapes.csv multiline.csv; do
    "$TPTRIAGE" batch --format json -j1 $f >got.json 2>err || fail "$f: $(cat err)"
    cmp want.json got.json || fail "$f is not read as $plain"
done

# Bad CSV: each error names file:line and shows the accepted shape; the rest
# is judged; exit code 2.
printf '%s\n' 'id,numbness,age,pain-location' 'a,no,30,hip-crest' 'b,maybe,30,' 'd,no,30,hip-crest' \
    'e,no' 'f,no,30,hip-crest,tailbone' 'g,no,3"0,' 'h,true,x,' 'c,no,"30' 'i,no,31,' >bad.csv
set +e
"$TPTRIAGE" batch --format tsv -j1 bad.csv >out 2>err
rc=$?
set -e
[ $rc = 2 ] || fail "bad.csv: exit $rc, want 2"
cat err
want=(
    "bad.csv:3: 'maybe' is not allowed for numbness: give yes, no or unsure"
    "bad.csv:5: 2 fields, but the header has 4 columns"
    "bad.csv:6: 5 fields, but the header has 4 columns (quote a cell that holds a comma"
    "bad.csv:7: column 3: a quote inside an unquoted field"
    "bad.csv:8: 'x' is not allowed for age: give a whole number from 0 to 120"
    "bad.csv:9: column 3: a quoted field has no closing quote"
)
for w in "${want[@]}"; do grep -qF "tptriage: $w" err || fail "no message '$w'"; done
# a case with a readable id is named by it; the quote left open on line 9
# takes line 10 with it, to the end of the file
[ "$(cut -f1 out | tr '\n' ' ')" = "case a b d bad.csv:5 bad.csv:6 bad.csv:7 h bad.csv:9 " ] ||
    fail "bad.csv results: $(cut -f1 out | tr '\n' ' ')"
# An unknown question in the header refuses the file with one error.
printf 'id,numbnes\na,no\n' >header.csv
set +e
"$TPTRIAGE" batch --format json -j1 header.csv >out 2>err
rc=$?
set -e
[ $rc = 2 ] && [ "$(wc -l <out)" = 1 ] || fail "header.csv: exit $rc, $(wc -l <out) lines"
grep -qF "header.csv:1: column 2: unknown question 'numbnes'" err || fail "header error: $(cat err)"
# A missing file, and --input-format sym with -, are clear errors.
set +e
"$TPTRIAGE" batch -j1 missing.jsonl 2>err
rc=$?
set -e
[ $rc = 2 ] && grep -qF "missing.jsonl: cannot open" err || fail "missing.jsonl: exit $rc: $(cat err)"
set +e
"$TPTRIAGE" batch --input-format sym - </dev/null 2>err
rc=$?
set -e
[ $rc = 64 ] && grep -q "reads JSON Lines or CSV" err || fail "--input-format sym -: exit $rc: $(cat err)"
echo "ok: .jsonl, .ndjson, .csv and --input-format read as stdin; data-frame shapes accepted"
