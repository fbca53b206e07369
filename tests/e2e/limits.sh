#!/usr/bin/env bash
# Limits through the real binary: each over-long, over-large or malformed
# input is one clear "file:line: message" (exit 2), the rest is still judged,
# and nothing crashes (no exit status of 128 or more, no sanitizer report).
# Also replays every input that once made a fuzz harness fail.
. "$(dirname "$0")/../e2e.sh"

# run WANT_RC CMD...: runs CMD with stdout in $tmp/out, stderr in $tmp/err
run() {
  local want=$1; shift
  set +e; "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?; set -e
  [ "$rc" -lt 128 ] || fail "$*: crashed with exit $rc: $(head -c 2000 "$tmp/err")"
  ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || fail "$*: sanitizer: $(head -c 2000 "$tmp/err")"
  [ "$rc" -eq "$want" ] || fail "$*: exit $rc, want $want: $(head -c 500 "$tmp/err")"
}
# has FILE TEXT: FILE contains the fixed string TEXT
has() { grep -qF -- "$2" "$1" || fail "'$2' not in $1: $(head -c 500 "$1")"; }

good="$src/facts/cases/level-self-care.sym" # numbness = no

# 1. a line longer than TP_LINE_MAX (4096 bytes)
{ echo "numbness = no"; printf '#%.0s' $(seq 4097); echo; } > "$tmp/long-line.sym"
run 2 "$tp" batch -j1 "$tmp/long-line.sym" "$good"
has "$tmp/err" "long-line.sym:2: line longer than 4096 bytes"
has "$tmp/out" "== $good"

# 2. a file larger than TP_SYMFILE_MAX (1 MiB): refused before reading on
head -c 1048577 /dev/zero | tr '\0' '\n' > "$tmp/big.sym"
run 2 "$tp" batch -j1 "$tmp/big.sym"
has "$tmp/err" "big.sym: larger than the limit of 1048576 bytes"

# 3. one answer per question; at most 16 values; numbers in range, digits only
printf 'numbness = no\nnumbness = no\n' > "$tmp/twice.sym"
run 2 "$tp" batch "$tmp/twice.sym"
has "$tmp/err" "twice.sym:2: numbness is answered twice (first on line 1)"
{ printf 'pain-location = hip-crest'; printf ',hip-crest%.0s' $(seq 16); echo; } > "$tmp/many.sym"
run 2 "$tp" batch "$tmp/many.sym"
has "$tmp/err" "many.sym:1: pain-location has more than 16 values"
for n in -1 121 1000000000 99999999999999999999999999 1e3 0x10 12.5 '4 2'; do
  printf 'age = %s\n' "$n" > "$tmp/age.sym"
  run 2 "$tp" batch "$tmp/age.sym"
  has "$tmp/err" "age.sym:1: '$n' is not allowed for age: give a whole number from 0 to 120"
done

# 4. JSON lines: too long, too deep, not an object, too big a number; each
# bad line is reported with its line number and the good lines are judged
ok='{"id":"ok","answers":{"numbness":"no"}}'
{
  echo "$ok"
  head -c 1048600 /dev/zero | tr '\0' 'x'; echo
  printf '[%.0s' $(seq 5000); echo
  echo '[1,2]'
  echo '{"answers":{"age":99999999999999999999999}}'
  echo '{"answers":{"age":-3}}'
  echo "$ok"
} > "$tmp/lines.jsonl"
for j in 1 2; do
  run 2 "$tp" batch -j$j --format json - < "$tmp/lines.jsonl"
  has "$tmp/err" "stdin:2: line longer than 1048576 bytes"
  has "$tmp/err" "stdin:3: not valid JSON: maximum parsing depth reached"
  has "$tmp/err" "stdin:4: expected an object"
  has "$tmp/err" "stdin:5: not valid JSON: too big integer"
  has "$tmp/err" "stdin:6: '-3' is not allowed for age"
  [ "$(grep -c '^{"case":"ok",.*"disposition"' "$tmp/out")" -eq 2 ] || fail "want the two good lines judged (-j$j)"
  [ "$(wc -l < "$tmp/out")" -eq 7 ] || fail "want one output line per input line"
done

# 5. a knowledge base whose rule fires forever: stopped per case, naming the rule
kb="$tmp/kb"; mkdir "$kb"; cp -r "$src/rules" "$src/facts" "$kb/"
cat > "$kb/rules/99-loop.clp" <<'EOF'
(deftemplate MAIN::tick (slot n))
(deffacts MAIN::tick-start (tick (n 0)))
(defrule TRIAGE::tick-forever "replaces its fact each time"
   (answer (question numbness) (value yes))
   ?t <- (tick (n ?n))
   =>
   (retract ?t)
   (assert (tick (n (+ ?n 1)))))
EOF
printf 'numbness = yes\n' > "$tmp/loop.sym"
run 2 "$tp" batch -j1 --kb "$kb" "$tmp/loop.sym" "$good"
has "$tmp/err" "loop.sym: rules fired 100000 times without coming to rest; rule tick-forever keeps firing"
has "$tmp/out" "== $good"

# 6. a loop inside one firing, or a function that calls itself: refused at load
printf '(defrule TRIAGE::spin (answer (question age))\n   =>\n   (while TRUE do (bind ?i 1)))\n' \
  > "$kb/rules/99-loop.clp"
run 3 "$tp" batch --kb "$kb" "$good"
has "$tmp/err" "99-loop.clp:3:"
printf '\n(deffunction MAIN::down (?n) (down (+ ?n 1)))\n' > "$kb/rules/99-loop.clp"
run 3 "$tp" batch --kb "$kb" "$good"
has "$tmp/err" "99-loop.clp:2: deffunction is not allowed in a knowledge base"

# 7. every input that once made a fuzz harness fail is now a clean result or error
shopt -s nullglob
for f in "$src"/tests/fuzz/regress/symfile/*; do
  cp "$f" "$tmp/regress.sym"
  set +e; "$tp" batch -j1 "$tmp/regress.sym" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || fail "$f: exit $rc: $(head -c 500 "$tmp/err")"
done
for f in "$src"/tests/fuzz/regress/jsonl/*; do
  set +e; "$tp" batch -j1 --format json - < "$f" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || fail "$f: exit $rc: $(head -c 500 "$tmp/err")"
done
for f in "$src"/tests/fuzz/regress/session/*; do
  set +e; "$tp" session < "$f" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ "$rc" -eq 0 ] || fail "$f: exit $rc: $(head -c 500 "$tmp/err")"
done
echo "limits: all refused cleanly"
