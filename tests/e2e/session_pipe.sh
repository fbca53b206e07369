#!/bin/bash
# The session with piped stdin: plain text, no escape codes, one answer or
# command per line; a wrong answer is refused and asked again; end of input
# ends cleanly with the summary so far.
. "$(dirname "$0")/../e2e.sh"
fail() { echo "FAIL: $*"; echo "--- output"; cat "$tmp/out"; exit 1; }
unset NO_COLOR

# an emergency is said at once, with what to do, then the summary
printf 'no\nperchance\nyes\n.how emergency\n' |
  "$TPTRIAGE" --kb "$TP_SOURCE_DIR" --show-ids >"$tmp/out" 2>&1 || fail "exit status $?"
grep -q $'\033' "$tmp/out" && fail "escape codes when not on a terminal"
grep -q "'perchance' is not allowed for bladder-bowel-change: give yes, no or unsure" "$tmp/out" ||
  fail "a wrong answer was not refused"
grep -q '^!! Possible emergency' "$tmp/out" || fail "the emergency was not said at once"
grep -q 'Call your local emergency number' "$tmp/out" || fail "no todo text"
grep -q '^==== Possible emergency ====' "$tmp/out" || fail "no summary"
grep -q 'because: bladder-bowel-change = yes' "$tmp/out" || fail ".how after the summary"
grep -q 'General information, not a diagnosis' "$tmp/out" || fail "no disclaimer"
[ "$(grep -c '^\[' "$tmp/out")" -eq 2 ] || fail "questions asked after the emergency"

# end of input in the middle: the rest is unanswered, so at best see-clinician
printf 'no\nno\nno\nno\nno\n:answers\n' | "$TPTRIAGE" --kb "$TP_SOURCE_DIR" >"$tmp/out" 2>&1 ||
  fail "exit status $?"
grep -q 'End of the questions: those left count as unanswered' "$tmp/out" || fail "no end note"
grep -q '^==== See a professional within days ====' "$tmp/out" || fail "wrong level at EOF"
grep -q '^Not answered: pain-below-knee' "$tmp/out" || fail "unanswered not listed"
grep -q '^  chest-pain-or-breathless   no$' "$tmp/out" || fail ":answers did not list"

# ? and unknown commands leave the question in place
printf '?\n:nonsense\nno\n' | "$TPTRIAGE" --kb "$TP_SOURCE_DIR" --show-ids >"$tmp/out" 2>&1
grep -q "the 'saddle' area" "$tmp/out" || fail "? gave no help"
grep -q 'we treat it as yes: this sign is too important' "$tmp/out" || fail "? did not say how unsure counts"
grep -q 'Unknown command :nonsense' "$tmp/out" || fail "unknown command"
grep -q '^\[bladder-bowel-change\]' "$tmp/out" || fail "the dialogue did not go on"
echo ok
