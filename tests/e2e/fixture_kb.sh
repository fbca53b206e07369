#!/usr/bin/env bash
# tests/fixture/kb, the host's unit tests' own small knowledge base, stays a
# faithful one: it passes `tptriage check` (static checks, its case files,
# safety verification), and its templates are exactly the clinical
# knowledge base's (the host reads them by name and slot).
. "$(dirname "$0")/../e2e.sh"
fx="$src/tests/fixture/kb"

"$tp" check --kb "$fx" > "$tmp/check" 2>&1 || fail "check of the fixture: $(cat "$tmp/check")"
grep -q '^check ok$' "$tmp/check" || fail "$(cat "$tmp/check")"
grep -q '^cases: [1-9][0-9]* files with expectations, [1-9][0-9]* pass, 0 differences' "$tmp/check" ||
  fail "the fixture's case files: $(cat "$tmp/check")"

# every deftemplate, from its line to the next blank line, sorted by name
templates() {
  for f in "$1"/rules/*.clp "$1"/facts/*.clp; do
    awk '/^\(deftemplate /{on=1} on&&/^$/{on=0; print "@@"} on' "$f"
  done | awk 'BEGIN{RS="@@\n"} NF{print $2 "\t" length($0)}' | sort > "$2.index"
  for f in "$1"/rules/*.clp "$1"/facts/*.clp; do
    awk '/^\(deftemplate /{on=1} on&&/^$/{on=0} on' "$f"
  done | sort > "$2"
}
templates "$src" "$tmp/clinical"
templates "$fx" "$tmp/fixture"
diff "$tmp/clinical.index" "$tmp/fixture.index" > "$tmp/diff" ||
  fail "the fixture's templates differ from the clinical ones: $(cat "$tmp/diff")"
diff "$tmp/clinical" "$tmp/fixture" > "$tmp/diff" ||
  fail "the fixture's template text differs from the clinical one: $(cat "$tmp/diff")"
