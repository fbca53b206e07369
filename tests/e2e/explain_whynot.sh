#!/bin/bash
# Why-not in plain words: the session's :whynot LEVEL names the signs that
# would have led there, with their questions and answers, and no rule
# pattern unless --verbose; batch --format json --whynot ID adds the same
# words to each line, for -j1 and -j2 alike, only for ids not reached, and
# refuses an unknown id or a format other than json.
. "$(dirname "$0")/../e2e.sh"
command -v jq >/dev/null || fail "jq is not installed (apt-get install jq)"
cd "$tmp"

# ---- the session ---------------------------------------------------------------------
export COLUMNS=1000 # long lines stay whole, so that they can be grepped
# the emergency screen answered no, then :whynot emergency
screen='no\nno\nno\nno\nno\n:whynot emergency\n:whynot no-such-id\n'
printf "$screen" | "$tp" --kb "$src" >plain.out 2>&1 || fail "session exit status $?"
grep -q 'none was answered yes' plain.out || fail ":whynot emergency: no 'none was answered yes'"
grep -q 'you answered "No"' plain.out || fail ":whynot emergency: the answers are not given"
# a sign that calls for an emergency, by the words of facts/ (its text)
sign=$(sed -n 's/.*(text (kind red-flag) (id saddle-numbness) (text "\([^"]*\)").*/\1/p' \
  "$src"/facts/*.clp | head -n 1)
[ -n "$sign" ] || fail "no text for saddle-numbness in facts/"
grep -qF -- "$sign" plain.out || fail ":whynot emergency does not name '$sign'"
grep -q 'No rule concludes no-such-id by name' plain.out || fail "unknown id not said"
grep -qF '(answer' plain.out && fail "a rule pattern in the plain explanation"
grep -q 'rule emergency-' plain.out && fail "a rule name in the plain explanation"
# --verbose: the rule names and patterns too
printf "$screen" | "$tp" --kb "$src" --verbose >verbose.out 2>&1 || fail "exit status $?"
grep -q 'the first condition that fails (1 of 2): (answer (question cancer-history)' verbose.out ||
  fail "--verbose: no failing pattern"
grep -q 'none was answered yes' verbose.out || fail "--verbose: the plain words are gone"

# ---- batch --------------------------------------------------------------------------
# enough cases for the workers to fork (not judged inline)
mkdir cases
for f in "$src"/facts/cases/*.sym; do
  cp "$f" cases/a-"$(basename "$f")"
  cp "$f" cases/b-"$(basename "$f")"
done
n=$(ls cases | wc -l)
[ "$n" -gt 128 ] || fail "too few cases: $n"
for j in 1 2; do
  "$tp" batch --no-progress -j$j --kb "$src" --format json --whynot emergency \
    --whynot ball-floor-press-hold cases >j$j.jsonl 2>j$j.err || fail "-j$j exit status $?"
done
cmp -s j1.jsonl j2.jsonl || fail "-j1 and -j2 differ"
[ "$(wc -l <j1.jsonl)" -eq "$n" ] || fail "not one line per case"
jq -e 'has("whynot") and (.whynot | type == "object")' j1.jsonl >/dev/null ||
  fail "a line without a whynot object"
# an id reached is left out; one not reached has its words
jq -e 'if .disposition == "emergency" then (.whynot | has("emergency") | not)
       else (.whynot.emergency | test("none|needs|concluded"; "i")) end' j1.jsonl >/dev/null ||
  fail "whynot.emergency wrong for some case"
jq -e 'if (.techniques | map(.id) | index("ball-floor-press-hold")) then
         (.whynot | has("ball-floor-press-hold") | not)
       else (.whynot["ball-floor-press-hold"] | length > 0) end' j1.jsonl >/dev/null ||
  fail "whynot.ball-floor-press-hold wrong for some case"
# the self-care case: the failing condition in the question's words
jq -r 'select(.case | endswith("a-level-self-care.sym")) | .whynot["ball-floor-press-hold"]' \
  j1.jsonl >self.txt
grep -q 'It needs the answer ".*" to ".*"; you answered ".*"\.' self.txt ||
  fail "ball-floor-press-hold: $(cat self.txt)"

# without the option: the same lines, less the new member
"$tp" batch --no-progress -j1 --kb "$src" --format json cases >plain.jsonl || fail "exit status $?"
jq -c 'del(.whynot)' j1.jsonl >stripped.jsonl
jq -c . plain.jsonl >plain.c.jsonl
cmp -s stripped.jsonl plain.c.jsonl || fail "--whynot changed more than the whynot member"

# usage errors
rc=0
"$tp" batch --kb "$src" --format json --whynot no-such-id cases >out 2>err || rc=$?
[ "$rc" -eq 64 ] || fail "unknown id: exit $rc"
grep -q -- '--whynot no-such-id: no level or conclusion has this id (levels: emergency' err ||
  fail "unknown id: $(cat err)"
[ ! -s out ] || fail "output despite the usage error"
rc=0
"$tp" batch --kb "$src" --whynot emergency cases >out 2>err || rc=$?
[ "$rc" -eq 64 ] || fail "--whynot without json: exit $rc"
grep -q 'give --format json' err || fail "--whynot without json: $(cat err)"

# a technique by its words (issue 23, kind 7): "foam roller" and the lead of
# its text name foam-roller, in batch (the JSON key is the id) and in a session
"$tp" batch --no-progress -j1 --kb "$src" --format json --whynot "foam roller" \
  --whynot "Ball against a wall" "$src/facts/cases/gentle-pregnant-roller-only.sym" >words.jsonl ||
  fail "whynot by words: exit $?"
jq -e '.whynot["foam-roller"] | test("full weight")' words.jsonl >/dev/null ||
  fail "whynot foam roller by words: $(cat words.jsonl)"
jq -e '.whynot | has("ball-wall")' words.jsonl >/dev/null || fail "whynot by a text's lead: $(cat words.jsonl)"
jq -e '[.restrictions[].id] | index("no-technique-fits") != null' words.jsonl >/dev/null ||
  fail "no word why no technique: $(jq -c .restrictions words.jsonl)"
sed -n '/^[a-z]/p' "$src/facts/cases/gentle-pregnant-roller-only.sym" >answers.sym
printf ':load answers.sym\n:whynot foam roller\n:quit\n' |
  TPTRIAGE_GROUPS=off "$tp" --kb "$src" >sess.txt 2>&1 || true
grep -q 'This was not given: Foam roller' sess.txt || fail "session :whynot foam roller: $(tail -20 sess.txt)"
echo ok
