#!/usr/bin/env bash
# Sources with provenance: every source says where it is (URL or citation)
# and when the knowledge base was last reviewed against it; check fails when
# either is missing, warns (a note) when a review is older than the period
# in the facts, and notes sources nothing cites. The report shows them.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }
first=$(sed -n 's/^ *(source (id \([^)]*\)).*/\1/p' "$src/facts/sources.clp" | head -n 1)
[ -n "$first" ] || fail "no source found"

# 1. the shipped knowledge base: no problem, no stale review today
"$tp" check --kb "$src" --combinations 0 > "$tmp/ok" || fail "shipped: $(cat "$tmp/ok")"
grep -q "last reviewed on" "$tmp/ok" && fail "a shipped source is stale: $(grep 'last reviewed' "$tmp/ok")"

# 2. a source with no URL and no citation, one with no review date: problems, exit 1
copy bare
sed -i -e 's/ (url "[^"]*")//; s/ (citation "[^"]*")//' "$tmp/bare/facts/sources.clp"
sed -i '0,/ (reviewed "[^"]*")/s/ (reviewed "[^"]*")/ (reviewed "last spring")/' "$tmp/bare/facts/sources.clp"
set +e; "$tp" check --kb "$tmp/bare" --combinations 0 > "$tmp/out"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "bare: exit $rc"
grep -q "sources.clp:[0-9]*: source $first has neither a (url ...) nor a (citation ...)" "$tmp/out" ||
  fail "no url: $(grep -E '^static|source' "$tmp/out" | head)"
grep -q "sources.clp:[0-9]*: source $first has no (reviewed \"YYYY-MM-DD\").*; got last spring" "$tmp/out" ||
  fail "bad date: $(grep -E 'reviewed' "$tmp/out" | head -3)"

# 3. three years on, every review is older than the period: notes, exit 0
TPTRIAGE_TODAY=2029-12-01 "$tp" check --kb "$src" --combinations 0 > "$tmp/late" || fail "late: exit $?"
grep -q "source $first was last reviewed on [0-9-]*, [0-9]* days ago (the review period is [0-9]* days)" "$tmp/late" ||
  fail "stale: $(grep -A3 '^notes' "$tmp/late")"

# 4. a source nothing cites is noted
copy extra
sed -i 's/^(deffacts MAIN::sources$/&\n   (source (id unused-one) (title "T") (section "S") (url "https:\/\/example.org\/") (reviewed "2026-11-28"))/' \
  "$tmp/extra/facts/sources.clp"
sed -i 's/^(deffacts MAIN::source-sections$/&\n   (source-sections (title "T") (held yes) (sections "S"))/' \
  "$tmp/extra/facts/sources.clp"
"$tp" check --kb "$tmp/extra" --combinations 0 > "$tmp/out" || fail "extra: exit $?"
grep -q "source unused-one is cited by no rule and no flag level" "$tmp/out" || fail "uncited: $(grep -A5 '^notes' "$tmp/out")"

# 5. the report gives a clinician each source's URL or citation and review date
#    (a patient's report names no file path: issue 26)
printf 'yes\n:report %s\n:quit\n' "$tmp/r.md" | "$tp" session --show-ids --kb "$src" > /dev/null 2>&1 || true
grep -q '^  - Source: ".*; .* (reviewed [0-9-]*)$' "$tmp/r.md" ||
  fail "report: $(grep Source "$tmp/r.md" | head -3)"
# and the graph's rules carry it as a tooltip
"$tp" graph --kb "$src" > "$tmp/kb.dot"
grep -q 'tooltip="source: .* (reviewed [0-9-]*)"' "$tmp/kb.dot" || fail "graph tooltip"
echo ok
