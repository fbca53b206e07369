#!/bin/bash
# The session with piped stdin: plain text, no escape codes, one answer or
# command per line; a wrong answer is refused and asked again; end of input
# ends cleanly with the summary so far.
. "$(dirname "$0")/../e2e.sh"
export COLUMNS=1000 # the session's lines unwrapped: this test reads what they say, not their layout
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
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
grep -q '^==== Possible emergency: Call .* ====' "$tmp/out" || fail "no summary"
grep -q 'because: bladder-bowel-change = yes' "$tmp/out" || fail ".how after the summary"
grep -q 'General information, not a diagnosis' "$tmp/out" || fail "no disclaimer"
[ "$(grep -c '^\[' "$tmp/out")" -eq 2 ] || fail "questions asked after the emergency"

# end of input in the middle: the rest is unanswered, so at best see-clinician,
# marked provisional; a report written on the way says so too; and batch on
# the saved answers gives the same level and the same unanswered questions
# (--show-ids: the questions by their ids, as batch names them)
printf 'no\nno\nno\nno\nno\n:answers\n:report %s\n:save %s\n' "$tmp/r.md" "$tmp/a.sym" |
  "$TPTRIAGE" --kb "$TP_SOURCE_DIR" --show-ids >"$tmp/out" 2>&1 || fail "exit status $?"
grep -q 'End of the questions: those left count as unanswered' "$tmp/out" || fail "no end note"
grep -q '^==== See a professional within days (provisional) ====' "$tmp/out" ||
  fail "wrong level or no provisional mark at EOF"
grep -q '^Provisional: .* count as unanswered (as tptriage batch counts them)' "$tmp/out" ||
  fail "no provisional note at EOF"
grep -Eq '^==== Self-care|-> (gentle-)?self-care|^- Level: \*\*Self-care' "$tmp/out" "$tmp/r.md" &&
  fail "self-care said while safety questions are open"
grep -q '^Not answered: pain-below-knee' "$tmp/out" || fail "unanswered not listed"
grep -q '^  chest-pain-or-breathless   no$' "$tmp/out" || fail ":answers did not list"
grep -q '^- Status: \*\*Provisional\*\*' "$tmp/r.md" || fail "the report is not marked provisional"
"$TPTRIAGE" batch --format tsv --kb "$TP_SOURCE_DIR" "$tmp/a.sym" >"$tmp/tsv" || fail "batch failed"
level=$(awk -F'\t' 'NR==2 {print $2}' "$tmp/tsv")
[ "$level" = see-clinician ] || fail "batch says $level"
unanswered=$(awk -F'\t' 'NR==1 {for (i = 1; i <= NF; i++) if ($i == "unanswered") c = i} NR==2 {print $c}' "$tmp/tsv")
[ "$(grep '^Not answered:' "$tmp/out" | sed 's/^Not answered: //; s/ /,/g')" = "$unanswered" ] ||
  fail "batch leaves $unanswered unanswered"

# ? and unknown commands leave the question in place
printf '?\n:nonsense\nno\n' | "$TPTRIAGE" --kb "$TP_SOURCE_DIR" --show-ids >"$tmp/out" 2>&1
grep -q "the 'saddle' area" "$tmp/out" || fail "? gave no help"
grep -q 'we treat it as yes: this sign is too important' "$tmp/out" || fail "? did not say how unsure counts"
grep -q 'Unknown command :nonsense' "$tmp/out" || fail "unknown command"
grep -q '^\[bladder-bowel-change\]' "$tmp/out" || fail "the dialogue did not go on"
echo ok
