#!/usr/bin/env bash
# `tptriage diff` across a new question: answers one side does not know are
# set aside there (one note per question, not per case), --assume answers
# the new question where case files leave it out so that only true changes
# show, and the summary counts level moves. `check` points at `cases add`.
. "$(dirname "$0")/../e2e.sh"

# NEW: the knowledge base plus a safety question whose yes calls for urgent
new=$tmp/new
mkdir "$new" && cp -r "$src/rules" "$src/facts" "$new/"
awk '/^\(deffacts MAIN::questions/ { print; print "   (question (id leg-gives-way) (order 12) (kind choice) (values yes no unsure) (safety yes) (when always) (ask-below urgent) (text \"Has your leg given way under you?\") (help \"h\") (unsure \"u\"))"; next } { print }' \
  "$src/facts/questions.clp" > "$new/facts/questions.clp"
cat >> "$new/rules/10-triage.clp" <<'CLP'

(defrule TRIAGE::red-flag-leg-gives-way
   "A test rule: a leg that gives way."
   (logical (answer (question leg-gives-way) (value yes|unsure)))
   =>
   (assert (conclusion (kind red-flag) (id leg-gives-way) (rule red-flag-leg-gives-way)
      (reason "A leg that gives way.") (source guide-help))))
CLP
printf '(deffacts MAIN::test-flag\n   (flag-level (kind red-flag) (id leg-gives-way) (level urgent) (source guide-help))\n   (text (kind red-flag) (id leg-gives-way) (text "A leg that gives way")))\n' \
  > "$new/facts/zz-test.clp"
"$tp" questions --kb "$new" leg-gives-way > /dev/null || fail "the new knowledge base did not load"
n=$(ls "$src/facts/cases"/*.sym | wc -l)

# 1. the old case files, nothing assumed: the new question is unanswered on
#    the new side; one note says so and how to answer it
set +e; "$tp" diff --kb "$src" --kb "$new" "$src/facts/cases" > "$tmp/plain"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "plain: exit $rc, want 1"
[ "$(grep -c '^note: ' "$tmp/plain")" = 1 ] || fail "plain: want one note: $(grep '^note' "$tmp/plain")"
grep -q "^note: $n cases leave leg-gives-way, a question only the new knowledge base has, unanswered: judged so there (--assume leg-gives-way=VALUE answers it)$" "$tmp/plain" ||
  fail "plain note: $(grep '^note' "$tmp/plain")"
grep -q '^level moves (old -> new: cases):$' "$tmp/plain" || fail "no level moves table"

# 2. --assume leg-gives-way=no: only true changes, and there are none
"$tp" diff --kb "$src" --kb "$new" --assume leg-gives-way=no "$src/facts/cases" > "$tmp/no" ||
  fail "assume no: exit $? $(tail -n 3 "$tmp/no")"
grep -q "^note: --assume leg-gives-way=no answered 0 cases with the old knowledge base, $n with the new$" "$tmp/no" ||
  fail "assume note: $(grep '^note' "$tmp/no")"
grep -q "^diff: $n cases judged with both, 0 changed (0 in level, 0 otherwise), 0 could not be judged$" "$tmp/no" ||
  fail "assume no summary: $(tail -n 2 "$tmp/no")"

# 3. --assume leg-gives-way=yes: every case that was less urgent moves to urgent
set +e; "$tp" diff --kb "$src" --kb "$new" --assume=leg-gives-way=yes "$src/facts/cases" > "$tmp/yes"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "assume yes: exit $rc"
grep -q "^diff: $n cases judged with both, $n changed" "$tmp/yes" || fail "assume yes summary: $(grep '^diff' "$tmp/yes")"
sed -n '/^level moves/,$p' "$tmp/yes" | grep -v '^level moves' > "$tmp/moves"
[ -s "$tmp/moves" ] || fail "no moves listed"
grep -v -- '-> urgent: [0-9]*$' "$tmp/moves" && fail "a move not to urgent"
moved=$(awk -F': ' '{ s += $2 } END { print s }' "$tmp/moves")
inlevel=$(sed -n 's/^diff: .* changed (\([0-9]*\) in level.*/\1/p' "$tmp/yes")
[ "$moved" = "$inlevel" ] || fail "moves add up to $moved, level changes $inlevel"

# 4. case files updated with `cases add`: the old side sets the answers aside
#    with one note, and nothing changes (exit 0, no refusal)
cp -r "$src/facts/cases" "$tmp/cases"
"$tp" cases add --kb "$new" leg-gives-way=no "$tmp/cases" > /dev/null
"$tp" diff --kb "$src" --kb "$new" "$tmp/cases" > "$tmp/updated" || fail "updated: exit $? $(tail -n 3 "$tmp/updated")"
[ "$(grep -c '^note: ' "$tmp/updated")" = 1 ] || fail "updated: want one note: $(grep '^note' "$tmp/updated")"
grep -q "^note: $n cases answer leg-gives-way, which the old knowledge base ($src) does not know: set aside there$" "$tmp/updated" ||
  fail "updated note: $(grep '^note' "$tmp/updated")"

# 5. refusals: an --assume no side knows, a value not allowed, no '='
for bad in "no-such=yes:neither knowledge base has that question" \
           "leg-gives-way=maybe:'maybe' is not allowed for leg-gives-way" "leg-gives-way:--assume takes ID=VALUE"; do
  set +e; "$tp" diff --kb "$src" --kb "$new" --assume "${bad%%:*}" "$src/facts/cases" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ "$rc" -eq 64 ] || fail "--assume ${bad%%:*}: exit $rc"
  grep -qF -- "${bad#*:}" "$tmp/err" || fail "--assume ${bad%%:*}: $(cat "$tmp/err")"
done

# 6. check on the new knowledge base with the old case files names the way out
"$tp" check --kb "$new" --combinations 0 > "$tmp/check" 2>&1 || true
grep -q "^hint: .* do not answer leg-gives-way; if it is a new question, 'tptriage cases add leg-gives-way=VALUE'" "$tmp/check" ||
  fail "check hint: $(grep -E '^(hint|cases)' "$tmp/check")"
echo ok
