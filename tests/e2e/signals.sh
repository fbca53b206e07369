#!/usr/bin/env bash
# Signals: when the reader of stdout goes away (| head -1), batch stops
# quietly; Ctrl-C (SIGINT) in a batch stops it, flushes the results already
# done as whole lines, and exits 130. Both with one worker and with several.
. "$(dirname "$0")/../e2e.sh"

line='{"id":"c","answers":{"numbness":"no","age":40,"pain-location":["hip-crest"]}}'
# lines N: N copies of the case
lines() { awk -v l="$line" -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print l }'; }
lines 20000 > "$tmp/many.jsonl"

# 1. SIGPIPE: stdout closed after the first line: no message, no error exit
for j in 1 2; do
  for src_arg in - "$src/facts/cases"; do
    set +e
    "$tp" batch -j$j --format json "$src_arg" < "$tmp/many.jsonl" 2> "$tmp/err" | head -1 > "$tmp/out"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "head -1 got no line (-j$j $src_arg)"
    [ ! -s "$tmp/err" ] || fail "SIGPIPE (-j$j $src_arg) printed: $(head -c 300 "$tmp/err")"
    # killed by SIGPIPE (141) or a clean exit: never an error status
    [ "$rc" -eq 141 ] || [ "$rc" -eq 0 ] || fail "SIGPIPE (-j$j $src_arg): exit $rc"
  done
done

# 2. SIGINT: stop, flush what is done, exit 130
lines 2000000 > "$tmp/huge.jsonl"
for j in 1 2; do
  "$tp" batch -j$j --format json --no-progress - < "$tmp/huge.jsonl" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  # wait until some results are out (at most 60 s)
  for _ in $(seq 600); do
    [ "$(stat -c %s "$tmp/out")" -gt 100000 ] && break
    sleep 0.1
  done
  [ "$(stat -c %s "$tmp/out")" -gt 100000 ] || fail "-j$j: no output after 60 s"
  workers=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2> /dev/null | cut -d/ -f3 || true)
  kill -INT "$pid"
  set +e; wait "$pid"; rc=$?; set -e
  [ "$rc" -eq 130 ] || fail "SIGINT (-j$j): exit $rc, want 130: $(head -c 300 "$tmp/err")"
  n=$(wc -l < "$tmp/out")
  [ "$n" -gt 0 ] && [ "$n" -lt 2000000 ] || fail "SIGINT (-j$j): $n lines"
  # every line written is whole (nothing cut off half-way)
  [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] || fail "SIGINT (-j$j): last line cut"
  ! grep -qv '^{"case":"c",.*}$' "$tmp/out" || fail "SIGINT (-j$j): a line is not a whole result"
  ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || fail "SIGINT (-j$j): $(head -c 500 "$tmp/err")"
  # no worker is left behind
  for w in $workers; do
    for _ in $(seq 50); do kill -0 "$w" 2> /dev/null || break; sleep 0.1; done
    ! kill -0 "$w" 2> /dev/null || fail "SIGINT (-j$j): worker $w left running"
  done
  echo "SIGINT -j$j: stopped after $n results, exit $rc"
done
echo "signals: quiet on SIGPIPE, 130 with whole lines on SIGINT"
