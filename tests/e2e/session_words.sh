#!/bin/bash
# A person sees no ids (issue 13): on an 80-column pseudo-terminal, the
# default session of a calm path and of a red flag shows no question id and
# no conclusion id (the summary numbers its items; the questions not
# answered, :answers, :how and the report speak in words); `:how 1` explains
# the summary's first item; the progress line of a checklist names it
# ("checklist 2 of 4: Signs to get checked"); --show-ids still shows the ids.
. "$(dirname "$0")/../e2e.sh"
: "${PTYDRIVE:?}"
export XDG_STATE_HOME="$tmp/state" TERM=xterm NO_COLOR=1 PTYDRIVE_COLUMNS=80
unset TPTRIAGE_GROUPS
log=$tmp/log
fail() { echo "FAIL: $*"; echo "--- session log"; cat "$log"; exit 1; }
drive() { # drive SCRIPT LOG [ARGS...]: the log as seen, in LOG.plain
  local script=$1
  log=$2
  shift 2
  "$PTYDRIVE" "$script" "$log" -- "$tp" --fresh --kb "$src" "$@" || fail "ptydrive: $script"
  sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r//g' "$log" >"$log.plain"
}

# the calm path, answered as a person would (one answer refused), then :how 1, :whynot 1,
# :answers (until $2) and a report
calm() {
  echo "wait (checklist 1 of 4"; echo "send 0"
  echo "wait (checklist 2 of 4"; echo "send none"
  echo "wait first time"; echo "send no"
  echo "wait afterwards?"; echo "send perchance" # refused: said without the id
  echo "wait 'perchance' is not"; echo "send not tried"
  echo "wait shooting"; echo "send not tried"
  echo "wait steadily"; echo "send 0"
  echo "wait How old are you"; echo "send 40"
  echo "wait (checklist 3 of 4"; echo "send 0"
  echo "wait Where is the pain?"; echo "send 1"
  echo "wait take pressure?"; echo "send 2"
  echo "wait at hand?"; echo "send tennis ball"
  echo "wait (checklist 4 of 4"; echo "send 1 2"
  echo "wait :quit ends."
  echo "send :how 1"; echo "wait Source:"
  echo "send :whynot 1"; echo "wait how."
  echo "send :answers"; echo "wait $2"
  echo "send :report $1"; echo "wait Wrote the report"
  echo "send :quit"
}
calm "$tmp/calm.md" "changes answer N" >"$tmp/calm"
drive "$tmp/calm" "$tmp/calm.log"
calm "$tmp/ids.md" "sits-long" >"$tmp/ids"
drive "$tmp/ids" "$tmp/ids.log" --show-ids
{
  echo "wait (checklist 1 of 4"; echo "send 0"
  echo "wait (checklist 2 of 4"; echo "send 4"
  echo "wait command> "; echo "send :how 1"; echo "wait Source:"
  echo "send :how"; echo "wait Source:"
  echo "send :report $tmp/red.md"; echo "wait Wrote the report"
  echo "send :quit"
} >"$tmp/red"
drive "$tmp/red" "$tmp/red.log"

# the ids a person must not see: every question id with a hyphen (a single
# word such as "numbness" is also a plain word), and every id --show-ids
# showed in brackets (the conclusions, the checklists, the questions)
"$tp" questions --kb "$src" | cut -f1 | grep -- - >"$tmp/ids.words"
grep -o '\[[a-z0-9-]*\]' "$tmp/ids.log.plain" | tr -d '[]' | sort -u >"$tmp/shown"
[ "$(wc -l <"$tmp/shown")" -ge 20 ] || { log=$tmp/ids.log; fail "--show-ids showed few ids"; }
grep -- - "$tmp/shown" >>"$tmp/ids.words"
for f in calm.log red.log; do
  log=$tmp/$f
  grep -q '==== ' "$log.plain" || fail "no summary"
  if grep -nw -F -f "$tmp/ids.words" "$log.plain" >"$tmp/found"; then
    fail "ids shown to a person: $(head -5 "$tmp/found")"
  fi
  if grep -n '\[[a-z0-9-]*\]' "$log.plain" >"$tmp/found"; then
    fail "[id] shown to a person: $(head -5 "$tmp/found")"
  fi
done
for f in calm.md red.md; do
  log=$tmp/$f
  if grep -nw -F -f "$tmp/ids.words" "$log" >"$tmp/found"; then
    fail "ids in the report: $(head -5 "$tmp/found")"
  fi
  grep -q '^- Level: \*\*[A-Z][^`]*\*\*$' "$log" || fail "the report's level not in words"
done

log=$tmp/calm.log
p=$log.plain
grep -q '==== Self-care ====' "$p" || fail "the calm path did not reach self-care"
grep -qx "'perchance' is not an answer to this question: it is none of the choices." "$p" || fail "the refusal is not in words"
# the progress line of each checklist names it, on one line
grep -qx '  (checklist 1 of 4: Signs of an emergency; about [0-9]* questions left)' "$p" ||
  fail "no progress line naming the first checklist"
grep -qx '  (checklist 2 of 4: Signs to get checked; about [0-9]* questions left)' "$p" ||
  fail "no progress line naming the second checklist"
grep -qx '  (checklist 4 of 4: Your day; about 1 question left)' "$p" ||
  fail "no progress line naming the last checklist"
awk 'length($0) > 80 { print; bad = 1 } END { exit bad }' "$p" >"$tmp/long" ||
  fail "lines over 80 columns: $(cat "$tmp/long")"
# numbered items, and :how 1 explains the first
grep -q '^  1\. ' "$p" || fail "summary items not numbered"
first=$(sed -n 's/^  1\. //p' "$p" | head -1 | cut -c1-40)
awk '/> :how 1$/ {on = 1; next} on && /> :/ {exit} on' "$p" >"$tmp/how1"
grep -qF "$first" "$tmp/how1" || fail ":how 1 did not explain '$first': $(head -3 "$tmp/how1")"
grep -q '^  Source: ' "$tmp/how1" || fail ":how 1 gave no source"
grep -q '^(:how N explains item N above, :how explains the advice;' "$p" ||
  fail "the summary's hint does not say :how N"
grep -q '^  4\. The pain started with a serious accident or a bad fall: No$' "$p" || fail ":answers not numbered in words"

log=$tmp/red.log
p=$log.plain
grep -q '^!! See a clinician within 24 hours' "$p" || fail "no urgent banner"
grep -qx '   (:how shows why.)' "$p" || fail "the banner's hint is not :how alone"
awk '/> :how 1$/ {on = 1; next} on && /> :/ {exit} on' "$p" >"$tmp/how1"
grep -q '^red flag: Noticeable weakness' "$tmp/how1" || fail ":how 1 did not explain the red flag"

# --show-ids: the ids as before, for clinicians
log=$tmp/ids.log
p=$log.plain
grep -q '^\[emergency-signs\] ' "$p" || fail "--show-ids: no checklist id"
grep -q '^(:how ID explains any \[ID\] above' "$p" || fail "--show-ids: no [ID] hint"
grep -Eq '^  [0-9]+\. .* \[[a-z0-9-]+\]$' "$p" || fail "--show-ids: summary items without [id]"
grep -q '^  saddle-numbness  *no$' "$p" || fail "--show-ids: :answers without ids"
grep -q '(`self-care`)' "$tmp/ids.md" || fail "--show-ids: report without ids"
echo ok
