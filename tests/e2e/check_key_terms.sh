#!/usr/bin/env bash
# Checklist lines as wide as their questions (issue 23, kind 2): every sign
# a grouped question asks is listed as data (key-terms facts in
# facts/groups.clp); check fails, naming the file, line, question and term,
# when a checklist line leaves one out, when a key term is not in the
# question's own text, and when a grouped question has no key terms.
. "$(dirname "$0")/../e2e.sh"
copy() { mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"; }

# 1. the shipped knowledge base passes
"$tp" check --kb "$src" --combinations 0 >"$tmp/ok" || fail "shipped: $(grep -v '^safety' "$tmp/ok")"

# broken NAME SED-EXPR MESSAGE: a copy edited by SED-EXPR fails check with MESSAGE
broken() {
  copy "$1"
  sed -i "$2" "$tmp/$1/facts/groups.clp"
  set +e; "$tp" check --kb "$tmp/$1" --combinations 0 >"$tmp/out"; local rc=$?; set -e
  [ "$rc" -eq 1 ] || fail "$1: exit $rc"
  grep -q -- "$3" "$tmp/out" || fail "$1: $(grep -v '^safety' "$tmp/out" | head)"
}

# 2. the emergency line without "during sex" (the defect the issue found)
broken narrow 's/, or new loss of feeling there during sex"))/"))/' \
  'groups.clp:[0-9]*: the checklist line of saddle-numbness leaves out "during sex"'
# 3. a key term the question does not say
broken wrongterm 's/(terms "cancer"))/(terms "cancer" "tumour"))/' \
  'groups.clp:[0-9]*: key term "tumour" of cancer-history is not in the question'
# 4. a grouped question with no key terms
broken unlisted '/(key-terms (question back-lump)/d' \
  'groups.clp:[0-9]*: the checklist line of back-lump has no key-terms fact'
echo ok
