#!/bin/bash
# What a person sees on an 80x24 terminal (tests/tools/ptydrive): at the end
# of the calm path the last 24 rows hold the short plan (the level, what to
# do, the first technique with its dose, when to stop) and the one-line
# diary offer; :summary shows the plan again. A red-flag path ends with the
# number to call on the result's first line and the plan, with no diary
# offer; a contraindication path with its plan. Ctrl-C says what it did;
# Ctrl-D mid-interview keeps the autosave and says how to go on (the next
# session offers to resume); a resize is followed at once. No author text
# on any of these screens (tests/lint/patient_text.py covers every level).
. "$(dirname "$0")/../e2e.sh"
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" HOME="$tmp/home" TERM=xterm NO_COLOR=1
export PTYDRIVE_COLUMNS=80 PTYDRIVE_ROWS=24 LANG=en_GB.UTF-8
unset TPTRIAGE_GROUPS TPTRIAGE_DIARY TPTRIAGE_LOCALE
mkdir -p "$HOME"
log=$tmp/log
fail() { echo "FAIL: $*"; echo "--- screen"; cat "$tmp/screen" 2>/dev/null; exit 1; }
drive() { # drive SCRIPT [ARGS...]: the log as seen, and its last 24 rows
  local script=$1
  shift
  "$PTYDRIVE" "$script" "$log" -- "$tp" --kb "$src" "$@" || { cat "$log"; fail "ptydrive: $script"; }
  sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r$//; s/.*\r//' "$log" >"$log.plain"
}
screen_at() { # screen_at TEXT: the 24 rows that end at the last line holding TEXT
  awk -v t="$1" 'index($0, t) { n = NR } { l[NR] = $0 } END { for (i = n - 23; i <= n; i++) if (i > 0) print l[i] }' \
    "$log.plain" >"$tmp/screen"
}
author='flag-level|calls for the level|issue [0-9]|shared/|\.clp|the brief|the guide|rule behind|tptriage batch'
q() { echo "wait left)"; echo "send $1"; }

# ---- the calm path, through the checklists
{
  q 0; q 0; q no; q "not tried"; q "not tried"; q 0; q 40; q 0
  q "top of the hip"; q 2; q "tennis ball"; q "1 2"
  echo "wait y/N>"; echo "send y"
  echo "wait 0-10>"; echo "send 11"
  echo "wait is not a pain score"; echo "send 6/10"
  echo "wait Kept in your diary"
  echo "send :summary"
  echo "wait :summary shows"
  echo "send :quit"
} >"$tmp/calm"
drive "$tmp/calm"
screen_at "y/N>"
grep -q '^---- Your plan ----$' "$tmp/screen" || fail "calm: no plan on the last screen"
grep -q '^Self-care$' "$tmp/screen" || fail "calm: no level in the plan"
grep -q '^Start with: ' "$tmp/screen" || fail "calm: no first technique"
grep -qi 'press and hold\|seconds' "$tmp/screen" || fail "calm: no dose"
grep -q '^When to stop: ' "$tmp/screen" || fail "calm: no stop line"
[ "$(grep -c 'check-in' "$tmp/screen")" = 1 ] || fail "calm: the diary offer is not one line"
grep -B1 'y/N>' "$tmp/screen" | head -1 | grep -q 'check-in' || fail "calm: the offer is not the line above the prompt"
grep -Eq "$author" "$log.plain" && fail "calm: author text: $(grep -E "$author" "$log.plain" | head -3)"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$log.plain" || fail "calm: a line over 80 columns"
[ "$(grep -c '^---- Your plan ----$' "$log.plain")" = 2 ] || fail ":summary did not show the plan again"
grep -q "^'11' is not a pain score: type a whole number from 0" "$log.plain" || fail "pain 11 not refused with why"
grep -q '"pain":6,' "$XDG_DATA_HOME/tptriage/diary.jsonl" || fail "6/10 not kept as 6"
echo "ok: calm path: the plan on the last 24 rows, a one-line diary offer, :summary"
rm -rf "$XDG_DATA_HOME" # the next runs start with no diary

# ---- a red flag: the number first, the plan, no diary offer
{
  echo "wait left)"; echo "send 2"
  echo "wait command>"; echo "send :quit"
} >"$tmp/red"
drive "$tmp/red"
grep -q '^!! Possible emergency: Call 999 now' "$log.plain" || fail "red: no number in the alert"
grep -q '^==== Possible emergency: Call 999 now ====' "$log.plain" || fail "red: no number on the result's first line"
screen_at "command>"
grep -q '^Possible emergency: Call 999 now$' "$tmp/screen" || fail "red: the plan does not name the number"
grep -q 'y/N>' "$log.plain" && fail "red: a diary offer after an emergency"
grep -Eq "$author" "$log.plain" && fail "red: author text: $(grep -E "$author" "$log.plain" | head -3)"
echo "ok: red-flag path: the number on the first line, no diary offer"

# ---- a contraindication (blood thinners): self-care with limits
{
  q 0; q 0; q no; q "not tried"; q "not tried"; q 0; q 40; q 1
  q "top of the hip"; q 2; q "tennis ball"; q "1 2"
  echo "wait y/N>"; echo "send n"
  echo "wait Nothing kept"; echo "send :quit"
} >"$tmp/contra"
drive "$tmp/contra"
screen_at "y/N>"
grep -q '^---- Your plan ----$' "$tmp/screen" || fail "contra: no plan on the last screen"
grep -q '^Self-care, with limits$' "$tmp/screen" || fail "contra: not self-care with limits"
grep -Eq "$author" "$log.plain" && fail "contra: author text: $(grep -E "$author" "$log.plain" | head -3)"
echo "ok: contraindication path"

# ---- Ctrl-C says what it did; Ctrl-D mid-interview keeps the answers
{
  q 0
  echo "wait left)"; echo "raw half typed\\003"
  echo "wait Ctrl-C cleared the line"
  echo "eof"
  echo "wait Stopped for now"
} >"$tmp/ctrl"
drive "$tmp/ctrl"
grep -q 'Ctrl-C cleared the line; answers kept' "$log.plain" || fail "Ctrl-C said nothing"
grep -q '^Stopped for now; your 5 answers are saved. Run tptriage again' "$log.plain" ||
  fail "Ctrl-D did not say how to resume: $(tail -5 "$log.plain")"
[ -s "$XDG_STATE_HOME/tptriage/autosave.sym" ] || fail "Ctrl-D deleted the autosave"
printf 'wait resume?\nsend y\nwait Resumed 5 answers\nwait left)\nsend :quit\n' >"$tmp/resume"
drive "$tmp/resume"
echo "ok: Ctrl-C and Ctrl-D"

# ---- a resize is followed at once: the answer typed after it is wrapped to 40
{
  q 0
  echo "wait left)"; echo "resize 40 24"; echo "send 0"
  echo "wait left)"; echo "send :quit"
} >"$tmp/resize"
drive "$tmp/resize" --fresh
# what follows the answer to the second checklist (typed after the resize)
awk '/Signs to get checked/ { n = NR } { l[NR] = $0 } END { for (i = n + 1; i <= NR; i++) if (length(l[i]) > 40) { print l[i]; bad = 1 } exit bad }' \
  "$log.plain" >"$tmp/long" || fail "not wrapped to 40 columns after the resize: $(cat "$tmp/long")"
[ "$(awk '/Signs to get checked/ { n = NR } END { print NR - n }' "$log.plain")" -gt 3 ] ||
  fail "nothing asked after the resize"
echo "ok: resize followed at once"
