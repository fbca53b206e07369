#!/usr/bin/env bash
# Data only: text that looks like rule-engine code, in every field a person
# controls (symptom-file question ids and values, JSON ids, keys and values,
# session answers and command arguments), is refused or echoed as data. No
# command runs (no file appears), each error is one clean line, and the
# output stays well formed.
. "$(dirname "$0")/../e2e.sh"
export COLUMNS=1000 # the session's lines unwrapped: this test reads what they say, not their layout
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
pwned="$tmp/pwned"

payloads=(
  "yes) (assert (answer (question numbness) (value no)))"
  "(system \"touch $pwned\")"
  "no) (system \"touch $pwned\") (no"
  "(open \"$pwned\" f \"w\")"
  '"'
  ';'
  '?x'
  '$?'
  '$?x'
  '(eval "(system \"id\")")'
  '<Fact-1>'
  'no ; (system "id")'
  "$(printf 'y%.0s' $(seq 3000))"
)

# the rest of the checks for one run: nothing created, no crash, and every
# line of stderr is one "tptriage: ..." message
check() {
  local what=$1 rc=$2
  [ ! -e "$pwned" ] || fail "$what: a command ran"
  [ "$rc" -lt 128 ] || fail "$what: crashed with exit $rc"
  ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || fail "$what: sanitizer: $(head -c 1000 "$tmp/err")"
  ! grep -qv '^tptriage: ' "$tmp/err" || fail "$what: stray stderr: $(head -c 500 "$tmp/err")"
}

# JSON string escaping for the few characters the payloads use
jstr() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

n=0
for p in "${payloads[@]}"; do
  n=$((n + 1))
  # 1. symptom files: as a value, a multi value, a number, and a question id
  printf 'numbness = %s\n' "$p" > "$tmp/v.sym"
  printf 'pain-location = hip-crest, %s\n' "$p" > "$tmp/m.sym"
  printf 'age = %s\n' "$p" > "$tmp/a.sym"
  printf '%s = no\n' "$p" > "$tmp/q.sym"
  for f in v m a q; do
    set +e; "$tp" batch -j1 "$tmp/$f.sym" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
    check "payload $n in $f.sym" "$rc"
    [ "$rc" -eq 2 ] || fail "payload $n in $f.sym: exit $rc, want 2 (refused)"
    grep -q "^tptriage: $tmp/$f.sym:1: " "$tmp/err" || fail "payload $n in $f.sym: $(head -c 300 "$tmp/err")"
  done

  # 2. JSON lines: as the id (accepted as a name only), a value, a list value and a key
  j=$(jstr "$p")
  {
    printf '{"id":%s,"answers":{"numbness":"no"}}\n' "$j"
    printf '{"id":"v","answers":{"numbness":%s}}\n' "$j"
    printf '{"id":"m","answers":{"pain-location":["hip-crest",%s]}}\n' "$j"
    printf '{"id":"k","answers":{%s:"no"}}\n' "$j"
    printf '{"id":"t","answers":{"numbness":"no"},%s:1}\n' "$j"
  } > "$tmp/in.jsonl"
  for fmt in json tsv text; do
    set +e; "$tp" batch -j1 --format "$fmt" - < "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
    check "payload $n as JSON ($fmt)" "$rc"
    [ "$rc" -eq 2 ] || fail "payload $n as JSON ($fmt): exit $rc, want 2"
    [ "$(grep -c "^tptriage: " "$tmp/err")" -ge 4 ] || fail "payload $n as JSON: want 4 errors: $(head -c 800 "$tmp/err")"
    for l in 2 3 4 5; do grep -q "^tptriage: stdin:$l: " "$tmp/err" || fail "payload $n: line $l"; done
  done
  # JSON output: one line per input line, the id given back as an escaped string
  set +e; "$tp" batch -j1 --format json - < "$tmp/in.jsonl" > "$tmp/out" 2> /dev/null; set -e
  [ "$(wc -l < "$tmp/out")" -eq 5 ] || fail "payload $n: JSON output is not 5 lines"
  ! grep -qv '^{"case":.*}$' "$tmp/out" || fail "payload $n: a JSON line is not an object"
  # TSV: the id cannot add columns or lines
  set +e; "$tp" batch -j1 --format tsv - < "$tmp/in.jsonl" > "$tmp/out" 2> /dev/null; set -e
  [ "$(wc -l < "$tmp/out")" -eq 6 ] || fail "payload $n: TSV output is not header + 5 lines"
  cols=$(awk -F'\t' '{print NF}' "$tmp/out" | sort -u)
  [ "$(echo "$cols" | wc -l)" -eq 1 ] || fail "payload $n: TSV rows differ in columns: $cols"

  # 3. the session: as an answer, a command argument, and a question to change
  printf '%s\n:how %s\n:whynot %s\n:change %s\n:change numbness %s\n:quit\n' \
    "$p" "$p" "$p" "$p" "$p" > "$tmp/session.txt"
  set +e; "$tp" session < "$tmp/session.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
  check "payload $n in a session" "$rc"
  [ "$rc" -eq 0 ] || fail "payload $n in a session: exit $rc"
  [ ! -s "$tmp/err" ] || fail "payload $n in a session: stderr: $(head -c 300 "$tmp/err")"
  grep -q "is not an answer to this question" "$tmp/out" || fail "payload $n: the session took it as an answer"
done

# 4. a real case with an odd but valid id: judged, the id kept as text
printf '{"id":"(system \\"touch %s\\")","answers":{"numbness":"yes"}}\n' "$pwned" > "$tmp/id.jsonl"
"$tp" batch -j1 --format json - < "$tmp/id.jsonl" > "$tmp/out" 2> "$tmp/err"
[ ! -e "$pwned" ] || fail "the id ran as a command"
grep -qF '"case":"(system \"touch ' "$tmp/out" || fail "id not echoed as data: $(head -c 300 "$tmp/out")"
grep -q '"red_flags":\[{"id":"numbness"' "$tmp/out" || fail "the case was not judged"
echo "injection: ${#payloads[@]} payloads refused as data in every field"
