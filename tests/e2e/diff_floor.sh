#!/usr/bin/env bash
# `tptriage diff` prints any change to the safety floor first and loudly
# (and on stderr), and counts it as a change (exit 1).
. "$(dirname "$0")/../e2e.sh"
mkdir "$tmp/new" && cp -r "$src/rules" "$src/facts" "$tmp/new/"
floor="$tmp/new/facts/safety-floor.clp"
grep -q '(safety-floor (kind red-flag) (id weakness) (level urgent)' "$floor" || fail "no weakness floor at urgent"
sed -i 's/(safety-floor (kind red-flag) (id weakness) (level urgent)/(safety-floor (kind red-flag) (id weakness) (level see-clinician)/' "$floor"
grep -v '(safety-floor (kind red-flag) (id fever)' "$floor" > "$floor.new" && mv "$floor.new" "$floor"
set +e; "$tp" diff --kb "$src" --kb "$tmp/new" "$src/facts/cases" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "floor lowered: exit $rc, want 1"
head -1 "$tmp/out" | grep -q '^!!! SAFETY FLOOR CHANGED (facts/safety-floor.clp): 2 lowered or removed, 0 raised or added' ||
  fail "first line: $(head -3 "$tmp/out")"
sed -n 2,3p "$tmp/out" | grep -qx '  LOWERED red-flag weakness: urgent -> see-clinician' || fail "lowered line: $(head -4 "$tmp/out")"
sed -n 2,3p "$tmp/out" | grep -qx '  REMOVED red-flag fever (was urgent)' || fail "removed line: $(head -4 "$tmp/out")"
grep -q 'the safety floor changed: 2 lowered or removed' "$tmp/err" || fail "stderr: $(cat "$tmp/err")"
tail -1 "$tmp/out" | grep -q '; THE SAFETY FLOOR CHANGED (see the top)$' || fail "summary: $(tail -1 "$tmp/out")"
# no floor change: no floor lines
"$tp" diff --kb "$src" --kb "$src" "$src/facts/cases" > "$tmp/out" 2> "$tmp/err" || fail "same kb"
grep -qi 'floor' "$tmp/out" "$tmp/err" && fail "floor mentioned without a change"
echo ok
