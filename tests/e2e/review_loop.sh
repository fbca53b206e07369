#!/usr/bin/env bash
# The review loop: a clinician who disagrees types :disagree in a session,
# says what the result should have been, and gets a case file in a review
# folder; `check --cases DIR` fails until the rules agree with it.
. "$(dirname "$0")/../e2e.sh"
export COLUMNS=1000 # the session's lines unwrapped: this test reads what they say, not their layout
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
cd "$tmp"
tech=$(sed -n 's/.*(text (kind technique) (id \([^)]*\)).*/\1/p' "$src/facts/texts.clp" | head -n 1)
[ -n "$tech" ] || fail "no technique id found"

# An emergency answer, then :disagree: a wrong level is asked again; the
# clinician expects urgent, the technique given, and another not given.
printf 'yes\n:disagree rev\nurgentt\nurgent\n%s\nno-such-thing\n\n:quit\n' "$tech" |
  "$tp" --kb "$src" > out 2>&1 || fail "session: exit $?"
grep -q "'urgentt' is not a level." out || fail "bad level accepted: $(cat out)"
grep -q "'no-such-thing' is not a technique of this knowledge base." out || fail "bad id: $(cat out)"
grep -q "^Wrote rev/disagree-[0-9-]*-1.sym. 'tptriage check --cases rev' fails until" out || fail "wrote: $(cat out)"
f=$(ls rev/*.sym)
grep -qx 'saddle-numbness = yes' "$f" || fail "answers: $(cat "$f")"
grep -qx 'expect disposition = urgent' "$f" || fail "level: $(cat "$f")"
grep -qx "expect technique = $tech" "$f" || fail "technique: $(cat "$f")"
grep -q '^expect technique !=' "$f" && fail "an empty answer became an expectation"

# check --cases rev fails, naming the file and line, until the rules agree
set +e; "$tp" check --kb "$src" --cases rev --combinations 0 > check.out; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "check: exit $rc"
grep -q "^rev/disagree-.*.sym:[0-9]*: expected disposition = urgent, got emergency$" check.out ||
  fail "check: $(grep -E 'expected|^cases' check.out)"
# once the case says what the rules give (or the rules change), it passes
sed -i -e 's/^expect disposition = urgent$/expect disposition = emergency/' -e '/^expect technique/d' "$f"
"$tp" check --kb "$src" --cases rev --combinations 0 > check.out || fail "agreed: $(grep -E 'expected|^cases' check.out)"

# Enter at every question: nothing is written
printf 'yes\n:disagree rev2\n\n\n\n:quit\n' | "$tp" --kb "$src" > out2 2>&1
grep -q '^Nothing to record: the result stands as it is.$' out2 || fail "nothing: $(cat out2)"
[ -e rev2 ] && fail "a folder was made for nothing"
echo ok
