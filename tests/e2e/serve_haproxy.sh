#!/bin/bash
# Scale-out recipe (docs/http.md): haproxy in front of two `tptriage serve`
# instances on 127.0.0.1, with retries and redispatch. 200 requests go
# through it, 4 at a time; one instance is killed (SIGKILL) mid-run; every
# request is answered 200, with the judgement batch gives. haproxy runs as an
# ordinary process with a config generated here, not as a system service.
. "$(dirname "$0")/../e2e.sh"
command -v haproxy > /dev/null || fail "haproxy is needed (package haproxy)"
command -v curl > /dev/null || fail "curl is needed (package curl)"
serve_start --threads 2 --per-client 0
a_pid=$serve_pid a_port=$port
serve_start --threads 2 --per-client 0
b_port=$port
hap_pid=""
trap 'kill $hap_pid $serve_pids 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"' EXIT
for try in 1 2 3 4 5; do
  hp=$((20000 + (RANDOM * 7 + try) % 40000))
  sed "s/@FRONT@/$hp/; s/@A@/$a_port/; s/@B@/$b_port/" > "$tmp/haproxy.cfg" <<'CFG'
global
    maxconn 2000
defaults
    mode http
    timeout connect 1s
    timeout client 15s
    timeout server 15s
    # the step API is stateless: a request may go to either instance, and
    # be sent again when one dies under it
    retries 3
    option redispatch 1
    retry-on all-retryable-errors
    option http-server-close
frontend api
    bind 127.0.0.1:@FRONT@
    default_backend tptriage
backend tptriage
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    server a 127.0.0.1:@A@ check inter 500ms fall 2 rise 2
    server b 127.0.0.1:@B@ check inter 500ms fall 2 rise 2
CFG
  haproxy -c -q -f "$tmp/haproxy.cfg" || fail "haproxy refuses the generated config"
  haproxy -db -f "$tmp/haproxy.cfg" > "$tmp/haproxy.log" 2>&1 &
  hap_pid=$!
  ok=""
  for _ in $(seq 50); do
    curl -s -m 2 -o /dev/null "http://127.0.0.1:$hp/healthz" && { ok=1; break; }
    kill -0 $hap_pid 2> /dev/null || break
    sleep 0.1
  done
  [ -n "$ok" ] && break
  kill $hap_pid 2> /dev/null || true
  wait $hap_pid 2> /dev/null || true
  hap_pid=""
done
[ -n "$hap_pid" ] || fail "haproxy did not start: $(cat "$tmp/haproxy.log")"
echo "haproxy on 127.0.0.1:$hp in front of 127.0.0.1:$a_port and 127.0.0.1:$b_port"
case='{"id":"c","answers":{"numbness":"yes","age":35}}'
want=$(echo "$case" | "$tp" batch --format json --kb "$src" -)
seq 200 | xargs -P 4 -I{} curl -s -m 15 -o "$tmp/r.{}" -w '%{http_code}\n' \
  -H 'Content-Type: application/json' -d "$case" "http://127.0.0.1:$hp/v1/judge" > "$tmp/codes" &
load=$!
for _ in $(seq 300); do [ "$(wc -l < "$tmp/codes")" -ge 50 ] && break; sleep 0.05; done
kill -KILL "$a_pid"
echo "instance a killed after $(wc -l < "$tmp/codes") requests"
wait $load || true
n=$(wc -l < "$tmp/codes")
ok=$(grep -cx 200 "$tmp/codes" || true)
[ "$n" = 200 ] && [ "$ok" = 200 ] ||
  fail "$ok of 200 requests answered 200 ($n answered at all): $(sort "$tmp/codes" | uniq -c | tr '\n' ' ')"
for i in $(seq 200); do
  [ "$(cat "$tmp/r.$i")" = "$want" ] || fail "request $i: $(cat "$tmp/r.$i")"
done
echo "ok: 200 requests through haproxy, instance a killed mid-run: all 200 answered 200, each as batch judges"
