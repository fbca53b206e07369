#!/usr/bin/env bash
# same-output.sh OLD NEW [N]: the inputs OLD accepted are judged by NEW to
# the same bytes. Both binaries judge the knowledge base's cases
# (facts/cases) and N generated cases (bench/gencases.sh; symptom files and
# JSON Lines on stdin, and NEW also by file name) in every output format with -j1 and -j2, with --check
# for the case files; stdout, stderr and exit codes must be identical.
# For a change of the readers: build the old tree, then
#   bench/same-output.sh old/build/tptriage build/tptriage 2000
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 OLD NEW [N]" >&2
    exit 64
fi
old=$1 new=$2 n=${3:-2000}
src=$(cd "$(dirname "$0")/.." && pwd)
export TPTRIAGE_KB=$src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$src/bench/gencases.sh" "$new" "$n" "$tmp/gen" 4242 >/dev/null
runs=0 diffs=0
one() { # one LABEL ARGS... (stdin from $input; NEW reads $newfile instead of - if set)
    local label=$1
    shift
    for bin in old new; do
        local rc=0 args=("$@")
        if [ "$bin" = new ] && [ -n "${newfile:-}" ]; then
            for i in "${!args[@]}"; do [ "${args[$i]}" != - ] || args[$i]=$newfile; done
        fi
        "${!bin}" batch --no-progress "${args[@]}" <"$input" >"$tmp/$bin.out" 2>"$tmp/$bin.err" ||
            rc=$?
        echo "$rc" >"$tmp/$bin.rc"
    done
    runs=$((runs + 1))
    for part in out err rc; do
        if ! cmp -s "$tmp/old.$part" "$tmp/new.$part"; then
            echo "DIFFERENT $part: $label" >&2
            { diff "$tmp/old.$part" "$tmp/new.$part" || true; } | sed -n 1,6p | cut -c1-200 >&2
            diffs=$((diffs + 1))
        fi
    done
}
input=/dev/null
for fmt in json tsv text; do
    for j in 1 2; do
        one "facts/cases --check $fmt -j$j" --check --format "$fmt" -j$j "$src/facts/cases"
        one "generated .sym $fmt -j$j" --format "$fmt" -j$j "$tmp/gen/sym"
        input=$tmp/gen/cases.jsonl
        one "generated JSON Lines on stdin $fmt -j$j" --format "$fmt" -j$j -
        # NEW reads the same lines as a .jsonl file by name (the cases have ids)
        newfile=$tmp/gen/cases.jsonl one "generated JSON Lines by name $fmt -j$j" --format "$fmt" -j$j -
        input=/dev/null
    done
done
echo "same-output: $runs runs over $n generated cases and facts/cases, $diffs differences"
[ "$diffs" -eq 0 ]
