#!/usr/bin/env bash
# `tptriage check --mutants`: the shipped knowledge base has no surviving
# mutant; a copy with a rule that no case file tests has exactly that
# survivor (file:line), exit 1, and the files are never written.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }

# 1. the shipped knowledge base: every mutant killed
"$tp" check --mutants > "$tmp/out" 2>&1 || fail "shipped kb: $(grep -E '^(survivor|mutants|check)' "$tmp/out")"
for kind in 'rule deleted' 'flag level lowered' 'unsure dropped'; do
  grep -Eq "^mutants: $kind +[1-9][0-9]* built, +[0-9]+ killed \(.*\), 0 survived$" "$tmp/out" ||
    fail "no line for '$kind': $(grep '^mutants' "$tmp/out")"
done
grep -Eq '^mutants: ([0-9]+) built, \1 killed, 0 survived, 2 workers, [0-9.]+ s$' "$tmp/out" ||
  fail "summary: $(grep '^mutants' "$tmp/out")"
grep -q '^survivor:' "$tmp/out" && fail "a survivor in the shipped kb"
tail -1 "$tmp/out" | grep -qx 'check ok' || fail "last line"

# 2. a copy with a new rule and no case for it: the deletion survives
copy missing
printf '%s\n' ';;; a rule that no case file tests' '' \
  '(defrule TRIAGE::untested-restriction' \
  '   "Leave out heat with tingling (a rule added without a case, on purpose)."' \
  '   (logical (answer (question tingling) (value yes)))' \
  '   =>' \
  '   (assert (conclusion (kind restriction) (id no-moist-heat) (rule untested-restriction)' \
  '      (reason "r") (source nhs-sci))))' > "$tmp/missing/rules/15-untested.clp"
( cd "$tmp/missing" && find . -type f -exec md5sum {} + | sort ) > "$tmp/before"
set +e; "$tp" check --kb "$tmp/missing" --mutants --mutant-combinations 1000 -j 2 > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "missing case: exit $rc, want 1: $(grep -E '^(survivor|mutants)' "$tmp/out")"
grep -qx "survivor: $tmp/missing/rules/15-untested.clp:3: rule TRIAGE::untested-restriction deleted" "$tmp/out" ||
  fail "survivor line: $(grep -E '^(survivor|mutants)' "$tmp/out")"
[ "$(grep -c '^survivor:' "$tmp/out")" -eq 1 ] || fail "other survivors: $(grep '^survivor' "$tmp/out")"
grep -Eq '^mutants: rule deleted +[0-9]+ built, .* 1 survived$' "$tmp/out" || fail "count line"
tail -1 "$tmp/out" | grep -qx 'check FAILED' || fail "last line"
( cd "$tmp/missing" && find . -type f -exec md5sum {} + | sort ) | diff -q - "$tmp/before" > /dev/null ||
  fail "check --mutants changed the knowledge-base files"

# 3. the case that was missing kills it
{ grep -v '^expect' "$src/facts/cases/red-flag-tingling.sym"; echo 'expect restriction = no-moist-heat'; } \
  > "$tmp/missing/facts/cases/untested-restriction.sym"
"$tp" check --kb "$tmp/missing" --mutants --mutant-combinations 1000 > "$tmp/out" 2>&1 ||
  fail "with the case: $(grep -E '^(survivor|mutants)' "$tmp/out")"

# 4. usage
set +e; "$tp" check --mutants --mutant-combinations lots > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 64 ] || fail "usage: exit $rc, want 64"
echo ok
