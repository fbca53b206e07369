#!/bin/bash
# The interview as a person sees it on an 80-column terminal: numbered
# choices with plain labels, answers typed as numbers, words in any case and
# synonyms, a bare command hinted at, the disclaimer and command hint said
# once at the start and once in the result, a progress line, every line
# wrapped within 80 columns between words. Then the diary: the first session
# keeps a check-in (pain 6); three days later (TPTRIAGE_TODAY) the session
# greets "3 days ago", asks the pain score (6 again), fills
# days-of-self-care and improving from the diary and takes where it hurts
# from the last check-in, and the no-improvement
# red flag fires; :report with ~ asks before replacing a file and says the
# absolute path it wrote; --no-diary neither greets nor offers.
. "$(dirname "$0")/../e2e.sh"
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" HOME="$tmp/home" TERM=xterm
export PTYDRIVE_COLUMNS=80
# one question per prompt, as this test was written (session_groups.sh drives
# the checklists, with the wrapping and the prompt count)
export TPTRIAGE_GROUPS=off
unset NO_COLOR TPTRIAGE_DIARY
mkdir -p "$HOME"
log="$tmp/log"
fail() { echo "FAIL: $*"; echo "--- session log"; cat "$log"; exit 1; }
drive() { # drive SCRIPT DAY [ARGS...]
  local script=$1 day=$2
  shift 2
  TPTRIAGE_TODAY=$day "$PTYDRIVE" "$script" "$log" -- "$TPTRIAGE" --fresh --kb "$TP_SOURCE_DIR" "$@" ||
    fail "ptydrive: $script"
  # the log as seen: no escape sequences, no carriage returns
  sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r//g' "$log" >"$log.plain"
}
q() { echo "wait left)"; echo "send $1"; } # answer the next question

# ---- day one: numbers, words, synonyms, a bare command; keep a check-in
{
  q 2; q No; q NO; q nope
  q back; echo "wait (type :back)"; echo "send no"
  q no; q 2; q no; q no
  q no # not the first time: the floor question is asked
  q "not tried"; q "Not Tried"
  q "0 days"
  for i in 1 2 3 4 5 6 7; do q no; done
  q "40 years"
  for i in 1 2 3 4 5 6 7 8; do q no; done
  q "top of the hip"; q 2; q "Tennis ball"; q y; q yes
  echo "wait y/N>"; echo "send y"
  echo "wait 0-10>"; echo "send 6"
  echo "wait Kept in your diary"
  echo "send :save ~/answers.sym"
  echo "wait Saved"
  echo "send :quit"
} >"$tmp/day1"
drive "$tmp/day1" 2026-11-26
p="$log.plain"
grep -q '^  1 Yes  2 No  3 Not sure$' "$p" || fail "no numbered choices with labels"
grep -q '^  1 A broad ache across the buttock$' "$p" || fail "long labels not one a line"
grep -q "^'back' is not an answer here: commands start with ':' (type :back)" "$p" || fail "bare back"
grep -q '(about [0-9]* questions left)' "$p" || fail "no progress line"
[ "$(grep -c 'General information, not a diagnosis' "$p")" = 2 ] || fail "disclaimer not once + once"
grep -q ':why says why it is asked' "$p" && fail "the command hint is repeated at prompts"
grep -q '==== Self-care ====' "$p" || fail "typed answers did not reach self-care"
awk 'length($0) > 80 { print; bad = 1 } END { exit bad }' "$p" >"$tmp/long" ||
  fail "lines over 80 columns: $(cat "$tmp/long")"
# wrapped between words: the long question joins back into its own text
tr '\n' ' ' <"$p" | sed 's/  */ /g' >"$tmp/joined"
grep -qF 'Since this pain began, have you had new trouble starting or stopping urine, leaking, not feeling a full bladder, or losing control of your bowels or the feeling that you need to go?' \
  "$tmp/joined" || fail "a question was broken inside a word"
grep -q "^Saved 34 answers to $HOME/answers.sym" "$p" || fail "~ not expanded or not absolute"
level=$("$TPTRIAGE" batch --format tsv --kb "$TP_SOURCE_DIR" "$HOME/answers.sym" | awk -F'\t' 'NR==2 {print $2}')
[ "$level" = self-care ] || fail "batch judged the saved answers $level"
diary="$XDG_DATA_HOME/tptriage/diary.jsonl"
grep -q '^{"date":"2026-11-26","pain":6,"level":"self-care",' "$diary" || fail "no check-in: $(cat "$diary")"
echo "ok: day one, $(grep -c 'left)' "$p") prompts"

# ---- three days later: greeted, pain asked, days and improving filled
{
  echo "wait 0-10>"; echo "send 6"
  for i in 1 2 3 4 5 6 7 8 9; do q no; done
  q yes # first-time
  q "not tried"; q 4
  q yes
  for i in 1 2 3 4 5 6 7; do q no; done
  q 40
  q no; q no; q no
  q yes # sits-long
  echo "wait y/N>"; echo "send n"
  echo "wait Nothing kept"
  echo "send :report ~/report.md"
  echo "wait Wrote the report to"
  echo "send :report ~/report.md"
  echo "wait already exists"
  echo "send y"
  echo "wait Wrote the report to"
  echo "send :quit"
} >"$tmp/day4"
drive "$tmp/day4" 2026-11-29 --show-ids
grep -q '^Welcome back: your last check-in was 3 days ago (2026-11-26).$' "$p" || fail "no greeting"
grep -q '^  (:change days-of-self-care corrects it.)$' "$p" || fail "days not filled"
grep -A1 '^From your diary:' "$p" | grep -A1 'For how many days' >/dev/null || fail "days not shown"
grep -q 'getting better? No$' "$p" || fail "improving not filled with No"
# only what may have changed is asked: where it hurts comes from the last check-in
tr '\n' ' ' <"$p" | sed 's/  */ /g' >"$tmp/joined4"
grep -qF 'From your diary: Where is the pain? Give one or more, separated by commas. High up, near the top of the hip bone (:change pain-location corrects it.)' \
  "$tmp/joined4" || fail "pain-location not taken from the last check-in"
grep -q '^\[pain-location\]' "$p" && fail "pain-location asked again"
grep -q '==== See a professional within days ====' "$p" || fail "not see-clinician"
grep -q 'No clear improvement after three or more days of self-care \[no-improvement\]' "$p" ||
  fail "the no-improvement red flag did not fire"
grep -q "^$HOME/report.md already exists. Type y to replace it" "$p" || fail "no question before replacing"
[ "$(grep -c "^Wrote the report to $HOME/report.md.$" "$p")" = 2 ] || fail "report not written twice"
grep -q '^## Safety net' "$HOME/report.md" || fail "no safety net in the report"
grep -qF 'days-of-self-care`) | 3 |' "$HOME/report.md" || fail "filled answer not in the report: $(cat "$HOME/report.md")"
[ "$(wc -l <"$diary")" = 1 ] || fail "a check-in kept without consent"
echo "ok: follow-up three days later raises no-improvement"

# ---- --no-diary: no greeting, no offer
printf 'wait left)\nwait > \neof\n' >"$tmp/off"
drive "$tmp/off" 2026-11-29 --no-diary
grep -q 'Welcome back' "$p" && fail "--no-diary greeted"
grep -q 'y/N>' "$p" && fail "--no-diary offered to keep"
echo "ok: --no-diary"

# ---- a diary-fill fact the session cannot use is said, and the question asked
mkdir "$tmp/kb"
cp -r "$TP_SOURCE_DIR/rules" "$TP_SOURCE_DIR/facts" "$tmp/kb/"
sed -i 's/(if-lower yes) (otherwise no)/(if-lower better) (otherwise no)/' "$tmp/kb/facts/diary.clp"
printf 'wait 0-10>\nsend 6\nwait left)\nwait > \neof\n' >"$tmp/badfill"
TPTRIAGE_TODAY=2026-11-29 PTYDRIVE_COLUMNS=200 "$PTYDRIVE" "$tmp/badfill" "$log" -- "$TPTRIAGE" --fresh --kb "$tmp/kb" ||
  fail "ptydrive: bad fill"
grep -q 'facts: the diary-fill for improving gives an answer the question does not allow: better' "$log" ||
  fail "a bad diary-fill fact was not said"
echo "ok: a bad diary-fill fact is said"
