#!/usr/bin/env bash
# The locale profile (facts/locales.clp): the numbers to call, chosen by
# --locale, TPTRIAGE_LOCALE or the region of LANG (112 when unknown). At an
# emergency or urgent level the number is on the first line of the result
# (the session's heading and alert, the report's first line) and in
# /v1/interview's "call"; no diary offer follows; batch output is unchanged.
. "$(dirname "$0")/../e2e.sh"
command -v curl >/dev/null || fail "curl is needed"
command -v jq >/dev/null || fail "jq is needed"
export TPTRIAGE_GROUPS=off
unset TPTRIAGE_LOCALE

run() { # run ANSWERS... -- ARGS: a piped session, output in $tmp/out
    local args=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
    shift
    printf '%s\n' "${args[@]}" | "$tp" session --kb "$src" "$@" >"$tmp/out" 2>&1 || true
}
heading() { grep -m1 '^==== ' "$tmp/out"; }

# emergency: the number follows the locale
run yes -- --locale gb
[ "$(heading)" = "==== Possible emergency: Call 999 now ====" ] || fail "gb: $(heading)"
grep -q '^!! Possible emergency: Call 999 now' "$tmp/out" || fail "gb: no number in the alert"
run yes -- --locale us
[ "$(heading)" = "==== Possible emergency: Call 911 now ====" ] || fail "us: $(heading)"
LANG=de_DE.UTF-8 run yes --
[ "$(heading)" = "==== Possible emergency: Call 112 now ====" ] || fail "LANG de_DE: $(heading)"
LANG=en_GB.UTF-8 run yes --
heading | grep -q 'Call 999' || fail "LANG en_GB: $(heading)"
TPTRIAGE_LOCALE=US LANG=en_GB.UTF-8 run yes --
heading | grep -q 'Call 911' || fail "TPTRIAGE_LOCALE over LANG: $(heading)"
TPTRIAGE_LOCALE=US run yes -- --locale GB
heading | grep -q 'Call 999' || fail "--locale over TPTRIAGE_LOCALE: $(heading)"
LANG=C run yes --
heading | grep -q 'Call 112' || fail "unknown region not 112: $(heading)"
LANG=xx_ZZ.UTF-8 run yes --
heading | grep -q 'Call 112' || fail "unknown region ZZ not 112: $(heading)"
rc=0
"$tp" session --locale narnia </dev/null >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" = 64 ] || fail "an unknown --locale gave exit $rc"
grep -q 'no such locale' "$tmp/err" || fail "an unknown --locale not said: $(cat "$tmp/err")"
echo "ok: emergency number by --locale, TPTRIAGE_LOCALE, LANG and the default"

# urgent (weakness): NHS 111 in GB, on the first line
answers=(no no no no no no no no yes)
run "${answers[@]}" -- --locale gb
heading | grep -q 'See a clinician within 24 hours.*Call NHS 111 today' || fail "urgent gb: $(heading)"
# a calm level has no number
run no -- --locale gb
heading | grep -q 'Call' && fail "a number at a calm level: $(heading)"
echo "ok: urgent number, none at calm levels"

# the report's first line names the number
printf '%s\n' yes ":report $tmp/r.md" | "$tp" session --kb "$src" --locale gb >/dev/null 2>&1
[ "$(head -1 "$tmp/r.md")" = "**Call 999 now** In the UK the emergency department is called A&E." ] ||
    fail "report's first line: $(head -1 "$tmp/r.md")"
echo "ok: the report starts with the number"

# batch is unchanged by the locale
"$tp" batch --kb "$src" --format json "$src/facts/cases" >"$tmp/b1"
LANG=en_US.UTF-8 TPTRIAGE_LOCALE=gb "$tp" batch --kb "$src" --format json "$src/facts/cases" >"$tmp/b2"
cmp -s "$tmp/b1" "$tmp/b2" || fail "batch output depends on the locale"
grep -q '"call"' "$tmp/b1" && fail "batch output has a call field"
echo "ok: batch output does not depend on the locale"

# the step API: "call" for the level that stands, from --locale or the request
serve_start --threads 1 --kb "$src" --locale gb
post() { curl -s -X POST -H 'Content-Type: application/json' --data-binary "$1" "$url/v1/interview"; }
[ "$(post '{"answers":{"saddle-numbness":"yes"}}' | jq -c .call)" = \
  '{"number":"999","label":"Call 999 now","where":"In the UK the emergency department is called A&E."}' ] ||
    fail "/v1/interview call (gb): $(post '{"answers":{"saddle-numbness":"yes"}}')"
[ "$(post '{"answers":{"saddle-numbness":"yes"},"locale":"en-US"}' | jq -r .call.number)" = 911 ] ||
    fail "the request's locale"
[ "$(post '{"answers":{"saddle-numbness":"yes"},"locale":"somewhere"}' | jq -r .call.number)" = 112 ] ||
    fail "an unknown request locale is not 112"
[ "$(post '{"answers":{}}' | jq -c .call)" = null ] || fail "a call before any warning sign"
[ "$(post '{"answers":{}}' | jq -r .locale)" = gb ] || fail "no locale field"
echo "ok: /v1/interview call"
