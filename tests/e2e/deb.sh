#!/usr/bin/env bash
# CPack builds a .deb from the build tree; it names its library dependencies,
# carries its licence (copyright, machine-readable) and changelog, passes
# lintian with no error and only the warnings listed in docs/packaging.md,
# and, extracted into a scratch root with dpkg -x, the program runs from there
# with its own knowledge base: --version and one batch case with expectations.
. "$(dirname "$0")/../e2e.sh"
: "${TP_BUILD_DIR:?build tree}"
unset TPTRIAGE_KB

(cd "$tmp" && cpack --config "$TP_BUILD_DIR/CPackConfig.cmake" -G DEB -B "$tmp/out") >"$tmp/log" 2>&1 ||
    { cat "$tmp/log" >&2; fail "cpack failed"; }
debs=("$tmp"/out/tptriage_*.deb)
[[ -f ${debs[0]} ]] || { cat "$tmp/log" >&2; fail "no .deb in $tmp/out"; }
deb=${debs[0]}
echo "built $(basename "$deb")"

info=$(dpkg-deb -I "$deb")
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
echo "Depends: $depends"
for lib in libreadline8 libjansson4 libmicrohttpd12 libc6; do
    grep -qE "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends lacks $lib: '$depends'"
done
[[ $(dpkg-deb -f "$deb" Package) == tptriage ]] || fail "package name"
version=$(dpkg-deb -f "$deb" Version)
[[ ${version%-*} == "$("$TPTRIAGE" --version | awk 'NR == 1 {print $2}')" ]] ||
    fail "package version $version differs from tptriage --version"
maint=$(dpkg-deb -f "$deb" Maintainer)
[[ $maint == *"<"*@*.*">" && $maint != *localhost* ]] || fail "no real maintainer: '$maint'"

dpkg-deb -c "$deb" | grep ' \./usr/lib/systemd/system/tptriage\.service$' >/dev/null ||
    fail "the .deb lacks the systemd unit: $(dpkg-deb -c "$deb" | grep -i systemd)"

# lintian: no errors; warnings only those kept on purpose (docs/packaging.md).
command -v lintian >/dev/null || fail "lintian is not installed (apt-get install lintian)"
lintian --allow-root --tag-display-limit 0 -I "$deb" >"$tmp/lintian" 2>&1 || true
cat "$tmp/lintian"
kept='initial-upload-closes-no-bugs'
if grep -E '^E: ' "$tmp/lintian"; then fail "lintian errors"; fi
if grep -E '^W: ' "$tmp/lintian" | grep -vE "^W: tptriage: ($kept)( |$)"; then
    fail "lintian warnings not listed in docs/packaging.md"
fi

dpkg -x "$deb" "$tmp/root"
usr="$tmp/root/usr"
for f in bin/tptriage share/man/man1/tptriage.1.gz share/bash-completion/completions/tptriage \
    share/doc/tptriage/README.md share/doc/tptriage/copyright share/doc/tptriage/changelog.Debian.gz \
    share/tptriage/rules share/tptriage/facts/cases; do
    [[ -e $usr/$f ]] || fail "/usr/$f not in the package"
done
grep -q '^License: GPL-3+$' "$usr/share/doc/tptriage/copyright" || fail "copyright names no GPL-3+"
gzip -dc "$usr/share/doc/tptriage/changelog.Debian.gz" | sed -n 1p | grep -qF "tptriage ($version)" ||
    fail "changelog.Debian.gz does not start with version $version"
bash -n "$usr/share/bash-completion/completions/tptriage" || fail "completion script"
gzip -t "$usr/share/man/man1/tptriage.1.gz" || fail "man page"

# Run from the extracted root, outside the source and build trees.
cd "$tmp"
out=$("$usr/bin/tptriage" --version) || fail "extracted --version: $out"
echo "$out"
kbdir=$(sed -n 's/.*(knowledge base [0-9a-f]*, \(.*\))$/\1/p' <<<"$out")
[[ -n $kbdir && $(cd "$kbdir" && pwd -P) == $(cd "$usr/share/tptriage" && pwd -P) ]] ||
    fail "extracted copy uses '$kbdir', not its own knowledge base"
case="$usr/share/tptriage/facts/cases/red-flag-numbness.sym"
[[ -f $case ]] || case=$(ls "$usr"/share/tptriage/facts/cases/*.sym | head -n 1)
grep -q '^expect' "$case" || fail "$case has no expectations"
"$usr/bin/tptriage" batch -j1 --check --format tsv "$case" >"$tmp/result" || fail "batch --check on $case"
cat "$tmp/result"
[[ $(wc -l <"$tmp/result") -eq 2 ]] || fail "want a header and one result line"
