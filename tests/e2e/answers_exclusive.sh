#!/usr/bin/env bash
# Contradictory multi answers (issue 23, kind 10): a value marked exclusive
# in facts/choices.clp ("none" of equipment) given with another value is
# refused with a message naming both, never judged as if both held: batch
# exit 2 for that case (the others are still judged), the session asks
# again, the API answers 400.
. "$(dirname "$0")/../e2e.sh"
case="$src/facts/cases/level-self-care.sym"
sed 's/^equipment = .*/equipment = none, lacrosse-ball/' "$case" >"$tmp/both.sym"
cp "$case" "$tmp/good.sym"

# batch: the case is an error (exit 2), the good one is judged
set +e; "$tp" batch --no-progress --kb "$src" --format json "$tmp/both.sym" "$tmp/good.sym" >"$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "batch: exit $rc"
grep -q "both.sym:[0-9]*: equipment: 'none' contradicts 'lacrosse-ball'" "$tmp/err" || fail "batch: $(cat "$tmp/err")"
grep -q '"error":.*contradicts' "$tmp/out" || fail "batch: no error line: $(cat "$tmp/out")"
grep -q '"disposition":"self-care"' "$tmp/out" || fail "batch: the good case was not judged"
# JSON Lines, either order
set +e
echo '{"id":"x","answers":{"equipment":["tennis-ball","none"]}}' |
  "$tp" batch --no-progress --kb "$src" --format json - >"$tmp/out" 2>/dev/null; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "jsonl: exit $rc"
grep -q "equipment: 'none' contradicts 'tennis-ball'" "$tmp/out" || fail "jsonl: $(cat "$tmp/out")"

# the session: refused, asked again, the second answer taken
sed -n '/^[a-z]/p' "$case" | grep -v '^equipment\|^can-get-to-floor\|^sits-long' >"$tmp/start.sym"
printf ':load %s\nnone, tennis-ball\ntennis-ball\nyes\nno\n:quit\n' "$tmp/start.sym" |
  TPTRIAGE_GROUPS=off COLUMNS=1000 "$tp" --kb "$src" --show-ids >"$tmp/sess" 2>&1 || true
grep -q "equipment: 'none' contradicts 'tennis-ball'" "$tmp/sess" || fail "session: $(tail -30 "$tmp/sess")"
grep -q 'Ball against a wall' "$tmp/sess" || fail "session: the second answer was not taken: $(tail -30 "$tmp/sess")"
echo ok
