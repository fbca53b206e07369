#!/usr/bin/env bash
# `tptriage graph`: DOT text linking questions, rules and conclusions; and
# docs/kb-graph.dot is the graph of the shipped knowledge base.
. "$(dirname "$0")/../e2e.sh"

"$tp" graph > "$tmp/kb.dot" || fail "graph failed"
grep -q '^digraph kb {$' "$tmp/kb.dot" || fail "no digraph"
grep -q '"q:numbness" -> "r:red-flag-numbness";' "$tmp/kb.dot" || fail "question -> rule"
grep -q '"r:red-flag-numbness" -> "c:red-flag:numbness";' "$tmp/kb.dot" || fail "rule -> conclusion"
grep -q '"c:red-flag:saddle-numbness" -> "c:level:emergency"' "$tmp/kb.dot" || fail "flag -> level"
[ "$(tr -cd '{' < "$tmp/kb.dot" | wc -c)" -eq "$(tr -cd '}' < "$tmp/kb.dot" | wc -c)" ] || fail "braces"
# every rule appears as a node
n=$(grep -c '^  "r:[^"]*" \[label=' "$tmp/kb.dot")
[ "$n" -ge 40 ] || fail "only $n rule nodes"
# the committed picture source is up to date with the knowledge base
diff -q <(grep -v "^//" "$tmp/kb.dot") <(grep -v "^//" "$src/docs/kb-graph.dot") > /dev/null ||
  fail "docs/kb-graph.dot is stale: regenerate it (docs/rules.md, 'The picture of the rules')"
command -v dot > /dev/null || fail "dot is needed (Debian package graphviz, in the README's install line)"
dot -Tsvg "$tmp/kb.dot" -o "$tmp/kb.svg" || fail "dot refused it"
echo ok
