#!/usr/bin/env bash
# `tptriage diary`: the check-ins with a pain chart, a damaged line named and
# skipped (never fatal), --delete, TPTRIAGE_DIARY=off.
. "$(dirname "$0")/../e2e.sh"
export XDG_DATA_HOME=$tmp/data TPTRIAGE_TODAY=2026-11-28
unset TPTRIAGE_DIARY
"$tp" diary > "$tmp/out" || fail "empty diary: exit $?"
grep -q '^No check-ins yet.$' "$tmp/out" || fail "empty: $(cat "$tmp/out")"
mkdir -p "$tmp/data/tptriage"
printf '%s\n' '{"date":"2026-11-20","pain":6,"level":"self-care","kb":"x","answers":{"age":30}}' \
  'not json' '{"date":"2026-11-26","pain":3,"level":"see-clinician","kb":"x","answers":{}}' \
  > "$tmp/data/tptriage/diary.jsonl"
"$tp" diary --kb "$src" > "$tmp/out" 2> "$tmp/err" || fail "diary: exit $?"
grep -q "^2 check-ins, in $tmp/data/tptriage/diary.jsonl:$" "$tmp/out" || fail "head: $(cat "$tmp/out")"
grep -q '^  2026-11-20  8 days ago    pain 6   Self-care$' "$tmp/out" || fail "first: $(cat "$tmp/out")"
grep -q '^  2026-11-26  2 days ago    pain 3   See a professional within days$' "$tmp/out" || fail "second"
grep -q '^  2026-11-20 |############          6$' "$tmp/out" || fail "chart: $(cat "$tmp/out")"
grep -q '^  2026-11-26 |######                3$' "$tmp/out" || fail "chart 2"
grep -q "diary.jsonl:2: not a JSON object; this line is skipped" "$tmp/err" || fail "damaged: $(cat "$tmp/err")"
TPTRIAGE_DIARY=off "$tp" diary | grep -q 'turned off' || fail "off"
"$tp" diary --delete | grep -q '^Deleted the diary (2 check-ins)' || fail "delete"
[ -e "$tmp/data/tptriage/diary.jsonl" ] && fail "not deleted"
echo ok
