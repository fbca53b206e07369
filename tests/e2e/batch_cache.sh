#!/usr/bin/env bash
# The result cache in batch (on by default): over 300 generated cases each
# given six times (in order, backwards, with their answers in reverse order
# in the line, in order again, then each case and its reversed twin in turn), the output with the cache
# equals the output with --no-cache byte for byte (stdout, stderr, exit
# code) in every format, with -j1 and -j2, and with bounds small enough to
# push results out all the time; --whynot judges every case; a bad
# TPTRIAGE_RESULT_CACHE or --cache-size is refused; and the cache does
# work: the repeated run takes less CPU time than with --no-cache.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR
unset TPTRIAGE_RESULT_CACHE
cd "$tmp"

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 300 "$tmp/gen" 2727 >/dev/null
cases=$tmp/gen/cases.jsonl
[ "$(wc -l <"$cases")" = 300 ] || fail "the generator made $(wc -l <"$cases") cases"
jq -c '.answers |= (to_entries | reverse | from_entries)' "$cases" >reversed.jsonl
[ "$(wc -l <reversed.jsonl)" = 300 ] || fail "jq made a short file"
cmp -s "$cases" reversed.jsonl && fail "the answers were not reordered"
{
    cat "$cases"
    tac "$cases"
    cat reversed.jsonl
    cat "$cases"
    paste -d '\n' "$cases" reversed.jsonl
} >rep.jsonl
[ "$(wc -l <rep.jsonl)" = 1800 ] || fail "rep.jsonl has $(wc -l <rep.jsonl) lines"
# a few bad lines among them (errors are not cached, and show the same)
sed -i -e '100s/.*/{"id":"bad1","answers":{"no-such-question":"yes"}}/' \
    -e '700s/.*/not json/' rep.jsonl

runs=0
same() { # same LABEL ARGS...: batch ARGS with the cache and with --no-cache agree
    local label=$1 rc
    shift
    rc=0
    "$TPTRIAGE" batch --no-progress "$@" <rep.jsonl >on.out 2>on.err || rc=$?
    echo $rc >on.rc
    rc=0
    "$TPTRIAGE" batch --no-progress --no-cache "$@" <rep.jsonl >off.out 2>off.err || rc=$?
    echo $rc >off.rc
    for part in out err rc; do
        cmp -s on.$part off.$part || fail "$label: $part differs with the cache: $(diff on.$part off.$part | head -5)"
    done
    runs=$((runs + 1))
}
for fmt in json text tsv fhir; do
    for j in 1 2; do
        same "$fmt -j$j" --format $fmt -j$j -
    done
done
[ "$(cat on.rc)" = 2 ] || fail "the bad lines did not give exit 2: $(cat on.rc)"
same "json, --cache-size 1" --format json -j1 --cache-size 1 -
same "json, --cache-size 7, -j2" --format json -j2 --cache-size 7 -
same "json, --cache-size=64" --format json -j1 --cache-size=64 -
same "json, --whynot" --format json -j1 --whynot emergency -
grep -q '"whynot"' on.out || fail "--whynot added nothing"
TPTRIAGE_RESULT_CACHE=3 same "json, TPTRIAGE_RESULT_CACHE=3" --format json -j1 -
TPTRIAGE_RESULT_CACHE=0 same "json, TPTRIAGE_RESULT_CACHE=0" --format json -j1 -
echo "$runs runs: the same bytes with the cache and without"
[ "$(wc -l <on.out)" = 1800 ] || fail "expected 1800 JSON lines, got $(wc -l <on.out)"

# The repeated answers were judged once each: the lines of a case agree.
"$TPTRIAGE" batch --no-progress --format json -j1 - <rep.jsonl >all.json 2>/dev/null || true
awk 'NR > 1200 && NR % 2 == 1' all.json | sed 's/^{"case":"[^"]*",//' >odd
awk 'NR > 1200 && NR % 2 == 0' all.json | sed 's/^{"case":"[^"]*",//' >even
cmp -s odd even || fail "a case and its answers in reverse order judged differently"

# Refusals: exit 64, said once.
rc=0
TPTRIAGE_RESULT_CACHE=lots "$TPTRIAGE" batch --format json - <"$cases" >/dev/null 2>err || rc=$?
[ $rc = 64 ] || fail "TPTRIAGE_RESULT_CACHE=lots: exit $rc"
grep -q "TPTRIAGE_RESULT_CACHE takes a number from 0 (no cache) to 1048576, not 'lots'" err ||
    fail "TPTRIAGE_RESULT_CACHE=lots: $(cat err)"
for bad in -1 x 1048577; do
    rc=0
    "$TPTRIAGE" batch --format json --cache-size=$bad - <"$cases" >/dev/null 2>err || rc=$?
    [ $rc = 64 ] || fail "--cache-size $bad: exit $rc"
    grep -q "cache-size takes a number of results from 0 to 1048576, not '$bad'" err ||
        fail "--cache-size $bad: $(cat err)"
done
# the option wins over the environment
TPTRIAGE_RESULT_CACHE=lots "$TPTRIAGE" batch --format json --no-cache - <"$cases" >/dev/null 2>err &&
    fail "a bad TPTRIAGE_RESULT_CACHE was taken with --no-cache" || true

# The cache works: each of 300 cases 24 times costs far less CPU time with
# it (about two judgements a case instead of 24). User and system seconds
# of the process, not wall time: the machine's load hardly moves them.
for _ in 1 2; do cat rep.jsonl rep.jsonl; done | grep -v '^not json' >ten.jsonl
cpu() { # cpu ARGS...: CPU seconds of one batch run over ten.jsonl, in ms
    local TIMEFORMAT='%3U %3S' t
    t=$({ time "$TPTRIAGE" batch --no-progress --format json -j1 "$@" - <ten.jsonl >/dev/null 2>&1; } 2>&1) || true
    awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d\n", (a[1] + a[2]) * 1000 }'
}
on=$(cpu) off=$(cpu --no-cache)
echo "CPU for $(wc -l <ten.jsonl) lines: ${on} ms with the cache, ${off} ms without"
[ "$off" -gt 0 ] || fail "no CPU time measured"
[ $((on * 4)) -lt $((off * 3)) ] || fail "the cache saved too little: $on ms against $off ms"
