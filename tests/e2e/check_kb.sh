#!/usr/bin/env bash
# `tptriage check` on the shipped knowledge base and on broken copies:
# a syntax error at a known line, a refused function, a removed red-flag
# rule (safety counterexample), plus --coverage and --cases.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }

# 1. the shipped knowledge base is clean (a small budget keeps the test quick)
"$tp" check --combinations 3000 --coverage > "$tmp/out" 2> "$tmp/err" || fail "shipped kb: $(cat "$tmp/out" "$tmp/err")"
grep -q '^static: [0-9]* rules, [0-9]* questions: 0 problems$' "$tmp/out" || fail "static: $(cat "$tmp/out")"
grep -Eq '^cases: [1-9][0-9]* files with expectations, [0-9]+ pass, 0 differences' "$tmp/out" || fail "cases"
grep -Eq '^safety: [1-9][0-9]* combinations .* 0 violations' "$tmp/out" || fail "safety line"
grep -q '^coverage: rules the case files never fired:$' "$tmp/out" || fail "coverage"
grep -Eq '^  [0-9]+ of [0-9]+ rules never fired$' "$tmp/out" || fail "coverage count"
tail -1 "$tmp/out" | grep -qx 'check ok' || fail "last line"

# 2. a syntax error at a known line: exactly that file:line, exit 3
copy syntax
{ printf ';;; broken\n\n(defrule TRIAGE::broken "c"\n'
  printf '   (answer (question numbness) (value yes))\n   =>\n'
  printf '   (assert (conclusion (kind red-flag) (colour blue))))\n'; } > "$tmp/syntax/rules/15-broken.clp"
set +e; "$tp" check --kb "$tmp/syntax" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 3 ] || fail "syntax error: exit $rc, want 3"
grep -q "rules/15-broken.clp:6: .*colour" "$tmp/err" || fail "syntax message: $(cat "$tmp/err")"

# 3. a rule calling a refused function is refused before loading, at its line
copy refused
{ printf '(defrule TRIAGE::sneaky "c"\n   (answer (question numbness) (value yes))\n'
  printf '   =>\n   (system "touch %s/pwned"))\n' "$tmp"; } > "$tmp/refused/rules/15-sneaky.clp"
set +e; "$tp" check --kb "$tmp/refused" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 3 ] || fail "refused function: exit $rc, want 3"
grep -q "rules/15-sneaky.clp:4: uses 'system'" "$tmp/out" || fail "refused message: $(cat "$tmp/out")"
[ ! -e "$tmp/pwned" ] || fail "the function ran"

# 4. a red-flag rule removed: a safety counterexample, exit 1
copy unsafe
drop_row "$tmp/unsafe/facts/flags.clp" red-flag-numbness
grep -q 'red-flag-numbness)' "$tmp/unsafe/facts/flags.clp" && fail "row not removed"
set +e; "$tp" check --kb "$tmp/unsafe" --combinations 3000 > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "unsafe kb: exit $rc, want 1"
grep -q '^violation: red-flag numbness (numbness = \(yes\|unsure\)) calls for level see-clinician' "$tmp/out" ||
  fail "violation: $(head -20 "$tmp/out")"
grep -q 'no rule can reach red-flag numbness' "$tmp/out" || fail "unreachable note"
# and without any case file: a flag with a level and a floor that nothing raises
grep -q 'facts/levels.clp:[0-9]*: red-flag numbness has a flag-level and a floor but no rule and no row of the flag table (facts/flags.clp) raises it' "$tmp/out" ||
  fail "flag nothing raises: $(head -5 "$tmp/out")"
grep -Eq '^cases: .* [1-9][0-9]* differences?' "$tmp/out" || fail "case differences"
tail -1 "$tmp/out" | grep -qx 'check FAILED' || fail "last line"
# the counterexample is a ready-to-run symptom file
awk '/^--- counterexample/ { on = 1; next } /^--- end/ { exit } on' "$tmp/out" > "$tmp/cx.sym"
grep -q '^numbness = ' "$tmp/cx.sym" || fail "counterexample body"
set +e; "$tp" batch --check --kb "$tmp/unsafe" "$tmp/cx.sym" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "counterexample with the broken kb: exit $rc, want 1"
"$tp" batch --check "$tmp/cx.sym" > /dev/null || fail "counterexample with the shipped kb"

# 5. --cases DIR adds case files; a wrong expectation is a difference
mkdir "$tmp/cases"
cp "$src/facts/cases/red-flag-numbness.sym" "$tmp/cases/wrong.sym"
echo 'expect disposition = self-care' >> "$tmp/cases/wrong.sym"
set +e; "$tp" check --cases "$tmp/cases" --combinations 0 > "$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "--cases: exit $rc, want 1"
grep -q "wrong.sym:$(wc -l < "$tmp/cases/wrong.sym"): expected disposition = self-care, got see-clinician" "$tmp/out" ||
  fail "--cases message: $(cat "$tmp/out")"

# 6. usage errors
set +e; "$tp" check --bogus > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 64 ] || fail "usage: exit $rc, want 64"
echo ok
