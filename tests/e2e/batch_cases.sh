#!/usr/bin/env bash
# The knowledge base's case files, judged by the real binary with --check,
# and the exit codes and messages of the batch contract.
. "$(dirname "$0")/../e2e.sh"

# 1. every shipped case meets its expectations
"$tp" batch --check "$src/facts/cases" > "$tmp/out" 2> "$tmp/err" || fail "case suite: $(cat "$tmp/err")"
n=$(grep -c '^== ' "$tmp/out")
[ "$n" -ge 50 ] || fail "expected at least 50 cases, judged $n"

# 2. a wrong expectation fails with exit 1 and names file:line
cp "$src/facts/cases/red-flag-numbness.sym" "$tmp/wrong.sym"
echo "expect disposition = self-care" >> "$tmp/wrong.sym"
line=$(wc -l < "$tmp/wrong.sym")
set +e; "$tp" batch --check "$tmp/wrong.sym" > /dev/null 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "wrong expectation: exit $rc, want 1"
grep -q "wrong.sym:$line: expected disposition = self-care, got see-clinician" "$tmp/err" ||
  fail "mismatch message: $(cat "$tmp/err")"

# 3. a bad file is reported at file:line and skipped; the rest is judged; exit 2
printf 'numbness = yes\nnumbness = no\n' > "$tmp/dup.sym"
printf 'numbness = perhaps\n' > "$tmp/value.sym"
printf 'no-such-question = yes\n' > "$tmp/unknown.sym"
printf 'numbness yes\n' > "$tmp/malformed.sym"
printf 'age = 121\n' > "$tmp/range.sym"
printf 'pain-location = hip-crest, hip-crest\n' > "$tmp/twice.sym"
cp "$src/facts/cases/level-self-care.sym" "$tmp/zgood.sym"
set +e; "$tp" batch "$tmp" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "bad input: exit $rc, want 2"
grep -q "dup.sym:2: numbness is answered twice (first on line 1)" "$tmp/err" || fail "duplicate: $(cat "$tmp/err")"
grep -q "value.sym:1: 'perhaps' is not allowed for numbness: give yes, no or unsure" "$tmp/err" || fail "value"
grep -q "unknown.sym:1: unknown question 'no-such-question'" "$tmp/err" || fail "unknown id"
grep -q "malformed.sym:1: expected 'question-id = value'" "$tmp/err" || fail "malformed"
grep -q "range.sym:1: '121' is not allowed for age: give a whole number from 0 to 120" "$tmp/err" || fail "range"
grep -q "twice.sym:1: pain-location lists 'hip-crest' twice" "$tmp/err" || fail "multi twice"
grep -q "^== $tmp/zgood.sym" "$tmp/out" || fail "good file after bad ones was not judged"
set +e; "$tp" batch "$tmp/missing.sym" > /dev/null 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 2 ] && grep -q "missing.sym: cannot open" "$tmp/err" || fail "missing file: exit $rc"

# 4. usage errors exit 64; a broken knowledge base exits 3
set +e; "$tp" batch --format xml x > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 64 ] || fail "usage: exit $rc, want 64"
mkdir -p "$tmp/kb" && cp -r "$src/rules" "$src/facts" "$tmp/kb/"
printf '\n(defrule broken "x"\n  (answer (question numbness)\n  =>\n' > "$tmp/kb/rules/99-broken.clp"
set +e; "$tp" batch --kb "$tmp/kb" "$src/facts/cases" > /dev/null 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 3 ] || fail "broken kb: exit $rc, want 3"
grep -q "99-broken.clp:[0-9]*:" "$tmp/err" || fail "broken kb message: $(cat "$tmp/err")"

# 5. TPTRIAGE_KB points at another knowledge base
set +e; TPTRIAGE_KB="$tmp/kb" "$tp" batch "$src/facts/cases/level-self-care.sym" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 3 ] || fail "TPTRIAGE_KB not used: exit $rc"

# 6. json: one line per case, in input order, with the contract's fields
"$tp" batch --format json "$src/facts/cases" > "$tmp/json"
[ "$(wc -l < "$tmp/json")" -eq "$n" ] || fail "json lines != cases"
cases=("$src/facts/cases"/*.sym)
first=${cases[0]}
IFS= read -r line1 < "$tmp/json"
[[ $line1 == "{\"case\":\"$first\""* ]] || fail "json order: ${line1:0:200}"
for field in disposition red_flags stop_pressing muscles techniques stretches aftercare unanswered explanations kb; do
  [[ $line1 == *"\"$field\":"* ]] || fail "json lacks $field"
done
echo "batch cases: $n judged, contract checks passed"
