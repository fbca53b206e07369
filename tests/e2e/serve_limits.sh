#!/bin/bash
# Bodies capped while they stream: a chunked body of 200 MB, and raw
# chunks written by hand, are refused with 413 as soon as they pass 64 KiB
# (the server stops reading: curl gets to send at most a few MB), with the
# headers every response carries; a body sent one byte a second is cut off
# with 408 after --timeout. libmicrohttpd's own error pages (a
# malformed header line, headers over its memory limit, an HTTP version it
# does not speak, a bad chunk size) carry the same headers.
. "$(dirname "$0")/../e2e.sh"
command -v curl > /dev/null || fail "curl is needed (package curl)"
serve_start --threads 2 --timeout 3
pid=$serve_pid
url=http://127.0.0.1:$port/v1/judge
headers() { # headers FILE WHAT: every security header is there
  for h in 'Cache-Control: no-store' 'X-Content-Type-Options: nosniff' \
    "Content-Security-Policy: default-src 'self'" 'Referrer-Policy: no-referrer' \
    'X-Frame-Options: DENY' 'X-TP-KB: ' 'Content-Type: application/json'; do
    grep -qi "^$h" "$1" || fail "$2: no '$h' header: $(cat "$1")"
  done
}
# 1. chunked, 200 MB: refused at 64 KiB
t0=$SECONDS
out=$(head -c 200000000 /dev/zero | curl -s -m 20 -D "$tmp/h" -o "$tmp/b" -w '%{http_code} %{size_upload}' \
  -H 'Content-Type: application/json' -X POST -T - "$url" || true)
set -- $out
[ "$1" = 413 ] || fail "a 200 MB chunked body: status $1, want 413"
[ "$2" -lt 20000000 ] || fail "a 200 MB chunked body was read to $2 bytes before the 413"
grep -q '"error":"the body is too large"' "$tmp/b" || fail "chunked: body $(cat "$tmp/b")"
headers "$tmp/h" "413 for a chunked body"
echo "ok: a 200 MB chunked body: 413 after $2 bytes sent, in $((SECONDS - t0)) s, with every header"
# 2. a Content-Length that lies low is no way around it
exec 3<> "/dev/tcp/127.0.0.1/$port"
(
  trap '' PIPE
  printf 'POST /v1/judge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
  for _ in $(seq 40); do printf '1000\r\n%4096s\r\n' ''; done
) >&3 2> /dev/null || true
timeout 5 cat <&3 > "$tmp/raw" || true
exec 3>&-
grep -q '^HTTP/1.1 413' "$tmp/raw" || fail "raw chunked: $(head -3 "$tmp/raw")"
headers "$tmp/raw" "413 for raw chunks"
echo "ok: raw chunks past 64 KiB: 413 with every header"
# 3. a body one byte a second: 408 after the timeout
printf '%60s' '' > "$tmp/slow"
out=$(curl -s -m 20 -D "$tmp/h" -o "$tmp/b" -w '%{http_code} %{time_total}' --limit-rate 1 \
  -H 'Content-Type: application/json' --data-binary @"$tmp/slow" "$url" || true)
set -- $out
[ "$1" = 408 ] || fail "a slow body: status $1, want 408"
awk -v t="$2" 'BEGIN { exit !(t < 6) }' || fail "a slow body lasted $2 s (timeout 3 s)"
headers "$tmp/h" "408 for a slow body"
echo "ok: a body one byte a second: 408 after $2 s (timeout 3 s), with every header"
# 4. libmicrohttpd's own error pages
raw() { # raw NAME: sends $tmp/req.NAME, the response in $tmp/resp.NAME
  exec 3<> "/dev/tcp/127.0.0.1/$port"
  (
    trap '' PIPE
    cat "$tmp/req.$1"
  ) >&3 2> /dev/null || true
  timeout 5 cat <&3 > "$tmp/resp.$1" || true
  exec 3>&-
}

printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nthis is no header\r\n\r\n' > "$tmp/req.badline"
{ printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: '; head -c 70000 /dev/zero | tr '\0' a; printf '\r\n\r\n'; } > "$tmp/req.bighead"
printf 'GET /healthz HTTP/3.7\r\nHost: x\r\n\r\n' > "$tmp/req.version"
printf 'POST /v1/judge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n' > "$tmp/req.badchunk"
for name in badline bighead version badchunk; do
  raw "$name"
  grep -q '^HTTP/1.1 [45][0-9][0-9]' "$tmp/resp.$name" || fail "$name: not an error: $(head -c 300 "$tmp/resp.$name")"
  for h in 'X-Content-Type-Options: nosniff' "Content-Security-Policy: default-src 'self'" \
    'X-Frame-Options: DENY' 'Referrer-Policy: no-referrer' 'Cache-Control: no-store' 'Content-Type: '; do
    grep -qi "^$h" "$tmp/resp.$name" || fail "$name: libmicrohttpd's page lacks '$h': $(head -c 600 "$tmp/resp.$name")"
  done
  echo "ok: $name: $(head -1 "$tmp/resp.$name" | tr -d '\r'), with every security header"
done
grep -q 'internal error' "$serve_log" && fail "refusals logged as errors: $(cat "$serve_log")"
echo ok
