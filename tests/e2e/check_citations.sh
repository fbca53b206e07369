#!/usr/bin/env bash
# Citations exact (issue 23, kind 12): every source's section is one its
# source-sections fact lists for its title (real headings, verbatim); check
# fails, at the source's file:line, on a section that is not, and on a title
# that has no list.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }
"$tp" check --kb "$src" --combinations 0 >"$tmp/ok" || fail "shipped: $(grep -v '^safety' "$tmp/ok")"

# a composite section, as the guide's ball source once had: not a heading
copy composite
sed -i 's/(section "Ball Techniques")/(section "Step-by-Step Self-Massage Techniques for Relief: Ball Techniques")/' \
  "$tmp/composite/facts/sources.clp"
set +e; "$tp" check --kb "$tmp/composite" --combinations 0 >"$tmp/out"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "composite: exit $rc"
grep -q 'sources.clp:[0-9]*: source guide-ball cites section "Step-by-Step Self-Massage Techniques for Relief: Ball Techniques", which is not a section of' "$tmp/out" ||
  fail "composite: $(grep -v '^safety' "$tmp/out" | head)"

# a source whose title has no list of sections
copy unlisted
sed -i '/^   (source-sections (title "Gloucestershire/,+1d' "$tmp/unlisted/facts/sources.clp"
set +e; "$tp" check --kb "$tmp/unlisted" --combinations 0 >"$tmp/out"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "unlisted: exit $rc"
grep -q 'source glos: no source-sections fact lists the sections of "Gloucestershire NHS low back pain pathway"' "$tmp/out" ||
  fail "unlisted: $(grep -v '^safety' "$tmp/out" | head)"
echo ok
