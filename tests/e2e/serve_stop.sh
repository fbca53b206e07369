#!/bin/bash
# Graceful stop: SIGTERM (and SIGINT) with requests in flight (headers and
# half a body sent, 8 of them) stops accepting, answers every one of them when the rest
# of its body comes, and exits 0; with SIGTERM, a request that never
# finishes is dropped after the grace time (5 s), still exit 0.
. "$(dirname "$0")/../e2e.sh"
command -v curl > /dev/null || fail "curl is needed (package curl)"
body='{"answers":{"numbness":"no","age":40}}'
half=${body:0:15} rest=${body:15}
start() {
  serve_start --threads 2
  pid=$serve_pid
}
client() { # client N: a request whose body ends when $tmp/go exists
  exec 3<> "/dev/tcp/127.0.0.1/$port"
  printf 'POST /v1/judge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "${#body}" "$half" >&3
  touch "$tmp/sent.$1"
  for _ in $(seq 100); do [ -e "$tmp/go" ] && break; sleep 0.05; done
  printf '%s' "$rest" >&3
  timeout 10 cat <&3 > "$tmp/resp.$1" || true
  exec 3>&-
}
for sig in TERM INT; do
  rm -f "$tmp/go" "$tmp"/resp.* "$tmp"/sent.*
  start
  for i in $(seq 8); do client "$i" & done
  if [ "$sig" = TERM ]; then # and one that never finishes
    exec 4<> "/dev/tcp/127.0.0.1/$port"
    printf 'POST /v1/judge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{' >&4
  fi
  # every client has sent its headers and half its body (at most 20 s)
  for _ in $(seq 200); do [ "$(ls "$tmp" | grep -c '^sent\.')" -ge 8 ] && break; sleep 0.1; done
  [ "$(ls "$tmp" | grep -c '^sent\.')" -ge 8 ] || fail "SIG$sig: the clients did not all connect"
  sleep 0.3 # and the server has read their headers
  t0=$(date +%s.%N)
  kill -"$sig" "$pid"
  sleep 0.3
  # no new connection is taken once stopping
  curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/healthz" && fail "SIG$sig: a new connection was answered while stopping"
  touch "$tmp/go"
  wait $(jobs -p | grep -vx "$pid") 2> /dev/null || true
  st=0
  wait "$pid" || st=$?
  [ "$st" = 0 ] || fail "SIG$sig: exit $st, want 0: $(cat "$serve_log")"
  n=$(cat "$tmp"/resp.* 2> /dev/null | grep -c '^HTTP/1.1 200' || true)
  [ "$n" = 8 ] || fail "SIG$sig: $n of 8 requests in flight were answered: $(cat "$serve_log"; head -c 300 "$tmp/resp.1")"
  grep -q '"disposition"' "$tmp/resp.1" || fail "SIG$sig: not a judgement: $(cat "$tmp/resp.1")"
  cp "$serve_log" "$tmp/${sig,,}.log"
  exec 4>&- 2> /dev/null || true
  echo "ok: SIG$sig: 8 requests in flight all answered (200), no new connection taken, exit 0 in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
done
grep -q '1 request still in flight after 5 s is dropped' "$tmp/term.log" ||
  fail "the request that never finished was not said: $(cat "$tmp/term.log")"
echo "ok: SIGTERM: a request that never finishes is dropped after 5 s; exit 0"
