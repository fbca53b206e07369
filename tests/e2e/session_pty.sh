#!/bin/bash
# A whole interactive session on a pseudo-terminal: readline, why, how,
# change, tab completion, Ctrl-C, save; then the saved file judged by
# `tptriage batch` must give the level the session gave.
. "$(dirname "$0")/../e2e.sh"
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" TERM=xterm
unset NO_COLOR

{
  echo "wait [saddle-numbness]"
  echo "send :why"
  echo "wait rule red-flag-saddle-numbness; source:"
  echo "send no"
  for q in bladder-bowel-change both-legs major-trauma chest-pain-or-breathless; do
    echo "wait [$q]"; echo "send no"
  done
  echo "wait [pain-below-knee]"
  echo "send no"
  echo "wait [numbness]"
  echo "send yes"
  echo "wait [tingling]"
  echo "send :how numbness"
  echo "wait because: numbness = yes"
  echo "send :change numbness"
  echo "wait [numbness]"
  echo "wait left)" # the progress line ends each question
  echo "wait > "
  # Ctrl-C drops the half-typed line and shows a new prompt; Tab completes "n" to "no"
  echo 'raw garbage\003'
  echo "wait > "
  echo 'raw n\t\r'
  for q in tingling weakness; do
    echo "wait [$q]"; echo "send no"
  done
  echo "wait [first-time]"; echo "send no"
  for q in worse-after-release sharp-pain-on-pressure; do
    echo "wait [$q]"; echo "send no"
  done
  echo "wait [days-of-self-care]"; echo "send 1"
  for q in cancer-history fever weight-loss night-pain calf-swelling back-lump infection-risk; do
    echo "wait [$q]"; echo "send no"
  done
  echo "wait [age]"; echo "send 40"
  for q in blood-thinners clot-treatment osteoporosis recent-injury recent-surgery hot-swollen broken-skin pregnant; do
    echo "wait [$q]"; echo "send no"
  done
  echo "wait [pain-location]"; echo "send hip-crest"
  echo "wait [sensitivity]"; echo "send moderate"
  echo "wait [equipment]"; echo "send tennis-ball"
  echo "wait [can-get-to-floor]"; echo "send yes"
  echo "wait [sits-long]"; echo "send yes"
  echo "wait :quit ends"
  echo "send :save $tmp/answers.sym"
  echo "wait Saved"
  echo "send :quit"
} >"$tmp/script"

"$PTYDRIVE" "$tmp/script" "$tmp/log" -- "$TPTRIAGE" --show-ids --kb "$TP_SOURCE_DIR" || {
  echo "--- session log"; cat "$tmp/log"; exit 1; }

log="$tmp/log"
fail() { echo "FAIL: $*"; echo "--- session log"; cat "$log"; exit 1; }
grep -q $'\033\\[1m' "$log" || fail "no colour on a terminal"
grep -q 'What changed:' "$log" || fail "change did not show what changed"
grep -q -- '- red-flag numbness' "$log" || fail "the numbness red flag was not withdrawn"
# mid-interview the level stays at best see-clinician: safety questions are open
grep -q 'level: see-clinician -> self-care' "$log" && fail "self-care said while questions are open"
grep -q '==== Self-care ====' "$log" || fail "no self-care summary"
grep -qx 'numbness = no' "$tmp/answers.sym" || fail "Ctrl-C or Tab completion went wrong"
grep -q 'garbage' "$tmp/answers.sym" && fail "Ctrl-C did not clear the line"
[ -s "$XDG_STATE_HOME/tptriage/history" ] || fail "no history file"

level=$("$TPTRIAGE" batch --format tsv --kb "$TP_SOURCE_DIR" "$tmp/answers.sym" | awk -F'\t' 'NR==2 {print $2}')
[ "$level" = "self-care" ] || fail "batch judged the saved file as '$level', the session said self-care"
echo "ok: session and batch agree on $level"

# NO_COLOR on a terminal: no colour; Ctrl-D at a question ends with the summary
printf 'wait [saddle-numbness]\nwait > \neof\n' >"$tmp/script2"
NO_COLOR=1 "$PTYDRIVE" "$tmp/script2" "$tmp/log2" -- "$TPTRIAGE" --show-ids --kb "$TP_SOURCE_DIR" ||
  { cat "$tmp/log2"; exit 1; }
log="$tmp/log2"
grep -q $'\033\\[1m' "$log" && fail "colour with NO_COLOR set"
grep -q 'End of the questions: those left count as unanswered' "$log" || fail "Ctrl-D did not end cleanly"
grep -q '==== See a professional within days (provisional) ====' "$log" || fail "no summary after Ctrl-D"
grep -q 'Provisional: ' "$log" || fail "the summary after Ctrl-D is not marked provisional"
echo "ok: NO_COLOR and Ctrl-D"
