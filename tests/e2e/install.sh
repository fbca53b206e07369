#!/usr/bin/env bash
# `cmake --install` into a DESTDIR scratch root lays out a Debian-style tree,
# and the installed program, copied elsewhere with its share/, finds its own
# knowledge base with no flags and no TPTRIAGE_KB.
. "$(dirname "$0")/../e2e.sh"
: "${TP_BUILD_DIR:?build tree}"
unset TPTRIAGE_KB

DESTDIR="$tmp/root" cmake --install "$TP_BUILD_DIR" --prefix /usr >"$tmp/log"
root="$tmp/root/usr"
(cd "$tmp/root" && find . -type f | sort) >"$tmp/tree"

for f in bin/tptriage share/man/man1/tptriage.1.gz share/doc/tptriage/README.md \
    share/bash-completion/completions/tptriage; do
    [[ -f $root/$f ]] || fail "$f not installed"
done
[[ -x $root/bin/tptriage ]] || fail "bin/tptriage is not executable"
# Every knowledge-base file of the source tree, and nothing else, in share/tptriage.
(cd "$TP_SOURCE_DIR" && ls rules/*.clp facts/*.clp facts/cases/*.sym) | sort >"$tmp/kb.src"
(cd "$root/share/tptriage" && find . -type f | sed 's|^\./||') | sort >"$tmp/kb.inst"
diff "$tmp/kb.src" "$tmp/kb.inst" || fail "share/tptriage differs from the source knowledge base"
for md in "$TP_SOURCE_DIR"/docs/*.md; do
    [[ -e $md ]] || continue
    [[ -f $root/share/doc/tptriage/$(basename "$md") ]] || fail "$md not in share/doc/tptriage"
done
gzip -t "$root/share/man/man1/tptriage.1.gz" || fail "man page is not valid gzip"
gzip -dc "$root/share/man/man1/tptriage.1.gz" | cmp -s - "$TP_SOURCE_DIR/docs/tptriage.1" ||
    fail "installed man page differs from docs/tptriage.1"

# Move the installed tree elsewhere: the copy still finds its own share/.
mv "$tmp/root/usr" "$tmp/moved"
root="$tmp/moved"
out=$("$root/bin/tptriage" --version) || fail "installed --version failed: $out"
echo "$out"
kbdir=$(sed -n 's/.*(knowledge base [0-9a-f]*, \(.*\))$/\1/p' <<<"$out")
[[ -n $kbdir ]] || fail "no knowledge-base folder in: $out"
[[ $(cd "$kbdir" && pwd -P) == $(cd "$root/share/tptriage" && pwd -P) ]] ||
    fail "installed copy uses $kbdir, not its own $root/share/tptriage"
# The same knowledge base as the source tree: the same hash.
src_hash=$("$TPTRIAGE" version --kb "$TP_SOURCE_DIR" | sed -n 's/.*knowledge base \([0-9a-f]*\),.*/\1/p')
grep -q "knowledge base $src_hash," <<<"$out" || fail "hash differs from the source tree's ($src_hash)"

# An edit of the installed copy is what it uses (not the source tree).
echo ';;; local edit' >>"$root/share/tptriage/facts/levels.clp"
out2=$("$root/bin/tptriage" --version)
[[ $out2 != "$out" ]] || fail "the installed copy ignored an edit of its own knowledge base"

# One case judged by the installed copy with its installed example cases.
case="$root/share/tptriage/facts/cases/red-flag-numbness.sym"
[[ -f $case ]] || case=$(ls "$root"/share/tptriage/facts/cases/*.sym | head -n 1)
"$root/bin/tptriage" batch -j1 --check --format tsv "$case" >"$tmp/out" ||
    fail "installed batch --check failed on $case"
grep -q "^$case	" "$tmp/out" || fail "no result line for $case"
echo "installed tree:"
cat "$tmp/tree"
