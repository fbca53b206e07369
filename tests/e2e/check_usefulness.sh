#!/usr/bin/env bash
# `tptriage check`'s usefulness invariants, read from the knowledge base's
# requires / forbids / useful facts and the output kinds' from-level: each
# broken copy adds one small rule (or fact) that breaks one invariant, and
# the check prints the violation with a ready-to-run counterexample, exit 1.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }
# Runs check on copy $1; wants exit 1 and a violation line matching $2 (a
# grep -E pattern); checks the first counterexample of that violation fails
# with the broken copy and passes with the shipped knowledge base.
want_violation() {
  set +e; "$tp" check --kb "$tmp/$1" --combinations 5000 > "$tmp/$1.out" 2>&1; rc=$?; set -e
  [ "$rc" -eq 1 ] || fail "$1: exit $rc, want 1: $(tail -3 "$tmp/$1.out")"
  grep -Eq "^violation: $2\$" "$tmp/$1.out" || fail "$1: no violation '$2': $(grep violation "$tmp/$1.out" | head -5)"
  tail -1 "$tmp/$1.out" | grep -qx 'check FAILED' || fail "$1: last line"
  awk -v pat="^# $2\$" '$0 ~ pat { on = 1 } /^--- end/ { if (on) exit } on' "$tmp/$1.out" > "$tmp/$1.sym"
  if [ -s "$tmp/$1.sym" ] && grep -q '^expect ' "$tmp/$1.sym"; then
    set +e; "$tp" batch --check --kb "$tmp/$1" "$tmp/$1.sym" > /dev/null 2>&1; rc=$?; set -e
    [ "$rc" -eq 1 ] || fail "$1: counterexample with the broken kb: exit $rc, want 1"
    "$tp" batch --check "$tmp/$1.sym" > /dev/null || fail "$1: counterexample with the shipped kb"
  fi
}
rule() { # copy name, rule text: a new rules file
  printf '%s\n' "$2" > "$tmp/$1/rules/25-broken.clp"
}
fact() { # copy name, facts: a new facts file
  printf '(deffacts MAIN::broken\n   %s)\n' "$2" > "$tmp/$1/facts/zz-broken.clp"
}

# 1. the shipped knowledge base keeps every invariant
"$tp" check --combinations 5000 > "$tmp/out" 2>&1 || fail "shipped kb: $(grep -E 'violation|FAILED' "$tmp/out" | head)"
grep -Eq '^safety: [1-9][0-9]* combinations .* 0 violations' "$tmp/out" || fail "safety line"

# 2. a technique given without its floor prerequisite
copy floor
fact floor '(requires (kind technique) (id foam-roller) (question can-get-to-floor) (values yes))'
rule floor '(defrule ADVICE::roller-without-the-floor
   "Broken on purpose: the roller for someone who cannot get to the floor."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? foam-roller $?))
            (answer (question can-get-to-floor) (value no)))
   =>
   (assert (conclusion (kind technique) (id foam-roller) (rule roller-without-the-floor)
      (reason "r") (source guide-roller))))'
want_violation floor 'technique foam-roller requires can-get-to-floor = yes; it was answered otherwise'

# 2b. a technique given when its prerequisite question was left unanswered
copy unasked
fact unasked '(requires (kind technique) (id foam-roller) (question can-get-to-floor) (values yes))'
rule unasked '(defrule ADVICE::roller-floor-unanswered
   "Broken on purpose: the roller although nobody said they can get to the floor."
   (logical (disposition (level self-care))
            (answer (question equipment) (value $? foam-roller $?))
            (answer (question can-get-to-floor) (value unanswered)))
   =>
   (assert (conclusion (kind technique) (id foam-roller) (rule roller-floor-unanswered)
      (reason "r") (source guide-roller))))'
want_violation unasked 'technique foam-roller requires can-get-to-floor = yes; it was not answered'

# 3. an aftercare that a restriction forbids
copy aftercare
fact aftercare '(forbids (kind restriction) (id no-pressure) (other-kind aftercare) (other-id moist-heat))'
rule aftercare '(defrule ADVICE::heat-despite-no-pressure
   "Broken on purpose: moist heat after a session that may not happen."
   (logical (conclusion (kind restriction) (id no-pressure)))
   =>
   (assert (conclusion (kind aftercare) (id moist-heat) (rule heat-despite-no-pressure)
      (reason "r") (source guide-recovery))))'
want_violation aftercare 'restriction no-pressure forbids aftercare moist-heat, which stands beside it'

# 4. a muscle named at urgent (muscles stand from see-clinician down)
copy muscle
grep -q '(id muscle) .*' "$tmp/muscle/facts/output.clp" || fail "no muscle output kind"
grep -A2 '(id muscle)' "$tmp/muscle/facts/output.clp" | grep -q '(from-level see-clinician)' ||
  fail "the shipped muscle kind has no from-level see-clinician"
rule muscle '(defrule ADVICE::muscle-at-urgent
   "Broken on purpose: a muscle named at urgent."
   (logical (disposition (level urgent))
            (answer (question pain-location) (value $? hip-crest $?)))
   =>
   (assert (conclusion (kind muscle) (id gluteus-medius) (rule muscle-at-urgent)
      (reason "r") (source guide-locations))))'
want_violation muscle "muscle gluteus-medius stands at level urgent, more urgent than its kind's from-level see-clinician"

# 5. useful advice missing: every technique rule deleted, so self-care with a
#    ball gets no technique (the shipped useful fact says it must)
copy useful
grep -q '(useful (level self-care) (question equipment) (values lacrosse-ball tennis-ball) (kind technique))' \
  "$tmp/useful"/facts/*.clp || fail "the shipped kb has no useful fact for a ball at self-care"
awk 'index($0, "(defrule ADVICE::technique-") == 1 { skip = 1 } skip && /^$/ { skip = 0; next } !skip' \
  "$tmp/useful/rules/20-advice.clp" > "$tmp/advice.clp" && mv "$tmp/advice.clp" "$tmp/useful/rules/20-advice.clp"
grep -q 'defrule ADVICE::technique-' "$tmp/useful/rules/20-advice.clp" && fail "technique rules not removed"
want_violation useful 'level self-care with equipment = lacrosse-ball\|tennis-ball must give at least one technique \(useful fact\); got none'

# 6. a bad reference in a policy fact is a static error
copy badref
fact badref '(requires (kind technique) (id foam-roller) (question can-reach-floor) (values yes))'
set +e; "$tp" check --kb "$tmp/badref" --combinations 0 > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "bad reference: exit $rc, want 1"
grep -q "facts/zz-broken.clp:2: requires fact names question can-reach-floor, which is not defined" "$tmp/out" ||
  fail "bad reference message: $(head -5 "$tmp/out")"
echo ok
