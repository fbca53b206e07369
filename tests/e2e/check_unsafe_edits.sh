#!/usr/bin/env bash
# Each unsafe edit of issue 24, made in a scratch copy of the knowledge base,
# makes plain `tptriage check` fail with a message naming the rule, level or
# flag concerned, without relying on a case file the same edit could delete
# (the copies keep no case file unless the edit needs one).
. "$(dirname "$0")/../e2e.sh"
# copy NAME: rules and facts (without the case files) into $tmp/NAME
copy() {
  mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"
  rm -rf "$tmp/$1/facts/cases" && mkdir "$tmp/$1/facts/cases"
}
line_of() { grep -nF "$2" "$1" | head -1 | cut -d: -f1; }
# edit FILE OLD NEW: replaces the fixed string OLD (which must be there) by NEW
edit() {
  grep -qF "$2" "$1" || fail "$1 has no '$2'"
  perl -0pi -e 'BEGIN { $o = shift; $n = shift } s/\Q$o\E/$n/' "$2" "$3" "$1"
}
# fails_naming NAME MESSAGE: plain check on copy NAME fails (exit 1) and says MESSAGE
fails_naming() {
  set +e; "$tp" check --kb "$tmp/$1" --combinations 3000 > "$tmp/$1.out" 2>&1; rc=$?; set -e
  [ "$rc" -eq 1 ] || fail "$1: exit $rc, want 1: $(head -5 "$tmp/$1.out")"
  tail -1 "$tmp/$1.out" | grep -qx 'check FAILED' || fail "$1: last line"
  grep -qF -- "$2" "$tmp/$1.out" || fail "$1: no '$2' in: $(head -12 "$tmp/$1.out")"
}
command -v perl > /dev/null || fail "perl is needed"

# 1. a technique rule's level test widened to see-clinician: named at its line
copy widened
at=$(line_of "$tmp/widened/rules/20-advice.clp" '(defrule ADVICE::technique-ball-floor-press-hold')
[ -n "$at" ] || fail "no technique-ball-floor-press-hold rule"
perl -0pi -e 's/(\(defrule ADVICE::technique-ball-floor-press-hold.*?\(disposition \(level )[^)]*\)/${1}see-clinician|gentle-self-care|self-care)/s' \
  "$tmp/widened/rules/20-advice.clp"
fails_naming widened "rules/20-advice.clp:$at: rule technique-ball-floor-press-hold concludes technique ball-floor-press-hold, which may stand only from gentle-self-care on (the from-level of kind technique, facts/output.clp), but its level test (disposition (level see-clinician|gentle-self-care|self-care)) admits see-clinician"

# 2. a misspelt level in a rule's level test: named, with "did you mean"
copy misspelt
edit "$tmp/misspelt/rules/20-advice.clp" '(disposition (level see-clinician|gentle-self-care|self-care))' \
  '(disposition (level see-clinican|gentle-self-care|self-care))'
fails_naming misspelt "tests the level see-clinican, which is not a defined level; did you mean see-clinician?"

# 3. a misspelt question and source: "did you mean"
copy ids
edit "$tmp/ids/facts/flags.clp" '(question tingling) (values yes unsure)' '(question tinglng) (values yes unsure)'
fails_naming ids "rule red-flag-tingling reads question tinglng, which is not defined; did you mean tingling?"

# 4. a flag that needs two answers (age over 50 with new pain):
# 4a. unsure read as no
copy unsure
edit "$tmp/unsure/facts/flags.clp" '(question new-pain) (values yes unsure) (and-question age) (and-min 51)' \
  '(question new-pain) (values yes) (and-question age) (and-min 51)'
fails_naming unsure "row red-flag-age-new-pain-over-50 raises red-flag age on new-pain but not on unsure"
# 4b. the follow-up no rule asks (its ask rule deleted)
copy unasked
perl -0pi -e 's/\(defrule INTERVIEW::ask-new-pain-when-over-50.*?\n\n//s' "$tmp/unasked/rules/30-interview.clp"
grep -q 'ask-new-pain-when-over-50' "$tmp/unasked/rules/30-interview.clp" && fail "ask rule not deleted"
fails_naming unasked "rule red-flag-age-new-pain-over-50 reads the follow-up new-pain without the condition under which rule ask-new-pain-when-under-20 asks it"
# 4c. a follow-up read without the condition that asks it (issue 23, kind 1)
copy ungated
edit "$tmp/ungated/facts/flags.clp" '(question pain-persists) (values yes unsure) (and-question days-of-self-care) (and-min 3) (and-max 365)' \
  '(question pain-persists) (values yes unsure)'
fails_naming ungated "rule red-flag-pain-persists reads the follow-up pain-persists without the condition under which rule ask-pain-persists-after-three-days asks it"

# 5. a flag whose row is deleted while its level and floor stay
copy norow
drop_row "$tmp/norow/facts/flags.clp" red-flag-tingling
fails_naming norow "red-flag tingling has a flag-level and a floor but no rule and no row of the flag table (facts/flags.clp) raises it"

# 6. the safety floor lowered together with the flag's level (and no case
#    file): the approval names the floor lowered
copy lowered
edit "$tmp/lowered/facts/safety-floor.clp" '(safety-floor (kind red-flag) (id weakness) (level urgent)' \
  '(safety-floor (kind red-flag) (id weakness) (level see-clinician)'
edit "$tmp/lowered/facts/levels.clp" '(flag-level (kind red-flag) (id weakness) (level urgent)' \
  '(flag-level (kind red-flag) (id weakness) (level see-clinician)'
fails_naming lowered "!!! SAFETY FLOOR DIFFERS FROM ITS APPROVAL ($tmp/lowered/facts/floor-approval.clp, approved by"
fails_naming lowered "  LOWERED OR CHANGED floor red-flag weakness"
# the same banner in diff, and the diff fails
set +e; "$tp" diff --kb "$src" --kb "$tmp/lowered" "$src/facts/cases" > "$tmp/diff.out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "diff of a lowered floor: exit $rc, want 1"
grep -qF "LOWERED OR CHANGED floor red-flag weakness" "$tmp/diff.out" || fail "diff banner: $(head -5 "$tmp/diff.out")"
# approved by the clinical lead, check passes the static step again
"$tp" floor approve --kb "$tmp/lowered" --by "Dr Test" > "$tmp/approve.out" || fail "approve: $(cat "$tmp/approve.out")"
grep -q '(by "Dr Test")' "$tmp/lowered/facts/floor-approval.clp" || fail "no approval record written"
"$tp" check --kb "$tmp/lowered" --combinations 0 > "$tmp/out" 2>&1 || true
grep -q '^static: [0-9]* rules, [0-9]* questions: 0 problems$' "$tmp/out" || fail "approved: $(head -5 "$tmp/out")"
# a record edited by hand is refused
edit "$tmp/lowered/facts/floor-approval.clp" '"floor red-flag weakness see-clinician"' '"floor red-flag weakness self-care"'
fails_naming lowered "EDITED BY HAND: the record's entries do not match its hash"

# 7. a row's answer narrowed (unsure dropped) is named by the approval too
copy narrowed
edit "$tmp/narrowed/facts/flags.clp" '(question numbness) (values yes unsure)' '(question numbness) (values yes)'
fails_naming narrowed "LOWERED OR CHANGED row red-flag-numbness:"

# 9. a new red flag: the places docs/rules.md's checklist names. Without its
#    reason for unsure, or with no case file raising it, plain check fails
#    naming it; with both it passes.
mkdir -p "$tmp/newflag" && cp -r "$src/rules" "$src/facts" "$tmp/newflag/"
k=$tmp/newflag/facts
cat >> "$k/questions.clp" <<'CLP'

(deffacts MAIN::night-sweats-question
   (question (id night-sweats) (order 38) (kind choice) (values yes no unsure) (safety yes)
      (when always) (ask-below urgent)
      (text "Since the pain began, have you been waking up drenched in sweat?")
      (help "Sweats heavy enough to soak your nightclothes or sheets, not just feeling warm.")
      (unsure "If you are not sure, we treat it as yes.")))
CLP
cat >> "$k/flags.clp" <<'CLP'

(deffacts MAIN::night-sweats-row
   (flag-trigger (kind red-flag) (id night-sweats) (rule red-flag-night-sweats)
      (comment "NHS back pain (urgent advice): back pain with night sweats needs a GP soon.")
      (question night-sweats) (values yes unsure)
      (reason "Drenching night sweats with new pain can come from an infection or another illness.")
      (source nhs-bp)))
CLP
printf '\n(deffacts MAIN::night-sweats-level\n   (flag-level (kind red-flag) (id night-sweats) (level urgent) (source nhs-bp)))\n' >> "$k/levels.clp"
printf '\n(deffacts MAIN::night-sweats-floor\n   (safety-floor (kind red-flag) (id night-sweats) (level urgent) (source nhs-bp)))\n' >> "$k/safety-floor.clp"
printf '\n(deffacts MAIN::night-sweats-text\n   (text (kind red-flag) (id night-sweats) (text "Drenching night sweats")))\n' >> "$k/texts.clp"
printf '\n(deffacts MAIN::night-sweats-alone\n   (ask-alone (question night-sweats) (reason "A new sign, asked on its own until it has a checklist.")))\n' >> "$k/groups.clp"
"$tp" floor approve --kb "$tmp/newflag" --by "Dr Test" > "$tmp/approve.out" || fail "approve: $(cat "$tmp/approve.out")"
grep -qF "added row red-flag-night-sweats: red-flag night-sweats when night-sweats = yes|unsure" "$tmp/approve.out" ||
  fail "approve did not show the new row: $(cat "$tmp/approve.out")"
# its reason for an unsure answer (issue 23, kind 6): named while missing
fails_naming newflag 'row red-flag-night-sweats can conclude from an answer "unsure" (question night-sweats) but has no reason for it'
printf '\n(deffacts MAIN::night-sweats-unsure\n   (text (kind unsure-reason) (id red-flag-night-sweats) (text "You were not sure whether you wake up drenched in sweat. So it is read the cautious way, as yes: with new pain it can come from an infection or another illness.")))\n' >> "$k/unsure-reasons.clp"
"$tp" cases add --kb "$tmp/newflag" night-sweats=no "$k/cases" > /dev/null || fail "cases add"
fails_naming newflag "no case file raises red-flag night-sweats: add one (facts/cases/red-flag-night-sweats.sym)"
sed 's/^night-sweats = no$/night-sweats = yes/; /^expect /d' "$k/cases/red-flag-night-pain.sym" |
  sed 's/^night-pain = yes$/night-pain = no/' > "$k/cases/red-flag-night-sweats.sym"
printf 'expect disposition = urgent\nexpect red-flag = night-sweats\n' >> "$k/cases/red-flag-night-sweats.sym"
fails_naming newflag "no case file raises red-flag night-sweats from an unsure answer, though rule red-flag-night-sweats reads night-sweats = unsure as raising it"
sed 's/^night-sweats = yes$/night-sweats = unsure/' "$k/cases/red-flag-night-sweats.sym" > "$k/cases/red-flag-night-sweats-unsure.sym"
"$tp" check --kb "$tmp/newflag" --combinations 3000 > "$tmp/out" 2>&1 || fail "the new flag with its cases: $(grep -v '^safety\|^groups' "$tmp/out" | head -20)"

# 8. the shipped floor is pinned: its approval record's hash, and check's
#    static step accepts it
grep -q '(hash "b81ca7cfa4c8c7ac")' "$src/facts/floor-approval.clp" ||
  fail "the shipped floor's approval changed: $(grep -o 'hash "[0-9a-f]*"' "$src/facts/floor-approval.clp")"

# 10. rule-directed verification: a technique that ignores its restrictions
#     is found by its witness even with a budget of one combination
copy witness
perl -0pi -e 's/(\(defrule ADVICE::technique-ball-floor-press-hold.*?)\n            \(not \(conclusion \(kind restriction\)\n                    \(id [^()]*\)\)\)\)/$1)/s' \
  "$tmp/witness/rules/20-advice.clp"
grep -A7 'defrule ADVICE::technique-ball-floor-press-hold' "$tmp/witness/rules/20-advice.clp" | grep -q 'kind restriction' &&
  fail "restriction guard not removed"
set +e; "$tp" check --kb "$tmp/witness" --combinations 1 > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "witness: exit $rc, want 1"
grep -q '^violation: restriction no-deep-pressure forbids technique ball-floor-press-hold, which stands beside it$' "$tmp/out" ||
  fail "witness: $(grep -v '^groups' "$tmp/out" | head -12)"

# 11. unsure is the most cautious answer: a level rule reading unsure as no
copy unsurelevel
perl -0pi -e 's/(\(defrule TRIAGE::urgent-pain-below-knee-with-numbness.*?\(question numbness\) \(value )yes\|unsure/${1}yes/s' \
  "$tmp/unsurelevel/rules/10-triage.clp"
set +e; "$tp" check --kb "$tmp/unsurelevel" --combinations 1 > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "unsure level rule: exit $rc, want 1"
grep -q '^violation: unsure is not the most cautious answer: numbness = unsure instead of yes gives see-clinician, less urgent than urgent$' "$tmp/out" ||
  fail "unsure level rule: $(grep -v '^groups' "$tmp/out" | head -12)"

# 12. the verification never weakens silently: a budget too small to cross
#     every emergency flag says which are not crossed and what would
set +e; "$tp" check --combinations 20000 > "$tmp/out" 2>&1; set -e
grep -q '^safety: NOT crossed with all their answers: .*very-unwell (emergency flags); about [0-9]* combinations would cross them (--combinations [0-9]*)$' "$tmp/out" ||
  fail "uncrossed emergency flags not named: $(grep '^safety' "$tmp/out")"

# 13. content edits are listed by diff: a dose, a question's safety setting,
#     a deleted forbids fact (safety-relevant: diff fails)
copy content
edit "$tmp/content/facts/texts.clp" 'Hold still for 30 to 60 seconds on each knot' 'Hold still for 3 to 6 minutes on each knot'
edit "$tmp/content/facts/prerequisites.clp" '   (forbids (kind restriction) (id no-pressure) (other-kind technique) (other-id any))' ''
n=$(grep -n '(question (id tingling)' "$tmp/content/facts/questions.clp" | cut -d: -f1)
sed -i "${n}s/(safety yes)/(safety no)/" "$tmp/content/facts/questions.clp"
set +e; "$tp" diff --kb "$src" --kb "$tmp/content" "$src/facts/cases" > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "content diff: exit $rc, want 1"
grep -q '^  dose technique ball-wall-press-hold: "Hold still for 30 to 60 seconds' "$tmp/out" ||
  grep -q '^  dose technique [a-z-]*: "Hold still for 30 to 60 seconds.*" -> "Hold still for 3 to 6 minutes' "$tmp/out" ||
  fail "dose not listed: $(grep '^content\|^  ' "$tmp/out" | head -8)"
grep -qF '  SAFETY question tingling safety: "yes" -> "no"' "$tmp/out" || fail "safety setting not listed"
grep -qF '  SAFETY REMOVED forbids restriction no-pressure technique any' "$tmp/out" || fail "forbids not listed"
echo ok
