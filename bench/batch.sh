#!/usr/bin/env bash
# bench/batch.sh [N] [MEMCASES]: how fast `tptriage batch` judges cases.
#
# Generates N cases (default 20000, fixed seed) across the whole vocabulary
# with bench/gencases.sh, then measures, with full JSON output and
# explanations, each the best of $RUNS runs (default 3):
#   - tptriage -j1 and -j2 on the symptom files and on JSON Lines (batch -);
#   - the stock `clips` program running the same rules/ and facts/ over the
#     same cases in one process through bench/clips-driver.clp (reset, assert
#     the answers, run, no report): the raw-engine anchor;
#   - one tptriage process per case (the naive pipeline), on a subset;
#   - process start to ready (one tiny case), best of 20.
# It checks that -j1 and -j2 print the same bytes and that the stock shell
# found the same levels, prints cases/s, the ratios and peak RSS.
# With MEMCASES (e.g. 1000000) it also streams MEMCASES JSON lines through
# `batch - -j2` and compares peak RSS with a 10,000-case run.
#
# Environment: TPTRIAGE (default build/tptriage), RUNS, NAIVE (cases run
# one process each, default 300), KEEP=1 keeps the temporary folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-20000}
memcases=${2:-0}
runs=${RUNS:-3}
naive=${NAIVE:-300}
tp=${TPTRIAGE:-$root/build/tptriage}
[ -x "$tp" ] || { echo "bench: no tptriage at $tp (build first, or set TPTRIAGE)" >&2; exit 1; }
tp=$(cd "$(dirname "$tp")" && pwd)/$(basename "$tp")
export TPTRIAGE_KB=$root

need() { # need PROGRAM PACKAGE: installs PACKAGE with apt-get if PROGRAM is missing
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "bench: installing $2 for $1" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y --no-install-recommends "$2" >/dev/null ||
            { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$2" >/dev/null; }
    else
        sudo apt-get install -y --no-install-recommends "$2" >/dev/null
    fi
}
need clips clips
[ -x /usr/bin/time ] || need /usr/bin/time time

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tpbench.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "bench: keeping $tmp" >&2 || trap 'rm -rf "$tmp"' EXIT

# best SECONDS_FILE: the smallest of the numbers in the file
best() { sort -g "$1" | head -1; }
# timed NAME CMD...: runs CMD $runs times (stdin from $IN, default /dev/null;
# stdout to $tmp/NAME.out), keeping
# the best wall time in $tmp/NAME.secs and the peak RSS (KB) in $tmp/NAME.rss
timed() {
    local name=$1
    shift
    : >"$tmp/$name.all"
    : >"$tmp/$name.rssall"
    for ((r = 0; r < runs; r++)); do
        local t0 t1
        t0=$(date +%s.%N)
        /usr/bin/time -f %M -o "$tmp/$name.rss1" "$@" <"${IN:-/dev/null}" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
            { echo "bench: $name failed:" >&2; tail -n 5 "$tmp/$name.err" "$tmp/$name.rss1" >&2; exit 1; }
        t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc -l >>"$tmp/$name.all"
        tail -n 1 "$tmp/$name.rss1" >>"$tmp/$name.rssall"
    done
    best "$tmp/$name.all" >"$tmp/$name.secs"
    sort -n "$tmp/$name.rssall" | tail -1 >"$tmp/$name.rss"
}
rate() { echo "$1 / $(cat "$tmp/$2.secs")" | bc -l | awk '{printf "%.0f", $1}'; }
ratio() { echo "$(rate "$1" "$2") / $(rate "$3" "$4")" | bc -l | awk '{printf "%.2f", $1}'; }

echo "bench: $(nproc) cores, $n cases, best of $runs runs; $("$tp" version)"
"$here/gencases.sh" "$tp" "$n" "$tmp" 20240611

timed j1-files "$tp" batch --format json --no-progress -j1 "$tmp/sym"
timed j2-files "$tp" batch --format json --no-progress -j2 "$tmp/sym"
cmp -s "$tmp/j1-files.out" "$tmp/j2-files.out" || { echo "bench: -j1 and -j2 differ on files" >&2; exit 1; }
IN=$tmp/cases.jsonl timed j1-jsonl "$tp" batch --format json --no-progress -j1 -
IN=$tmp/cases.jsonl timed j2-jsonl "$tp" batch --format json --no-progress -j2 -
cmp -s "$tmp/j1-jsonl.out" "$tmp/j2-jsonl.out" || { echo "bench: -j1 and -j2 differ on JSON Lines" >&2; exit 1; }
[ "$(wc -l <"$tmp/j2-jsonl.out")" = "$n" ] || { echo "bench: expected $n lines" >&2; exit 1; }

# The raw-engine anchor: the stock clips shell, one process, no report.
{
    for f in "$root"/rules/*.clp "$root"/facts/*.clp "$here/clips-driver.clp"; do
        echo "(load \"$f\")"
    done
    echo "(bench-run \"$tmp/cases.clipsdata\")"
    echo "(exit)"
} >"$tmp/drive.bat"
timed clips clips -f2 "$tmp/drive.bat"
grep -q "^cases $n\$" "$tmp/clips.out" || { echo "bench: clips driver failed:" >&2; tail "$tmp/clips.out" >&2; exit 1; }
"$tp" batch --summary --no-progress -j2 - <"$tmp/cases.jsonl" 2>&1 >/dev/null |
    awk '$1 == "level" {print $1, $2, $3}' | sort >"$tmp/levels.tp"
grep '^level ' "$tmp/clips.out" | sort >"$tmp/levels.clips"
cmp -s "$tmp/levels.tp" "$tmp/levels.clips" ||
    { echo "bench: clips and tptriage disagree on levels" >&2; diff "$tmp/levels.tp" "$tmp/levels.clips" >&2; exit 1; }

# The naive pipeline: one process per case.
[ "$naive" -gt "$n" ] && naive=$n
ls "$tmp/sym" >"$tmp/all.list"
head -n "$naive" "$tmp/all.list" | sed "s#^#$tmp/sym/#" >"$tmp/naive.list"
naive_run() { while read -r f; do "$tp" batch --format json --no-progress -j1 "$f"; done <"$tmp/naive.list"; }
export -f naive_run 2>/dev/null || true
export tp tmp
timed naive bash -c "$(declare -f naive_run); naive_run"

# Start to ready: a whole run of one tiny case, best of 20.
echo '{"id": "x", "answers": {}}' >"$tmp/one.jsonl"
saved=$runs
runs=20
IN=$tmp/one.jsonl timed start "$tp" batch --format json --no-progress -j1 -
runs=$saved

printf '\n%-34s %10s %10s %12s\n' "run" "cases" "seconds" "cases/s"
label() {
    case $1 in
    clips) echo "stock clips shell (driver)" ;;
    naive) echo "one tptriage process per case" ;;
    *) echo "tptriage $1" ;;
    esac
}
for r in j1-files j2-files j1-jsonl j2-jsonl clips naive; do
    c=$n
    [ "$r" = naive ] && c=$naive
    printf "%-34s %10s %10.3f %12s   peak RSS %s KB\n" "$(label "$r")" "$c" "$(cat "$tmp/$r.secs")" \
        "$(rate "$c" "$r")" "$(cat "$tmp/$r.rss")"
done
printf '%-34s %10s %10.1f ms\n' "start to ready (one case)" 1 "$(echo "$(cat "$tmp/start.secs") * 1000" | bc -l)"
echo
echo "ratios:"
echo "  -j2 / -j1 (files)              $(ratio "$n" j2-files "$n" j1-files)x"
echo "  -j2 / -j1 (JSON Lines)         $(ratio "$n" j2-jsonl "$n" j1-jsonl)x"
echo "  tptriage -j1 / stock clips     $(ratio "$n" j1-jsonl "$n" clips)x"
echo "  tptriage -j2 / stock clips     $(ratio "$n" j2-jsonl "$n" clips)x"
echo "  tptriage -j2 / one per case    $(ratio "$n" j2-jsonl "$naive" naive)x"

if [ "$memcases" -gt 0 ]; then
    # Peak memory does not grow with the number of cases streamed.
    "$here/gencases.sh" "$tp" 10000 "$tmp/mem" 7 >/dev/null
    rm -rf "$tmp/mem/sym"
    stream() { # stream COUNT: COUNT lines, the 10,000 cases over and over
        local left=$1
        while [ "$left" -gt 0 ]; do
            if [ "$left" -ge 10000 ]; then cat "$tmp/mem/cases.jsonl"; else head -n "$left" "$tmp/mem/cases.jsonl"; fi
            left=$((left - 10000))
        done
    }
    for c in 10000 "$memcases"; do
        stream "$c" | /usr/bin/time -f %M -o "$tmp/mem.$c" "$tp" batch --format json --no-progress -j2 - |
            wc -l >"$tmp/mem.$c.lines"
    done
    echo
    echo "memory: peak RSS streaming 10000 cases $(cat "$tmp/mem.10000") KB; $memcases cases" \
        "$(cat "$tmp/mem.$memcases") KB ($(cat "$tmp/mem.$memcases.lines") lines);" \
        "ratio $(echo "$(cat "$tmp/mem.$memcases") / $(cat "$tmp/mem.10000")" | bc -l | awk '{printf "%.3f", $1}')"
fi
