#!/usr/bin/env bash
# `tptriage diff`: the same cases with two knowledge bases.
. "$(dirname "$0")/../e2e.sh"

# 1. the same knowledge base twice: no change, exit 0
"$tp" diff --kb "$src" --kb "$src" "$src/facts/cases" > "$tmp/out" || fail "same kb: $(cat "$tmp/out")"
grep -Eq '^diff: [1-9][0-9]* cases judged with both, 0 changed' "$tmp/out" || fail "summary: $(cat "$tmp/out")"

# 2. a copy without the numbness row of the flag table: the numbness cases change, exit 1
mkdir "$tmp/new" && cp -r "$src/rules" "$src/facts" "$tmp/new/"
drop_row "$tmp/new/facts/flags.clp" red-flag-numbness
set +e; "$tp" diff --kb "$src" --kb "$tmp/new" "$src/facts/cases" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "changed kb: exit $rc, want 1 ($(cat "$tmp/err"))"
grep -A3 "red-flag-numbness.sym:$" "$tmp/out" | grep -q '^  level: see-clinician -> self-care$' || fail "level change: $(cat "$tmp/out")"
grep -A6 "red-flag-numbness.sym:$" "$tmp/out" | grep -q '^  - red-flag numbness$' || fail "removed flag"
grep -q "^$src/facts/cases/level-self-care.sym:$" "$tmp/out" && fail "an unchanged case was listed"

# 3. usage and a missing knowledge base
set +e; "$tp" diff --kb "$src" "$src/facts/cases" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 64 ] || fail "one --kb: exit $rc, want 64"
set +e; "$tp" diff --kb "$src" --kb "$tmp/none" "$src/facts/cases" > /dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 3 ] || fail "missing kb: exit $rc, want 3"
echo ok
