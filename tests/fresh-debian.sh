#!/usr/bin/env bash
# fresh-debian.sh: runs the README's two commands, exactly as written there,
# in a brand-new minimal Debian 12 root (debootstrap --variant=minbase, with
# only git added), so that a package the build or the tests use but the
# install line forgets fails here instead of on a user's machine.
#
#   tests/fresh-debian.sh            # clone of this repository's HEAD
#   KEEP=1 tests/fresh-debian.sh     # keep the root (its path is printed)
#
# Needs root (debootstrap, chroot, mounts), debootstrap, and the Debian mirror
# this machine's apt uses. Mounts live in a private mount namespace, so they
# vanish with the script, whatever way it ends. Exits non-zero when either
# command fails; prints the tail of its log.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-debian: needs root (debootstrap and chroot)" >&2
  exit 2
fi
if [ -z "${TP_FRESH_INNER:-}" ]; then
  command -v debootstrap > /dev/null || {
    echo "fresh-debian: debootstrap is not installed (apt-get install debootstrap)" >&2
    exit 2
  }
  exec env TP_FRESH_INNER=1 unshare --mount --propagation private bash "$0" "$@"
fi

# The mirror the host's apt uses (deb822 or one-line sources), else Debian's.
mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
  head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian$/ { print $2; exit }' \
  /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

work=$(mktemp -d /var/tmp/tptriage-fresh.XXXXXX)
root=$work/root
log=$work/log
cleanup() {
  umount -R "$root/dev" "$root/proc" 2> /dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf --one-file-system "$work"
}
trap cleanup EXIT
echo "fresh-debian: debootstrap bookworm (minbase) from $mirror into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$log" 2>&1 || {
  tail -n 30 "$log" >&2
  exit 1
}

mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
if ls /etc/apt/sources.list.d/*.sources > /dev/null 2>&1; then
  rm -f "$root/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/"
fi

in_root() { chroot "$root" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 TERM=dumb \
  NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt bash -c "$1"; }

echo "fresh-debian: adding git"
in_root 'apt-get update -q && apt-get install -y -q --no-install-recommends git ca-certificates' \
  >> "$log" 2>&1 || {
  tail -n 30 "$log" >&2
  exit 1
}
# The machine's own certificate authorities (a network that inspects TLS
# adds one, /usr/local/share/ca-certificates): the new root trusts what this
# machine trusts, as a machine set up on that network would (npm checks it;
# Node.js reads the system store through NODE_EXTRA_CA_CERTS above).
if ls /usr/local/share/ca-certificates/*.crt > /dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  in_root 'update-ca-certificates' >> "$log" 2>&1
fi
git clone -q "$top" "$root/src/tptriage"
[ -d "$top/../shared" ] && cp -r "$top/../shared" "$root/src/shared"

# The README's first two sh blocks, as written.
readme_cmd() { awk -v want="$1" '/^```sh$/{n++; next} /^```$/{next} n==want {print; exit}' \
  "$top/README.md"; }
first=$(readme_cmd 1)
second=$(readme_cmd 2)

echo "fresh-debian: README command 1 (install, build, start a session; stdin at end of file)"
echo "+ $first"
if ! in_root "cd /src/tptriage && ($first) < /dev/null" > "$work/first.out" 2>> "$log"; then
  tail -n 40 "$work/first.out" "$log" >&2
  echo "fresh-debian: README command 1 failed on a fresh Debian 12" >&2
  exit 1
fi
grep -q '?' "$work/first.out" || {
  tail -n 20 "$work/first.out" >&2
  echo "fresh-debian: the session printed no question" >&2
  exit 1
}

echo "fresh-debian: README command 2 (install, build, every test)"
echo "+ $second"
in_root "cd /src/tptriage && rm -rf build && $second" > "$work/second.out" 2>&1 || {
  grep -E 'Failed|FAIL|Error|error:' "$work/second.out" | head -n 40 >&2
  tail -n 40 "$work/second.out" >&2
  echo "fresh-debian: README command 2 failed on a fresh Debian 12" >&2
  exit 1
}
grep -E 'tests passed' "$work/second.out"
echo "fresh-debian: both README commands work on a fresh Debian 12${KEEP:+ (root kept: $root)}"
