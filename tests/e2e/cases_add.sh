#!/usr/bin/env bash
# `tptriage cases add`: after a question is added, every case file that lacks
# its answer gets it, in place, in asking order, keeping every other line;
# the files still judge the same; bad ids and values are refused.
. "$(dirname "$0")/../e2e.sh"

# A knowledge base with one new question, asked right after the first one.
kb=$tmp/kb
mkdir "$kb" && cp -r "$src/rules" "$src/facts" "$kb/"
first=$("$tp" questions --kb "$src" | awk -F"\t" 'NR == 1 { print $1 }')
order=$(grep -A0 "(question (id $first)" "$src/facts/questions.clp" | sed -n 's/.*(order \([0-9]*\)).*/\1/p')
[ -n "$order" ] || fail "order of $first not found"
awk -v o="$order" '/^\(deffacts MAIN::questions/ { print; print "   (question (id new-sign) (order " o ") (kind choice) (values yes no unsure) (safety no) (when always) (text \"A new question?\") (help \"h\"))"; next } { print }' \
  "$src/facts/questions.clp" > "$kb/facts/questions.clp"
"$tp" questions --kb "$kb" new-sign > /dev/null || fail "the new question did not load"
n=$(ls "$kb/facts/cases"/*.sym | wc -l)

# a case with comments, blank lines and expect lines, and one that already answers
cp "$kb/facts/cases/level-self-care.sym" "$tmp/one.sym"
sed -i '1a # a comment that stays\n' "$tmp/one.sym"
printf 'new-sign = yes\n' >> "$kb/facts/cases/level-self-care.sym"
cp "$tmp/one.sym" "$tmp/one.before"

# 1. a dry run changes nothing
"$tp" cases add --kb "$kb" --dry-run new-sign=no > "$tmp/dry" || fail "dry run: $(cat "$tmp/dry")"
grep -q "^cases add: would add $((n - 1)) answers to $((n - 1)) of $n case files; 1 answer was already there$" "$tmp/dry" ||
  fail "dry run summary: $(tail -n 1 "$tmp/dry")"
grep -q new-sign "$kb/facts/cases/red-flag-fever.sym" && fail "a dry run changed a file"

# 2. the default folder: the knowledge base's facts/cases
"$tp" cases add --kb "$kb" new-sign=no > "$tmp/out" || fail "add: $(cat "$tmp/out")"
grep -q "^cases add: added $((n - 1)) answers to $((n - 1)) of $n case files; 1 answer was already there$" "$tmp/out" ||
  fail "summary: $(tail -n 1 "$tmp/out")"
for f in "$kb"/facts/cases/*.sym; do
  [ "$(grep -c '^new-sign = ' "$f")" = 1 ] || fail "$f: not exactly one answer"
done
grep -q '^new-sign = yes$' "$kb/facts/cases/level-self-care.sym" || fail "an existing answer was changed"
# every case still judges as its expect lines say, with the new knowledge base
"$tp" batch --check --kb "$kb" "$kb/facts/cases" > /dev/null || fail "the cases no longer pass"

# 3. one file: placed right after the first question's answer, all else kept
"$tp" cases add --kb "$kb" new-sign=unsure "$tmp/one.sym" > "$tmp/out" || fail "one file"
grep -q "^$tmp/one.sym:[0-9]*: added 1 answer$" "$tmp/out" || fail "file line: $(cat "$tmp/out")"
diff "$tmp/one.before" "$tmp/one.sym" > "$tmp/d" || true
[ "$(grep -c '^[<>]' "$tmp/d")" = 1 ] || fail "more than one line changed: $(cat "$tmp/d")"
grep -q '^> new-sign = unsure$' "$tmp/d" || fail "the line added: $(cat "$tmp/d")"
# right after the answer to the question asked just before it, or before the
# first answer when it is asked first
before=$("$tp" questions --kb "$kb" | cut -f1 | grep -B1 -x new-sign | grep -vx new-sign || true)
if [ -n "$before" ]; then
  line=$(grep -n "^$before = " "$tmp/one.sym" | cut -d: -f1)
  [ "$(sed -n "$((line + 1))p" "$tmp/one.sym")" = "new-sign = unsure" ] || fail "not after $before: $(cat "$tmp/one.sym")"
else
  [ "$(grep -v '^#' "$tmp/one.sym" | grep -m1 .)" = "new-sign = unsure" ] || fail "not first: $(cat "$tmp/one.sym")"
fi
# again: nothing to do
"$tp" cases add --kb "$kb" new-sign=no "$tmp/one.sym" | grep -q '^cases add: added 0 answers to 0 of 1 case files; 1 answer was already there$' ||
  fail "second run"

# 4. refusals: an unknown id, a value not allowed, a missing file; usage
set +e
"$tp" cases add --kb "$kb" no-such-question=no "$tmp/one.sym" 2> "$tmp/err"; rc=$?
[ "$rc" = 64 ] && grep -q "'no-such-question' is not a question" "$tmp/err" || fail "unknown id: $rc $(cat "$tmp/err")"
"$tp" cases add --kb "$kb" new-sign=maybe "$tmp/one.sym" 2> "$tmp/err"; rc=$?
[ "$rc" = 64 ] && grep -q "'maybe' is not allowed for new-sign: give yes, no or unsure" "$tmp/err" || fail "bad value: $rc $(cat "$tmp/err")"
"$tp" cases add --kb "$kb" new-sign=no "$tmp/none.sym" > /dev/null 2> "$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q "none.sym: no such file" "$tmp/err" || fail "missing file: $rc $(cat "$tmp/err")"
"$tp" cases > /dev/null 2>&1; rc=$?
[ "$rc" = 64 ] || fail "no subcommand: $rc"
set -e
"$tp" cases --help | grep -q '^usage: tptriage cases add' || fail "--help"
echo ok
