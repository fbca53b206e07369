#!/usr/bin/env bash
# The rules' binary image in the cache (docs/performance.md): written at the
# first start, used when fresh (same output as parsing the rules), rebuilt
# when the knowledge base changes, refused and rebuilt when corrupt,
# truncated, of another knowledge base or not an image at all; never read
# through a symbolic link; no cache folder means no image, not an error.
. "$(dirname "$0")/../e2e.sh"
unset TPTRIAGE_CACHE
export XDG_CACHE_HOME=$tmp/cache
mkdir -p "$tmp/kb"
cp -r "$src/rules" "$src/facts" "$tmp/kb/"
kb=$tmp/kb
note() { "$tp" --version --kb "$kb" | sed -n 's/^rules image: //p'; }
hash() { "$tp" --version --kb "$kb" | sed -n '1s/.*knowledge base \([0-9a-f]*\),.*/\1/p'; }
judge() { "$tp" batch --no-progress --format json --kb "$kb" "$@" "$kb/facts/cases"; }

TPTRIAGE_CACHE=off judge > "$tmp/ref.json"
[ "$(TPTRIAGE_CACHE=off note)" = "none (off)" ] || fail "off: $(TPTRIAGE_CACHE=off note)"
[ ! -e "$tmp/cache" ] || fail "TPTRIAGE_CACHE=off made a cache folder"
h=$(TPTRIAGE_CACHE=off hash)
img=$tmp/cache/tptriage/$h.bin

# written at the first start, private; used at the next, with the same output
[ "$(note)" = "$img (written)" ] || fail "first start: $(note)"
[ "$(stat -c %a "$img")" = 600 ] || fail "image mode $(stat -c %a "$img")"
[ "$(stat -c %a "$tmp/cache/tptriage")" = 700 ] || fail "folder mode"
cp -p "$img" "$tmp/good.bin"
[ "$(note)" = "$img (used)" ] || fail "second start: $(note)"
cmp -s "$img" "$tmp/good.bin" || fail "a fresh image was rewritten"
judge > "$tmp/out.json"
cmp -s "$tmp/ref.json" "$tmp/out.json" || fail "output from the image differs"
judge -j2 > "$tmp/out.json"
cmp -s "$tmp/ref.json" "$tmp/out.json" || fail "output from the image differs (-j2)"
# the rules' text (read by graph, check) is still there
TPTRIAGE_CACHE=off "$tp" graph --kb "$kb" > "$tmp/graph.ref"
"$tp" graph --kb "$kb" > "$tmp/graph.out"
cmp -s "$tmp/graph.ref" "$tmp/graph.out" || fail "graph differs with the image"

# refused when damaged in any way, then rebuilt; the output never changes
damage() { # damage WHAT: a broken image at $img
    cp "$tmp/good.bin" "$img"
    size=$(stat -c %s "$img")
    case $1 in
    byte) printf '\x55' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc status=none ;;
    tail) printf '\x55' | dd of="$img" bs=1 seek=$((size - 3)) conv=notrunc status=none ;;
    truncated) truncate -s $((size - 100)) "$img" ;;
    short) printf 'x' > "$img" ;;
    garbage) head -c 100000 /dev/urandom > "$img" ;;
    esac
}
for how in byte tail truncated short garbage; do
    damage $how
    n=$(note)
    case $n in "$img (written (was corrupt"*) ;; *) fail "$how: $n" ;; esac
    [ "$(note)" = "$img (used)" ] || fail "$how: not rebuilt: $(note)"
    damage $how
    judge > "$tmp/out.json" || fail "$how: batch failed"
    cmp -s "$tmp/ref.json" "$tmp/out.json" || fail "$how: output differs"
done

# an image of another knowledge base under this one's name is refused
cp "$tmp/good.bin" "$tmp/a.bin"
sed -i 's/unanswered safety question was found\./unanswered safety question was FOUND./' \
    "$kb/rules/10-triage.clp"
h2=$(TPTRIAGE_CACHE=off hash)
[ "$h2" != "$h" ] || fail "the edit did not change the hash"
img2=$tmp/cache/tptriage/$h2.bin
cp "$tmp/a.bin" "$img2"
[ "$(note)" = "$img2 (written (was made from another knowledge base))" ] || fail "mismatch: $(note)"
# the knowledge base changed: the new image says what the new rules say
grep -q 'safety question was FOUND' "$img2" || fail "the new image lacks the new reason"
judge > "$tmp/new.json" || true
grep -q 'safety question was FOUND' "$tmp/new.json" || fail "the output does not say the new reason"
[ "$(note)" = "$img2 (used)" ] || fail "changed kb, second start: $(note)"
# the edit undone: the first image is still there and used
sed -i 's/unanswered safety question was FOUND\./unanswered safety question was found./' \
    "$kb/rules/10-triage.clp"
[ "$(note)" = "$img (used)" ] || fail "edit undone: $(note)"

# never through a symbolic link, never written over one
rm "$img"
ln -s "$tmp/good.bin" "$img"
case $(note) in "none (not written: "*) ;; *) fail "symlink: $(note)" ;; esac
[ -L "$img" ] || fail "the symbolic link was replaced"
judge > "$tmp/out.json"
cmp -s "$tmp/ref.json" "$tmp/out.json" || fail "symlink: output differs"
rm "$img"

# no folder to keep it in: no image, the same output
printf 'x' > "$tmp/notafolder"
XDG_CACHE_HOME=$tmp/notafolder note | grep -qx 'none (no cache folder)' || fail "no folder"
XDG_CACHE_HOME=$tmp/notafolder judge > "$tmp/out.json"
cmp -s "$tmp/ref.json" "$tmp/out.json" || fail "no folder: output differs"
