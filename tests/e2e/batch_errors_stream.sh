#!/bin/bash
# batch --errors FILE streams: each bad input's line is in FILE as soon as
# it is judged (not at the end), memory does not grow with the number of bad
# lines, and a run stopped by Ctrl-C leaves a file of whole JSON lines, one
# per bad input judged; the file is 0600 (it holds the inputs).
. "$(dirname "$0")/../e2e.sh"
command -v jq > /dev/null || fail "jq is needed (package jq)"
# Freed memory held in ASan's quarantine would look like growth.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"
cd "$tmp"
mkfifo in
pad=$(printf 'x%.0s' $(seq 400))
bad() { # bad FROM TO: bad lines (a value over 255 bytes)
  awk -v a="$1" -v b="$2" -v pad="$pad" \
    'BEGIN { for (i = a; i <= b; i++) printf "{\"id\":%d,\"answers\":{\"numbness\":\"%s\"}}\n", i, pad }'
}
lines() { [ -f "$1" ] && wc -l < "$1" || echo 0; }
until_lines() { # until_lines FILE N: at most 20 s
  for _ in $(seq 200); do [ "$(lines "$1")" -ge "$2" ] && return 0; sleep 0.1; done
  return 1
}
(umask 000 && exec "$tp" batch --format json -j1 --no-progress --errors errors.jsonl - < in > out 2> err) &
pid=$!
exec 3> in
bad 1 1000 >&3
until_lines errors.jsonl 1000 || fail "--errors holds $(lines errors.jsonl) of 1000 bad lines while the run goes on"
[ "$(stat -c %a errors.jsonl)" = 600 ] || fail "--errors file mode $(stat -c %a errors.jsonl), want 600"
base=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
echo "ok: the first 1000 bad lines are in the file while the run goes on (peak ${base} kB)"
bad 1001 60000 >&3
until_lines out 60000 || fail "the 60000 lines were not judged"
peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
[ $((peak - base)) -lt 16384 ] ||
  fail "memory grew by $((peak - base)) kB over 59000 bad lines (from $base kB to $peak kB)"
echo "ok: 59000 more bad lines: memory grew by $((peak - base)) kB"
kill -INT "$pid"
exec 3>&-
st=0
wait "$pid" || st=$?
[ "$st" -eq 130 ] || fail "stopped by SIGINT: exit $st, want 130"
n=$(lines errors.jsonl)
[ "$n" -eq 60000 ] || fail "the stopped run's --errors file has $n lines, want 60000"
[ "$(jq -c 'select(.case and .error and .input)' errors.jsonl | wc -l)" -eq 60000 ] ||
  fail "the --errors file holds a line that is not a whole JSON error"
echo "ok: stopped by SIGINT: the --errors file holds 60000 whole lines"
# a link or a FIFO at the name is refused, nothing judged
ln -s /dev/null link.jsonl
echo '{"answers":{}}' | "$tp" batch --format json --errors link.jsonl - > /dev/null 2> err && fail "--errors followed a link"
grep -q 'link.jsonl: is a symbolic link, not a regular file; not written' err || fail "link: $(cat err)"
echo "ok: a link at the --errors name is refused"
