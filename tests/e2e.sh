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

# serve_start [ARGS...]: `tptriage serve --listen 127.0.0.1:0 ARGS` in the
# background, its stderr in $tmp/serve.N.log (N counts the servers
# started); sets serve_pid (and pid), port, url and serve_log, and stops
# every server started so when the script ends.
serve_pids=""
serve_start() {
    serve_log="$tmp/serve.$(($(echo $serve_pids | wc -w) + 1)).log"
    : >"$serve_log" # made before the server starts: the loop below reads it at once
    "$tp" serve --listen 127.0.0.1:0 "$@" 2>"$serve_log" &
    serve_pid=$!
    pid=$serve_pid
    serve_pids="$serve_pids $serve_pid"
    trap 'for p in $serve_pids; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
    port=
    for _ in $(seq 300); do
        port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$serve_log")
        [ -n "$port" ] && break
        kill -0 $serve_pid 2>/dev/null || fail "the server died: $(cat "$serve_log")"
        sleep 0.1
    done
    [ -n "$port" ] || fail "the server did not start: $(cat "$serve_log")"
    url=http://127.0.0.1:$port
}

# Removes the row of the flag table (facts/flags.clp) that names rule $2
# (its lines, from "(flag-trigger ... (rule $2)" to its "(source ...))").
drop_row() {
  grep -qF "(rule $2)" "$1" || fail "$1 has no row $2"
  awk -v want="(rule $2)" '
    index($0, "(flag-trigger") && index($0, want) { skip = 1 }
    skip && /\(source [^()]*\)\)/ { skip = 0; if ($0 ~ /\)\)\)[ \t]*$/) print ")"; next }
    !skip' "$1" > "$1.new" && mv "$1.new" "$1"
}

# add_night_sweats KB: a new simple red flag (night sweats, urgent) added to
# the knowledge-base copy KB in its places: each file of
# tests/fixture/night-sweats appended to KB/facts/ of the same name.
add_night_sweats() {
  local f
  for f in "$src"/tests/fixture/night-sweats/*.clp; do
    printf '\n' >>"$1/facts/${f##*/}"
    cat "$f" >>"$1/facts/${f##*/}"
  done
}
