#!/bin/bash
# Local state under a careless or hostile neighbour (issue 25):
#  - two sessions at once each keep their own autosave: the second is not
#    offered the first's answers, quitting it leaves them, and the first,
#    stopped, says "saved" only with the file there;
#  - 30 sessions keeping a diary check-in at the same moment: all 30 kept;
#  - a state or data folder writable by others, or not a folder, is refused
#    with how to fix it, and nothing is read from it;
#  - a FIFO at the history, diary or autosave name never hangs a session;
#  - :report, :save, the autosave, the diary and the history are 0600 even
#    under umask 000.
. "$(dirname "$0")/../e2e.sh"
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" HOME="$tmp/home" TERM=xterm NO_COLOR=1
export TPTRIAGE_GROUPS=off TPTRIAGE_TODAY=2026-11-28
unset TPTRIAGE_DIARY
mkdir -p "$HOME"
state="$XDG_STATE_HOME/tptriage"
log="$tmp/log"
fail() { echo "FAIL: $*"; for l in "$tmp"/log*; do echo "--- $l"; cat "$l"; done; exit 1; }
drive() { # drive SCRIPT LOG [ARGS...]
  local script=$1 out=$2
  shift 2
  timeout 60 "$PTYDRIVE" "$script" "$out" -- "$tp" --show-ids --kb "$src" "$@"
}

# ---- 1. two sessions at once
{
  echo "wait [saddle-numbness]"; echo "send no"
  echo "wait [bladder-bowel-change]"; echo "send no"
  echo "wait [both-legs]"
  echo "waitfile $tmp/b-done"
  echo "signal 15"
  echo "wait your answers are saved"
  echo "status 143"
} > "$tmp/a"
drive "$tmp/a" "$log.a" --no-diary &
a=$!
for _ in $(seq 100); do [ -f "$state/autosave.sym" ] && grep -q both-legs "$log.a" 2>/dev/null && break; sleep 0.1; done
grep -qx 'bladder-bowel-change = no' "$state/autosave.sym" || fail "session A saved nothing"
{
  echo "wait [saddle-numbness]"; echo "send yes"
  echo "wait command> "; echo "send :quit"
} > "$tmp/b"
drive "$tmp/b" "$log.b" --no-diary || { touch "$tmp/b-done"; wait $a; fail "session B"; }
touch "$tmp/b-done"
wait $a || fail "session A did not stop with its answers saved"
grep -q 'resume?' "$log.b" && fail "session B was offered the answers of running session A"
[ "$(grep -vc '^#' "$state/autosave.sym")" -eq 2 ] || fail "B quitting touched A's answers"
ls "$state"/autosave*.sym | grep -qv '/autosave.sym$' && fail "B left an autosave: $(ls "$state")"
echo "ok: two sessions at once: B not offered A's answers, B quitting leaves them, A's 'saved' is true"
printf 'wait resume? [Y/n] \nsend n\nwait Starting afresh.\nwait [saddle-numbness]\nsend :quit\n' > "$tmp/c"
drive "$tmp/c" "$log.c" --no-diary || fail "session C"
[ ! -e "$state/autosave.sym" ] || fail "declining A's answers after it ended did not remove them"
echo "ok: once A has ended, its answers are offered and can be declined"



# ---- 2. 30 check-ins at once, all kept
for i in $(seq 30); do
  {
    # a calm case (no diary offer follows an emergency or urgent result)
    echo "wait [saddle-numbness]"; echo "send :load $src/facts/cases/age-over-50-known-pain.sym"
    echo "wait y/N>"; echo "send y"
    echo "wait 0-10>"
    echo "waitfile $tmp/go"
    echo "send $((i % 11))"
    echo "wait Kept in your diary"
    echo "send :quit"
  } > "$tmp/d$i"
  drive "$tmp/d$i" "$log.d$i" --fresh &
done
for _ in $(seq 300); do [ "$(grep -l '0-10>' "$log".d* 2>/dev/null | wc -l)" -eq 30 ] && break; sleep 0.1; done
touch "$tmp/go"
wait || fail "a check-in session failed"
[ "$(grep -l 'Kept in your diary' "$log".d* | wc -l)" -eq 30 ] || fail "not 30 said kept"
n=$(wc -l < "$XDG_DATA_HOME/tptriage/diary.jsonl")
[ "$n" -eq 30 ] || fail "30 sessions said 'Kept in your diary'; the diary holds $n"
[ "$(stat -c %a "$XDG_DATA_HOME/tptriage/diary.jsonl")" = 600 ] || fail "diary not 0600"
rm -f "$log".d*
echo "ok: 30 check-ins at once: all 30 in the diary"

# ---- 3. unsafe folders are refused, nothing read from them
rm -rf "$state"
mkdir -p "$state"
chmod 777 "$state"
printf 'saddle-numbness = no\nbladder-bowel-change = no\n' > "$state/autosave.sym"
printf 'wait [saddle-numbness]\nsend :quit\n' > "$tmp/unsafe"
drive "$tmp/unsafe" "$log" --no-diary || fail "a session with an unsafe state folder"
grep -q "$state: others can write to it (mode 0777); nothing is read from it or kept there (make it private: chmod 700 '$state')" "$log" ||
  fail "the world-writable state folder was not refused with how to fix it"
grep -q 'resume?' "$log" && fail "answers planted in a world-writable folder were offered"
chmod 700 "$state"
rm -rf "$XDG_DATA_HOME/tptriage"
mkdir -p "$XDG_DATA_HOME/tptriage"
chmod 770 "$XDG_DATA_HOME/tptriage"
"$tp" diary > "$tmp/out" 2> "$tmp/err" && fail "diary used a group-writable folder"
grep -q "others can write to it (mode 0770)" "$tmp/err" || fail "diary: $(cat "$tmp/err")"
rmdir "$XDG_DATA_HOME/tptriage"
ln -s "$tmp/elsewhere" "$XDG_DATA_HOME/tptriage"
mkdir "$tmp/elsewhere"
"$tp" diary > "$tmp/out" 2> "$tmp/err" && fail "diary followed a link as its folder"
grep -q "is a symbolic link, not a folder" "$tmp/err" || fail "diary link: $(cat "$tmp/err")"
rm "$XDG_DATA_HOME/tptriage"
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
  chown nobody "$state"
  drive "$tmp/unsafe" "$log" --no-diary || fail "a session with a state folder of another user"
  grep -q "$state: belongs to user $(id -u nobody), not to you (0)" "$log" ||
    fail "a state folder of another user was not refused"
  chown 0 "$state"
fi
rm -f "$state/autosave.sym"
echo "ok: folders writable by others, of another user, or links are refused with how to fix it"

# ---- 4. FIFOs at the history, diary and autosave names never hang
mkdir -p "$XDG_DATA_HOME/tptriage" && chmod 700 "$XDG_DATA_HOME/tptriage"
rm -f "$state/history" "$XDG_DATA_HOME/tptriage/diary.jsonl" "$state/autosave.sym"
mkfifo "$state/history" "$XDG_DATA_HOME/tptriage/diary.jsonl" "$state/autosave.sym"
printf 'wait [saddle-numbness]\nsend no\nwait [bladder-bowel-change]\nsend :quit\n' > "$tmp/fifo"
drive "$tmp/fifo" "$log" || fail "a FIFO at a state file's name hung or broke the session"
grep -q "$state/history: is a FIFO (named pipe), not a regular file; not read" "$log" || fail "history FIFO not said"
grep -q "diary.jsonl: is a FIFO (named pipe), not a regular file; not read" "$log" || fail "diary FIFO not said"
timeout 10 "$tp" diary > /dev/null 2> "$tmp/err" && fail "diary read a FIFO"
grep -q "is a FIFO" "$tmp/err" || fail "tptriage diary on a FIFO: $(cat "$tmp/err")"
rm -f "$state/history" "$XDG_DATA_HOME/tptriage/diary.jsonl" "$state/autosave.sym" "$state"/autosave-*.sym
echo "ok: FIFOs at the history, diary and autosave names are refused; no hang"

# ---- 5. 0600 whatever the umask
{
  echo "wait [saddle-numbness]"; echo "send :load $src/facts/cases/age-over-50-known-pain.sym"
  echo "wait y/N>"; echo "send y"
  echo "wait 0-10>"; echo "send 3"
  echo "wait Kept in your diary"
  echo "send :report $tmp/report.md"; echo "wait Wrote"
  echo "send :save $tmp/answers.sym"; echo "wait Saved"
  echo "send :quit"
} > "$tmp/modes"
rm -f "$XDG_DATA_HOME/tptriage/diary.jsonl"
(umask 000 && drive "$tmp/modes" "$log") || fail "session under umask 000"
for f in "$tmp/report.md" "$tmp/answers.sym" "$XDG_DATA_HOME/tptriage/diary.jsonl" "$state/history"; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f") under umask 000, want 600"
done
printf 'wait [saddle-numbness]\nsend no\nwait [bladder-bowel-change]\nsignal 15\nwait saved\nstatus 143\n' > "$tmp/auto"
(umask 000 && drive "$tmp/auto" "$log" --no-diary) || fail "autosave under umask 000"
[ "$(stat -c %a "$state/autosave.sym")" = 600 ] || fail "autosave not 600 under umask 000"
echo "ok: :report, :save, autosave, diary and history are 0600 under umask 000"
