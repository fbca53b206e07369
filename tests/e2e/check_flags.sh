#!/usr/bin/env bash
# `tptriage check` and red flags: a red flag with no flag-level fact is a
# static error at the rule's file:line, and the verifier still treats it as a
# flag (never self-care, never a technique); a flag level lowered below the
# safety floor, and a red flag without a floor, fail the check too.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }
# Removes the lines of FILE holding the fixed string NEEDLE; fails if none.
drop_line() {
  grep -qF "$2" "$1" || fail "$1 has no line with '$2'"
  grep -vF "$2" "$1" > "$1.new" && mv "$1.new" "$1"
}
line_of() { grep -nF "$2" "$1" | head -1 | cut -d: -f1; }
# Runs check on copy $1 with options $2...; wants exit 1 and `check FAILED`.
check_fails() {
  local name=$1; shift
  set +e; "$tp" check --kb "$tmp/$name" "$@" > "$tmp/out" 2>&1; rc=$?; set -e
  [ "$rc" -eq 1 ] || fail "$name: exit $rc, want 1"
  tail -1 "$tmp/out" | grep -qx 'check FAILED' || fail "$name: last line"
}

# 1. the shipped knowledge base: every flag has its flag-level and its floor
"$tp" check --combinations 2000 > "$tmp/out" 2>&1 || fail "shipped kb: $(cat "$tmp/out")"
grep -q '^static: [0-9]* rules, [0-9]* questions: 0 problems$' "$tmp/out" || fail "static: $(cat "$tmp/out")"

# 2. a red flag with no flag-level fact
copy nolevel
drop_line "$tmp/nolevel/facts/levels.clp" "(flag-level (kind red-flag) (id tingling)"
rule=$(line_of "$tmp/nolevel/facts/flags.clp" "(rule red-flag-tingling)")
check_fails nolevel --combinations 3000
grep -qF "$tmp/nolevel/facts/flags.clp:$rule: rule red-flag-tingling concludes red-flag tingling, which has no flag-level fact" "$tmp/out" ||
  fail "no flag-level message: $(head -5 "$tmp/out")"
# the verifier treats the red flag as a flag whatever the facts say
grep -q '^violation: red-flag tingling must never give the least urgent level self-care$' "$tmp/out" ||
  fail "warning without flag-level gave self-care unnoticed: $(grep violation "$tmp/out" | head)"
grep -q '^violation: red-flag tingling calls for level see-clinician or more urgent (safety-floor, .*facts/safety-floor.clp:[0-9]*); got self-care$' "$tmp/out" ||
  fail "floor violation: $(grep violation "$tmp/out" | head)"

# 3. a flag level lowered below its floor: static error at the flag-level fact, naming the floor
copy lowered
sed -i 's/(flag-level (kind red-flag) (id saddle-numbness) (level emergency)/(flag-level (kind red-flag) (id saddle-numbness) (level urgent)/' \
  "$tmp/lowered/facts/levels.clp"
at=$(line_of "$tmp/lowered/facts/levels.clp" "(flag-level (kind red-flag) (id saddle-numbness) (level urgent)")
[ -n "$at" ] || fail "level not lowered"
floor=$(line_of "$tmp/lowered/facts/safety-floor.clp" "(safety-floor (kind red-flag) (id saddle-numbness)")
check_fails lowered --combinations 3000
grep -qxF "$tmp/lowered/facts/levels.clp:$at: flag-level red-flag saddle-numbness is urgent, less urgent than its safety floor emergency ($tmp/lowered/facts/safety-floor.clp:$floor)" "$tmp/out" ||
  fail "floor message: $(head -5 "$tmp/out")"
grep -q "^violation: red-flag saddle-numbness calls for level emergency or more urgent (safety-floor, $tmp/lowered/facts/safety-floor.clp:$floor); got urgent$" "$tmp/out" ||
  fail "floor violation: $(grep violation "$tmp/out" | head)"
# its counterexample is a ready-to-run symptom file that fails with the broken kb only
awk '/^--- counterexample/ { on = 1; next } /^--- end/ { exit } on' "$tmp/out" > "$tmp/cx.sym"
set +e; "$tp" batch --check --kb "$tmp/lowered" "$tmp/cx.sym" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "counterexample with the broken kb: exit $rc, want 1"
"$tp" batch --check "$tmp/cx.sym" > /dev/null || fail "counterexample with the shipped kb"

# 4. a red flag with no floor
copy nofloor
drop_line "$tmp/nofloor/facts/safety-floor.clp" "(safety-floor (kind red-flag) (id tingling)"
at=$(line_of "$tmp/nofloor/facts/levels.clp" "(flag-level (kind red-flag) (id tingling)")
check_fails nofloor --combinations 0
grep -qF "$tmp/nofloor/facts/levels.clp:$at: red-flag tingling has no safety floor: add (safety-floor (kind red-flag) (id tingling)" "$tmp/out" ||
  fail "no floor message: $(head -5 "$tmp/out")"

# 5. a red flag whose id is computed at run time cannot be checked: named as an error
copy varid
printf '%s\n' '(defrule TRIAGE::any-flag' '   "A flag id taken from the question (not allowed)."' \
  '   (logical (answer (question ?q&numbness) (value yes)))' '   =>' \
  '   (assert (conclusion (kind red-flag) (id ?q) (rule any-flag) (reason "r") (source guide-help))))' \
  > "$tmp/varid/rules/15-varid.clp"
check_fails varid --combinations 0
grep -qF "$tmp/varid/rules/15-varid.clp:1: rule any-flag concludes a red-flag whose id is not written out" "$tmp/out" ||
  fail "variable id message: $(head -5 "$tmp/out")"
echo ok
