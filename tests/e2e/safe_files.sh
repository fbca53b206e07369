#!/usr/bin/env bash
# Nothing clobbered: the session's :save and :report go through the one safe
# writer. A device (/dev/full), a folder or a symbolic link at the name is
# refused and left as it was; links planted at the old predictable
# temporary names (NAME.tmp.PID) are never followed; an existing file keeps
# its mode; a full disk and a read-only folder leave the old file intact and
# no temporary file behind.
. "$(dirname "$0")/../e2e.sh"
export COLUMNS=1000 # the session's lines unwrapped: this test reads what they say, not their layout
# one question per line of input, as this test was written (session_groups.sh
# tests the checklists)
export TPTRIAGE_GROUPS=off
kb=(--kb "$src")
# session LINES...: a piped session given these lines; its output in $tmp/out
session() {
  printf '%s\n' "$@" | "$tp" "${kb[@]}" > "$tmp/out" 2>&1 || fail "session exit $?: $(cat "$tmp/out")"
}
said() { grep -qF -- "$1" "$tmp/out" || fail "not said: '$1'; output: $(tail -5 "$tmp/out")"; }
no_temp() { ! ls -A "$1" | grep -q '^\.tptriage-' || fail "a temporary file was left in $1"; }

# 1. a device is refused, never replaced (as root it was replaced by a file)
session no ':report /dev/full' ':save /dev/null' :quit
said 'Could not write the report: /dev/full: is a device, not a regular file; not replaced'
said 'Could not save: /dev/null: is a device, not a regular file; not replaced'
[ -c /dev/full ] && [ -c /dev/null ] || fail "a device was replaced"
echo "ok: /dev/full and /dev/null are refused and stay devices"

# 2. a folder, a FIFO and a symbolic link at the name are refused
mkdir "$tmp/folder.md"
mkfifo "$tmp/fifo.md"
echo precious > "$tmp/victim"
ln -s "$tmp/victim" "$tmp/link.md"
session no ":report $tmp/folder.md" ":report $tmp/fifo.md" ":save $tmp/link.md" :quit
said "$tmp/folder.md: is a folder, not a regular file; not replaced"
said "$tmp/fifo.md: is a FIFO (named pipe), not a regular file; not replaced"
said "$tmp/link.md: is a symbolic link (to $tmp/victim); not written"
[ -d "$tmp/folder.md" ] && [ -p "$tmp/fifo.md" ] && [ -L "$tmp/link.md" ] || fail "a target was replaced"
[ "$(cat "$tmp/victim")" = precious ] || fail "the link's target was written"
echo "ok: a folder, a FIFO and a symbolic link are refused and left as they were"

# 3. links planted at the old temporary names (the PID is known: exec keeps it)
planted() {
  bash -c 'for n in "$1.tmp.$$" "$1.tmp" "$1~"; do ln -s "$2" "$n"; done
           shift 2; exec "$@"' _ "$tmp/answers.sym" "$tmp/victim" "$tp" "${kb[@]}" \
    < <(printf '%s\n' no ":save $tmp/answers.sym" :quit) > "$tmp/out" 2>&1
}
planted || fail "session exit $?"
said "Saved 1 answers to $tmp/answers.sym"
[ "$(cat "$tmp/victim")" = precious ] || fail "a planted temporary name was followed"
[ "$(find "$tmp" -maxdepth 1 -type l -name 'answers.sym*' | wc -l)" -eq 3 ] ||
  fail "the planted links were touched"
grep -qx 'saddle-numbness = no' "$tmp/answers.sym" || fail "nothing saved"
no_temp "$tmp"
echo "ok: links planted at NAME.tmp.PID, NAME.tmp and NAME~ are not followed"

# 4. a report holds answers: 0600, new or replaced, whatever the umask
echo old > "$tmp/report.md"
chmod 644 "$tmp/report.md"
(umask 000 && session no ":report $tmp/report.md" y ":report $tmp/new.md" :quit) # y: replace it
said "Wrote the report to $tmp/report.md."
[ "$(stat -c %a "$tmp/report.md")" = 600 ] || fail "mode $(stat -c %a "$tmp/report.md"), want 600"
[ "$(stat -c %a "$tmp/new.md")" = 600 ] || fail "new file mode $(stat -c %a "$tmp/new.md") with umask 000"
grep -q '^| Do you have any numbness or tingling between your legs.* | No |$' "$tmp/report.md" || fail "the report was not written"
echo "ok: a report is 0600, new or replaced (it was 644), under umask 000"

# 5. a read-only folder: as an unprivileged user (root ignores permissions)
mkdir -p "$tmp/ro"
echo 'numbness = no' > "$tmp/ro/answers.sym"
chmod 666 "$tmp/ro/answers.sym"
chmod 555 "$tmp/ro"
chmod 755 "$tmp"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv > /dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" -eq 0 ] && { [ ${#as_user[@]} -eq 0 ] || ! "${as_user[@]}" "$tp" "${kb[@]}" questions > /dev/null 2>&1; }; then
  echo "skipped: read-only folder (root, and nobody cannot run $tp here)"
else
  printf '%s\n' no ":save $tmp/ro/answers.sym" y :quit |
    "${as_user[@]}" "$tp" "${kb[@]}" > "$tmp/out" 2>&1 || fail "read-only: exit $?"
  said "Could not save: $tmp/ro/answers.sym: cannot write: Permission denied"
  [ "$(cat "$tmp/ro/answers.sym")" = 'numbness = no' ] || fail "read-only: the old file changed"
  no_temp "$tmp/ro"
  echo "ok: a read-only folder: permission denied, the old file intact"
fi
chmod 755 "$tmp/ro"

# 6. a full disk: a 64 KiB tmpfs in a private mount namespace, filled up
ns=(unshare -m)
[ "$(id -u)" -eq 0 ] || ns=(unshare -rm)
mkdir "$tmp/small"
if ! "${ns[@]}" sh -c 'mount -t tmpfs -o size=64k none "$1"' _ "$tmp/small" 2> /dev/null; then
  echo "skipped: full disk (no tmpfs in a private mount namespace here)"
else
  "${ns[@]}" bash -c '
    set -e
    mount -t tmpfs -o size=64k none "$1"
    echo "numbness = no" > "$1/answers.sym"
    dd if=/dev/zero of="$1/fill" bs=4k 2> /dev/null || true
    printf "%s\n" no ":save $1/answers.sym" y :quit | "${@:2}" > "$1/../out" 2>&1
    cat "$1/answers.sym" > "$1/../after"
    ls -A "$1" > "$1/../left"' _ "$tmp/small" "$tp" "${kb[@]}" || fail "full disk: $(cat "$tmp/out")"
  said "Could not save: $tmp/small/answers.sym: cannot write: No space left on device"
  [ "$(cat "$tmp/after")" = 'numbness = no' ] || fail "full disk: the old file changed"
  ! grep -q '^\.tptriage-' "$tmp/left" || fail "full disk: a temporary file was left"
  echo "ok: a full disk: No space left on device, the old file intact"
fi
