#!/bin/bash
# No starvation: 300 slow clients (a request's headers one byte a second),
# 100 of them each from an address of its own, and 2000 idle connections
# from one address, all reopened as soon as the server closes them; a
# normal request (GET /healthz, POST /v1/judge) is still answered within
# 1 s, every time. Slow clients are cut off after --timeout; one address
# gets at most --per-client connections.
. "$(dirname "$0")/../e2e.sh"
: "${LOADGEN:?}"
command -v curl > /dev/null || fail "curl is needed (package curl)"
serve_start --threads 2 --timeout 3
pid=$serve_pid
url=http://127.0.0.1:$port
"$LOADGEN" "$port" 12 slow 200 127.0.0.2 > "$tmp/slow1" &
l1=$!
"$LOADGEN" "$port" 12 slow 100 127.0.1.1 100 > "$tmp/slow2" &
l2=$!
"$LOADGEN" "$port" 12 idle 2000 127.0.0.3 > "$tmp/idle" &
l3=$!
sleep 2
worst=0
for i in $(seq 16); do
  if [ $((i % 2)) = 0 ]; then
    t=$(curl -s -m 5 -o "$tmp/body" -w '%{http_code} %{time_total}' "$url/healthz") || t="000 5"
  else
    t=$(curl -s -m 5 -o "$tmp/body" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
      -d '{"answers":{"numbness":"no"}}' "$url/v1/judge") || t="000 5"
  fi
  set -- $t
  [ "$1" = 200 ] || fail "request $i under load: status $1 after $2 s"
  awk -v t="$2" 'BEGIN { exit !(t < 1.0) }' || fail "request $i under load took $2 s (want < 1 s)"
  worst=$(awk -v a="$worst" -v b="$2" 'BEGIN { print (b > a ? b : a) }')
  sleep 0.5
done
wait $l1 $l2 $l3
echo "ok: 16 requests under 300 slow and 2000 idle clients answered, the slowest in $worst s"
# slow clients each from an address of their own are cut off after the
# timeout (3 s), not kept; one address gets at most 32 at once
read -r _ opened _ closed _ longest < "$tmp/slow2"
awk -v l="$longest" 'BEGIN { exit !(l <= 6.5) }' || fail "a slow client lived $longest s (timeout 3 s): $(cat "$tmp/slow2")"
[ "$closed" -ge 100 ] || fail "slow clients were not cut: $(cat "$tmp/slow2")"
read -r _ opened _ closed _ longest < "$tmp/idle"
[ "$closed" -ge 1900 ] || fail "the idle address kept more than its share: $(cat "$tmp/idle")"
echo "ok: slow clients cut after the timeout ($(cat "$tmp/slow2")); one address limited ($(cat "$tmp/idle"))"
kill -TERM $pid
st=0
wait $pid || st=$?
[ "$st" = 0 ] || fail "serve stopped with $st, not 0: $(cat "$serve_log")"
echo "ok: SIGTERM: exit 0"
