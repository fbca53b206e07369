#!/usr/bin/env bash
# Honest output errors: a full disk (/dev/full) or a file size limit
# (ulimit -f) on stdout is said once, "tptriage: stdout: REASON", and the
# run stops with exit 74, for -j1, -j2 and -j4 and for the other commands; a
# worker killed by a signal is named with the signal and what it means.
# Folder scans take regular files only: a FIFO, socket or device in a folder
# is skipped with one note (no hang); a FIFO named on the command line is
# read (batch <(producer)).
. "$(dirname "$0")/../e2e.sh"
cases="$src/facts/cases"
kb=(--kb "$src")

# expect_ioerr NAME REASON: the last run exited 74 with exactly one line,
# "tptriage: stdout: REASON", on stderr ($tmp/err)
expect_ioerr() {
  [ "$rc" -eq 74 ] || fail "$1: exit $rc, want 74: $(head -c 300 "$tmp/err")"
  [ "$(cat "$tmp/err")" = "tptriage: stdout: $2" ] ||
    fail "$1: stderr is not one line 'tptriage: stdout: $2': $(head -c 500 "$tmp/err")"
}

# 1. a full disk on stdout, every -j and format (three copies of the cases:
#    enough for the workers to be forked)
for fmt in text json tsv; do
  for j in 1 2 4; do
    set +e
    "$tp" batch "${kb[@]}" -j$j --format $fmt "$cases" "$cases" "$cases" > /dev/full 2> "$tmp/err"
    rc=$?
    set -e
    expect_ioerr "batch -j$j --format $fmt > /dev/full" "No space left on device"
  done
done
# JSON Lines from stdin, where the workers always run
awk 'BEGIN { for (i = 0; i < 500; i++) printf "{\"id\":\"c%d\",\"answers\":{\"age\":%d}}\n", i, i % 100 }' \
  > "$tmp/many.jsonl"
for j in 1 2 4; do
  set +e
  "$tp" batch "${kb[@]}" -j$j --format json - < "$tmp/many.jsonl" > /dev/full 2> "$tmp/err"
  rc=$?
  set -e
  expect_ioerr "batch -j$j - > /dev/full" "No space left on device"
done
echo "ok: a full disk on stdout gives one message and exit 74 for -j1, -j2, -j4"

# 2. a file size limit (EFBIG): the same, and the part written is whole lines
for j in 1 2 4; do
  set +e
  (ulimit -f 8 && exec "$tp" batch "${kb[@]}" -j$j --format json - < "$tmp/many.jsonl" \
    > "$tmp/out" 2> "$tmp/err")
  rc=$?
  set -e
  expect_ioerr "batch -j$j with ulimit -f 8" "File too large"
  [ "$(stat -c %s "$tmp/out")" -le 8192 ] || fail "ulimit -f: more than the limit was written"
done
echo "ok: a file size limit gives 'File too large' and exit 74 for -j1, -j2, -j4"

# 3. the other commands and the session
for cmd in "questions" "graph" "--version" "batch --help"; do
  set +e
  # shellcheck disable=SC2086
  "$tp" "${kb[@]}" $cmd > /dev/full 2> "$tmp/err"
  rc=$?
  set -e
  expect_ioerr "$cmd > /dev/full" "No space left on device"
done
for _ in $(seq 200); do echo no; done > "$tmp/answers"
set +e
"$tp" "${kb[@]}" < "$tmp/answers" > /dev/full 2> "$tmp/err"
rc=$?
set -e
expect_ioerr "a piped session > /dev/full" "No space left on device"
# stderr on a full disk: nothing can be said, but the exit code says it
printf 'numbness = maybe\n' > "$tmp/bad.sym"
set +e
"$tp" batch "${kb[@]}" -j1 "$tmp/bad.sym" > /dev/null 2> /dev/full
rc=$?
set -e
[ "$rc" -eq 74 ] || fail "stderr on /dev/full: exit $rc, want 74"
echo "ok: other commands and the session: one message and exit 74"

# 4. a worker killed by a signal is named with the signal and its meaning
mkfifo "$tmp/feed"
"$tp" batch "${kb[@]}" -j2 --format json --no-progress - < "$tmp/feed" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 3> "$tmp/feed"
head -100 "$tmp/many.jsonl" >&3
for _ in $(seq 600); do
  [ "$(wc -l < "$tmp/out")" -ge 100 ] && break
  sleep 0.05
done
[ "$(wc -l < "$tmp/out")" -ge 100 ] || fail "worker test: no output after 30 s"
workers=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2> /dev/null | cut -d/ -f3 || true)
[ -n "$workers" ] || fail "worker test: no workers found"
# shellcheck disable=SC2086
kill -KILL $workers
cat "$tmp/many.jsonl" >&3 || true
exec 3>&-
set +e
wait "$pid"
rc=$?
set -e
grep -Eq '^tptriage: worker [0-9]+ was killed by SIGKILL: killed, by another process or by the kernel when memory ran out$' \
  "$tmp/err" || fail "a killed worker was not named with its signal: $(head -c 500 "$tmp/err")"
[ "$rc" -eq 70 ] || fail "a killed worker: exit $rc, want 70"
echo "ok: a killed worker is reported with SIGKILL and what it means (exit $rc)"

# 5. folder scans: regular files only; one note for each FIFO, socket or device
mkdir "$tmp/folder"
cp "$cases"/*.sym "$tmp/folder/"
mkfifo "$tmp/folder/a-fifo.sym"
ln -s /dev/zero "$tmp/folder/a-device.sym"
mkdir "$tmp/folder/a-folder.sym"
notes=3
if command -v python3 > /dev/null; then
  python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
    "$tmp/folder/a-socket.sym"
  notes=4
fi
n=$(find "$cases" -maxdepth 1 -name '*.sym' | wc -l)
for j in 1 2; do
  set +e
  timeout 60 "$tp" batch "${kb[@]}" -j$j --format tsv "$tmp/folder" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  set -e
  [ "$rc" -ne 124 ] || fail "folder scan -j$j: hung on a FIFO"
  [ "$rc" -eq 0 ] || fail "folder scan -j$j: exit $rc: $(head -c 500 "$tmp/err")"
  [ "$(wc -l < "$tmp/out")" -eq $((n + 1)) ] || fail "folder scan -j$j: not every regular file judged"
  [ "$(wc -l < "$tmp/err")" -eq "$notes" ] || fail "folder scan -j$j: want $notes notes: $(cat "$tmp/err")"
  grep -qx "tptriage: $tmp/folder/a-fifo.sym: skipped: a FIFO (named pipe), not a regular file" \
    "$tmp/err" || fail "no note for the FIFO"
  grep -qx "tptriage: $tmp/folder/a-device.sym: skipped: a device, not a regular file" \
    "$tmp/err" || fail "no note for the device"
  grep -qx "tptriage: $tmp/folder/a-folder.sym: skipped: a folder, not a regular file" \
    "$tmp/err" || fail "no note for the folder"
  [ "$notes" -eq 3 ] || grep -qx "tptriage: $tmp/folder/a-socket.sym: skipped: a socket, not a regular file" \
    "$tmp/err" || fail "no note for the socket"
done
echo "ok: a folder scan skips a FIFO, a device, a folder and a socket with one note each"

# 6. a FIFO named on the command line is read
one=$(find "$cases" -maxdepth 1 -name '*.sym' | sort | sed -n 1p)
want=$("$tp" batch "${kb[@]}" --format tsv "$one" | awk -F'\t' 'NR == 2 {print $2}')
got=$(timeout 60 "$tp" batch "${kb[@]}" --format tsv <(cat "$one") | awk -F'\t' 'NR == 2 {print $2}')
[ "$got" = "$want" ] || fail "batch <(producer): level '$got', want '$want'"
got=$(timeout 60 "$tp" batch "${kb[@]}" -j2 --format tsv <(cat "$one") "$cases" "$cases" |
  awk -F'\t' 'NR == 2 {print $2}')
[ "$got" = "$want" ] || fail "batch -j2 <(producer) DIR DIR: level '$got', want '$want'"
echo "ok: batch <(producer) reads the FIFO, with one worker and with two"
