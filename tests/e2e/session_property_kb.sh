#!/usr/bin/env bash
# The session = batch property test (tests/unit/test_session.c, which runs on
# the small fixture knowledge base) run once more on the clinical knowledge
# base: any answer prefix gives the session batch's result, and once the
# rules ask nothing more no question left unasked could take advice away.
. "$(dirname "$0")/../e2e.sh"
bin=${TP_BUILD_DIR:?build tree}/tests/test_session
[ -x "$bin" ] || fail "no $bin"
CK_RUN_CASE=property TP_PROPERTY_KB="$src" "$bin" > "$tmp/out" 2>&1 ||
  fail "property on the clinical knowledge base: $(tail -20 "$tmp/out")"
grep -q '100%: Checks: 1, Failures: 0, Errors: 0' "$tmp/out" || fail "$(cat "$tmp/out")"
