#!/usr/bin/env bash
# `tptriage diff` judges new case files whose `expect` lines name new ids
# (issue 24, point 7): a case written for a new red flag expects it, and the
# old knowledge base does not know the id. diff compares the two results, not
# the expect lines, so such a line is set aside on the side that lacks the
# id (one note per line, as for answers to a question one side lacks) and
# the case is judged with both. An expect line that neither side knows is
# still a broken case file: it is not judged, with its file:line.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_CACHE=off

# NEW: the knowledge base plus one red flag, in its four places (the row
# carries its level)
new=$tmp/new
mkdir "$new" && cp -r "$src/rules" "$src/facts" "$new/"
add_night_sweats "$new"

# the new case files: one expecting the new flag, one a calm case that
# expects the new flag absent (both ids only the new side knows)
mkdir "$tmp/cases"
base=$src/facts/cases/red-flag-night-pain.sym
sed -e '/^#/d' -e 's/^night-pain = yes$/night-pain = no/' -e '/^expect /d' "$base" > "$tmp/calm"
grep -qx 'night-pain = no' "$tmp/calm" || fail "no night-pain line in $base"
{ cat "$tmp/calm"; echo 'night-sweats = yes'; echo 'expect disposition = urgent'
  echo 'expect red-flag = night-sweats'; } > "$tmp/cases/red-flag-night-sweats.sym"
{ cat "$tmp/calm"; echo 'night-sweats = no'; echo 'expect red-flag != night-sweats'; } \
  > "$tmp/cases/no-night-sweats.sym"
# the new side agrees with both
"$tp" batch --kb "$new" --check "$tmp/cases" > "$tmp/out" 2>&1 || fail "the new kb disagrees: $(cat "$tmp/out")"

# 1. diff judges both: the set-aside expect lines are named once each
set +e; "$tp" diff --kb "$src" --kb "$new" "$tmp/cases" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "exit $rc, want 1 (the floor changed): $(cat "$tmp/out" "$tmp/err")"
grep -q '^diff: 2 cases judged with both, 1 changed (1 in level, 0 otherwise), 0 could not be judged; THE SAFETY FLOOR CHANGED (see the top)$' \
  "$tmp/out" || fail "summary: $(tail -n 6 "$tmp/out") $(cat "$tmp/err")"
grep -q "is not a known" "$tmp/err" && fail "an expect line refused: $(cat "$tmp/err")"
grep -qxF "note: 1 case expects red-flag = night-sweats, which the old knowledge base ($src) does not know: that expect line set aside there (diff compares the two results, not the expect lines)" \
  "$tmp/out" || fail "no note for = night-sweats: $(grep '^note' "$tmp/out")"
grep -qxF "note: 1 case expects red-flag != night-sweats, which the old knowledge base ($src) does not know: that expect line set aside there (diff compares the two results, not the expect lines)" \
  "$tmp/out" || fail "no note for != night-sweats: $(grep '^note' "$tmp/out")"
grep -qxF "note: 2 cases answer night-sweats, which the old knowledge base ($src) does not know: set aside there" \
  "$tmp/out" || fail "no note for the answers: $(grep '^note' "$tmp/out")"
# what changed for the person with night sweats
awk -v f="$tmp/cases/red-flag-night-sweats.sym:" '$0 == f { on = 1; next } on && /^[^ ]/ { exit } on' \
  "$tmp/out" > "$tmp/case"
grep -qx '  level: self-care -> urgent' "$tmp/case" || fail "level: $(cat "$tmp/case")"
grep -qx '  + red-flag night-sweats' "$tmp/case" || fail "no new flag: $(cat "$tmp/case")"
grep -q "^$tmp/cases/no-night-sweats.sym:" "$tmp/out" && fail "the calm case changed"
grep -qx '  added red-flag night-sweats: urgent' "$tmp/out" || fail "the row's floor not in the banner"

# 2. the other way round: the new side lacks the id; named as such
set +e; "$tp" diff --kb "$new" --kb "$src" "$tmp/cases/red-flag-night-sweats.sym" > "$tmp/out" 2> "$tmp/err"; set -e
grep -q '^diff: 1 case judged with both, 1 changed (1 in level, 0 otherwise), 0 could not be judged' "$tmp/out" ||
  fail "reverse summary: $(tail -n 4 "$tmp/out") $(cat "$tmp/err")"
grep -qxF "note: 1 case expects red-flag = night-sweats, which the new knowledge base ($src) does not know: that expect line set aside there (diff compares the two results, not the expect lines)" \
  "$tmp/out" || fail "reverse note: $(grep '^note' "$tmp/out")"

# 3. an id neither side knows is a broken case file: not judged, file:line
{ cat "$tmp/calm"; echo 'expect red-flag = night-sweat'; } > "$tmp/typo.sym"
line=$(wc -l < "$tmp/typo.sym")
set +e; "$tp" diff --kb "$src" --kb "$new" "$tmp/typo.sym" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "typo: exit $rc, want 2: $(cat "$tmp/out" "$tmp/err")"
grep -qF "$tmp/typo.sym:$line: 'night-sweat' is not a known red-flag id" "$tmp/err" ||
  fail "typo not named: $(cat "$tmp/err")"
grep -q '^diff: 0 cases judged with both, 0 changed (0 in level, 0 otherwise), 1 could not be judged' "$tmp/out" ||
  fail "typo summary: $(tail -n 3 "$tmp/out")"
grep -q '^note: .*expect' "$tmp/out" && fail "a typo set aside: $(grep '^note' "$tmp/out")"
echo ok
