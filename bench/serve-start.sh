# serve-start.sh: sourced by the serve benches. serve_start TPTRIAGE
# [ARGS...] starts `tptriage serve` on a free port of 127.0.0.1 (stderr in
# $tmp/log; $tmp must exist), sets pid and port, and stops it on exit.
serve_start() {
    local tp=$1
    shift
    "$tp" serve --listen 127.0.0.1:0 "$@" 2>"$tmp/log" &
    pid=$!
    trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
    port=
    for _ in $(seq 300); do
        port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/log")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$tmp/log" >&2; exit 1; }
}
