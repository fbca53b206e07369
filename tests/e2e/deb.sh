#!/usr/bin/env bash
# CPack builds a .deb from the build tree; it names its library dependencies,
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
for lib in libreadline8 libjansson4 libc6; do
    grep -qE "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends lacks $lib: '$depends'"
done
[[ $(dpkg-deb -f "$deb" Package) == tptriage ]] || fail "package name"
[[ $(dpkg-deb -f "$deb" Version) == "$("$TPTRIAGE" --version | awk '{print $2}')" ]] ||
    fail "package version differs from tptriage --version"

dpkg -x "$deb" "$tmp/root"
usr="$tmp/root/usr"
for f in bin/tptriage share/man/man1/tptriage.1.gz share/bash-completion/completions/tptriage \
    share/doc/tptriage/README.md share/tptriage/rules share/tptriage/facts/cases; do
    [[ -e $usr/$f ]] || fail "/usr/$f not in the package"
done
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
