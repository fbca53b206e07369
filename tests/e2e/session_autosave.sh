#!/bin/bash
# Nothing lost: a session on a terminal saves its answers after every one
# ($XDG_STATE_HOME/tptriage/autosave.sym, 0600 in a 0700 folder); killed by
# SIGHUP after five answers, the next session offers to resume and goes on
# with the same five answers and the same next question; SIGTERM saves too;
# a finished or quit session removes the file; --fresh ignores it; "n"
# declines it. Only commands reach the history file (0600), never answers.
# Links planted at the autosave and history names are refused.
. "$(dirname "$0")/../e2e.sh"
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" TERM=xterm NO_COLOR=1
state="$XDG_STATE_HOME/tptriage"
save="$state/autosave.sym"
log="$tmp/log"
fail() { echo "FAIL: $*"; echo "--- session log"; cat "$log"; exit 1; }
drive() { # drive SCRIPT [ARGS...]: the session on a terminal
  local script=$1
  shift
  "$PTYDRIVE" "$script" "$log" -- "$TPTRIAGE" --show-ids --kb "$TP_SOURCE_DIR" "$@" ||
    fail "ptydrive: $script"
}
five="saddle-numbness bladder-bowel-change both-legs major-trauma chest-pain-or-breathless"

# 1. five answers, a command, then SIGHUP (the terminal closed): exit 129
{
  for q in $five; do echo "wait [$q]"; echo "send no"; done
  echo "wait [pain-below-knee]"
  echo "send :answers"
  echo "wait chest-pain-or-breathless"
  echo "wait > "
  echo "signal 1"
  echo "status 129"
} > "$tmp/hup"
drive "$tmp/hup"
[ -f "$save" ] || fail "no autosave after SIGHUP"
[ "$(stat -c %a "$save")" = 600 ] || fail "autosave mode $(stat -c %a "$save"), want 600"
[ "$(stat -c %a "$state")" = 700 ] || fail "state folder mode $(stat -c %a "$state"), want 700"
for q in $five; do grep -qx "$q = no" "$save" || fail "$q not in the autosave"; done
[ "$(grep -vc '^#' "$save")" -eq 5 ] || fail "the autosave does not hold exactly five answers"
echo "ok: SIGHUP after five answers leaves them in a 0600 autosave"

# history: the command is there, no answer is, and the file is private
hist="$state/history"
grep -qx ':answers' "$hist" || fail "the command is not in the history"
grep -qvE '^[:.]' "$hist" && fail "an answer reached the history: $(grep -vE '^[:.]' "$hist")"
[ "$(stat -c %a "$hist")" = 600 ] || fail "history mode $(stat -c %a "$hist"), want 600"
echo "ok: the history holds commands only, mode 600"

# the terminal closed under it (a dropped connection): the same
cp "$save" "$tmp/five.sym"
{
  echo "wait [saddle-numbness]"
  echo "send no"
  echo "wait [bladder-bowel-change]"
  echo "send no"
  echo "wait [both-legs]"
  echo "hangup"
  echo "status 129"
} > "$tmp/hangup"
drive "$tmp/hangup" --fresh
# --fresh leaves the unfinished session it ignored and saves in a file of its own
cmp -s "$save" "$tmp/five.sym" || fail "--fresh replaced the unfinished session it ignored"
[ "$(grep -vc '^#' "$state/autosave-2.sym")" -eq 2 ] ||
  fail "a closed terminal: the two answers were not saved"
rm "$state/autosave-2.sym"
echo "ok: a closed terminal leaves the answers given in the autosave (exit 129)"

# 2. the next session offers to resume; Enter says yes; same five answers,
#    same next question; :quit ends it and removes the autosave
touch -d '10 minutes ago' "$save"
{
  echo "wait You have an unfinished check from 10 minutes ago: resume? [Y/n] "
  echo "send "
  echo "wait Resumed 5 answers"
  echo "wait [pain-below-knee]"
  echo "send :answers"
  echo "wait chest-pain-or-breathless"
  echo "wait > "
  echo "send :quit"
} > "$tmp/resume"
drive "$tmp/resume"
for q in $five; do
  grep -qE "  $q +no" "$log" || fail "resumed without $q"
done
grep -q '\[saddle-numbness\]' "$log" && fail "the resumed session asked a question already answered"
[ ! -e "$save" ] || fail "the autosave is still there after :quit"
echo "ok: resumed with the same five answers and the same next question; :quit removed the autosave"

# 3. SIGTERM saves too, and says so; --fresh does not offer and leaves the
#    file; "n" declines and removes it
{
  echo "wait [saddle-numbness]"
  echo "send no"
  echo "wait [bladder-bowel-change]"
  echo "signal 15"
  echo "wait your answers are saved"
  echo "status 143"
} > "$tmp/term"
drive "$tmp/term"
grep -qx 'saddle-numbness = no' "$save" || fail "SIGTERM: the answer was not saved"
printf 'wait [saddle-numbness]\nsend :quit\n' > "$tmp/fresh"
drive "$tmp/fresh" --fresh
grep -q 'resume?' "$log" && fail "--fresh offered to resume"
[ -f "$save" ] || fail "--fresh removed the unfinished session it ignored"
printf 'wait resume? [Y/n] \nsend n\nwait Starting afresh.\nwait [saddle-numbness]\nsend :quit\n' \
  > "$tmp/decline"
drive "$tmp/decline"
[ ! -e "$save" ] || fail "declining did not remove the autosave"
echo "ok: SIGTERM saves (exit 143); --fresh ignores; n declines"

# 4. a finished session leaves nothing; a history file from before (with
#    answers in it) loses them
printf 'no\nyes\n:why\n' > "$hist"
{
  echo "wait [saddle-numbness]"
  echo "send yes"
  echo "wait command> "
  echo "send :quit"
} > "$tmp/finish"
drive "$tmp/finish"
[ ! -e "$save" ] || fail "a finished session left its autosave"
[ "$(cat "$hist")" = ":why"$'\n'":quit" ] || fail "history: $(cat "$hist")"
echo "ok: a finished session leaves no autosave; answers are dropped from an old history"

# 5. links planted at the autosave and history names are refused, not
#    followed: their target stays as it was, the session goes on, its
#    answers saved in a file of its own
rm -f "$save" "$hist"
echo precious > "$tmp/victim"
ln -s "$tmp/victim" "$save"
ln -s "$tmp/victim" "$hist"
{
  echo "wait [saddle-numbness]"
  echo "send no"
  echo "wait is a symbolic link"
  echo "wait > "
  echo "send :quit"
} > "$tmp/planted"
drive "$tmp/planted"
grep -q "Could not save" "$log" && fail "the session could not save beside a planted link"
grep -q "tptriage: $hist: is a symbolic link" "$log" || fail "the planted history link was not refused"
[ "$(cat "$tmp/victim")" = precious ] || fail "a planted link was followed"
[ -L "$save" ] && [ -L "$hist" ] || fail "a planted link was replaced"
[ ! -e "$state/autosave-2.sym" ] || fail "the quit session left its own autosave"
echo "ok: links planted at the autosave and history names are refused; their target is untouched"
