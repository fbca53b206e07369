#!/usr/bin/env bash
# docs/output.md's table of public ids is the knowledge base's (issue 23,
# kind 12): tests/tools/ids-table.sh makes it from the levels, the output
# kinds and every conclusion a rule gives; the doc's table must equal it.
. "$(dirname "$0")/../e2e.sh"
bash "$src/tests/tools/ids-table.sh" "$tp" "$src" >"$tmp/want" || fail "ids-table.sh: exit $?"
grep -q '^| `techniques` | .*`ball-wall`' "$tmp/want" || fail "the table lacks techniques: $(cat "$tmp/want")"
sed -n '/^<!-- ids: /,/^<!-- end of ids -->/p' "$src/docs/output.md" | sed '1d;$d' >"$tmp/doc"
[ -s "$tmp/doc" ] || fail "docs/output.md has no generated ids table between its markers"
diff -u "$tmp/doc" "$tmp/want" >"$tmp/diff" ||
  fail "docs/output.md's ids differ from the knowledge base; regenerate the table with tests/tools/ids-table.sh: $(cat "$tmp/diff")"
echo ok
