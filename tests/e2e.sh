# e2e.sh: what every end-to-end script starts with (sourced, never run on its
# own): strict mode, the paths CTest hands over, a scratch folder removed on
# exit, and fail().
#   tp   the binary under test ($TPTRIAGE)
#   src  the source tree ($TP_SOURCE_DIR)
#   tmp  a scratch folder
set -euo pipefail
tp=${TPTRIAGE:?path of the binary} src=${TP_SOURCE_DIR:?source tree}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# no test keeps check-ins in the real diary: those about it unset this
export TPTRIAGE_DIARY=off
# serve_start [ARGS...]: `tptriage serve` on a free port of 127.0.0.1 in the
# background, its stderr in $tmp/serve.N.log; sets serve_pid, port and
# serve_log, and stops every server started so when the script ends.
serve_pids=""
serve_start() {
  serve_log="$tmp/serve.$((${#serve_pids} + 1)).log"
  "$tp" serve --listen 127.0.0.1:0 --kb "$src" "$@" 2> "$serve_log" &
  serve_pid=$!
  serve_pids="$serve_pids $serve_pid"
  trap 'for p in $serve_pids; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
  for _ in $(seq 300); do grep -q 'listening on' "$serve_log" && break; sleep 0.1; done
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$serve_log")
  [ -n "$port" ] || fail "the server did not start: $(cat "$serve_log")"
}
