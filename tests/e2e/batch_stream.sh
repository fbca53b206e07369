#!/usr/bin/env bash
# `batch -` is a filter: 100,000 JSON lines stream through it with bounded
# memory, and so does a .jsonl file given by name. Peak RSS (getrusage of the children, through a tiny wrapper built
# here) of the 100,000-line run must stay within a generous bound of that of
# a 1,000-line run: memory must not grow with the length of the input.
. "$(dirname "$0")/../e2e.sh"
export TPTRIAGE_KB=$TP_SOURCE_DIR
# Freed memory held in ASan's quarantine would look like growth.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

cat >"$tmp/peak.c" <<'C'
/* peak FILE CMD...: runs CMD, then writes the largest peak RSS (KB) of any
 * process it waited for into FILE; exits with CMD's status. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 3)
        return 64;
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    FILE *f = fopen(argv[1], "w");
    if (!f)
        return 70;
    fprintf(f, "%ld\n", ru.ru_maxrss);
    fclose(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}
C
cc -O1 -o "$tmp/peak" "$tmp/peak.c" || fail "cannot build the peak RSS wrapper"

"$TP_SOURCE_DIR/bench/gencases.sh" "$TPTRIAGE" 1000 "$tmp" 777
rm -rf "$tmp/sym"
stream() { # stream N: N thousand lines, the 1,000 cases over and over
    for ((i = 0; i < $1; i++)); do cat "$tmp/cases.jsonl"; done
}

# -j2 (the forked workers, the default on several cores) over 100,000 lines;
# -j1 (in process) over 20,000, to keep the suite quick under sanitizers.
for j in 2 1; do
    thousands=$((j == 2 ? 100 : 20))
    stream 1 | "$tmp/peak" "$tmp/rss.1k.$j" "$TPTRIAGE" batch --format json --no-progress -j$j - \
        >"$tmp/out.1k.$j"
    stream "$thousands" | "$tmp/peak" "$tmp/rss.100k.$j" "$TPTRIAGE" batch --format json --no-progress -j$j - |
        awk 'index($0, "{\"case\":\"c") != 1 || index($0, "\"error\"") { bad++ }
             { n++ } END { print n + 0, bad + 0 }' >"$tmp/count.$j"
    read -r lines bad <"$tmp/count.$j"
    [ "$lines" = $((thousands * 1000)) ] || fail "-j$j: $lines lines out for ${thousands}000 in"
    [ "$bad" = 0 ] || fail "-j$j: $bad lines were not judged cases"
    small=$(cat "$tmp/rss.1k.$j") big=$(cat "$tmp/rss.100k.$j")
    echo "-j$j: peak RSS $small KB for 1000 lines, $big KB for ${thousands}000 lines"
    [ "$small" -gt 0 ] || fail "no peak RSS measured"
    # generous: 1.5 times the small run plus 16 MB of slack
    [ "$big" -le $((small * 3 / 2 + 16384)) ] ||
        fail "-j$j: memory grows with the input: $small KB for 1000 lines, $big KB for ${thousands}000"
done
# A .jsonl file named on the command line streams the same way: 50,000 lines
# in no more memory than 1,000 lines on stdin (same bound).
stream 50 >"$tmp/big.jsonl"
"$tmp/peak" "$tmp/rss.file" "$TPTRIAGE" batch --format json --no-progress -j2 "$tmp/big.jsonl" |
    awk 'END { print NR }' >"$tmp/count.file"
[ "$(cat "$tmp/count.file")" = 50000 ] || fail "big.jsonl: $(cat "$tmp/count.file") lines out"
small=$(cat "$tmp/rss.1k.2") big=$(cat "$tmp/rss.file")
echo "big.jsonl by name: peak RSS $big KB for 50000 lines"
[ "$big" -le $((small * 3 / 2 + 16384)) ] ||
    fail "a .jsonl file is not streamed: $small KB for 1000 lines on stdin, $big KB for 50000 in a file"
rm -f "$tmp/big.jsonl"
# The stream gives the same answers as one run over the same lines.
cmp "$tmp/out.1k.1" "$tmp/out.1k.2" || fail "-j1 and -j2 differ"

# A filter: results come out while input is still coming in. Feed 100 lines,
# wait for their results, and only then close the input.
mkfifo "$tmp/in"
head -n 100 "$tmp/cases.jsonl" >"$tmp/first100"
(
    exec 3>"$tmp/in"
    cat "$tmp/first100" >&3
    seen=no
    for ((i = 0; i < 1200; i++)); do # up to 2 minutes: a bound, not a timing
        if [ "$(wc -l <"$tmp/partial" 2>/dev/null || echo 0)" -ge 100 ]; then
            seen=yes
            break
        fi
        sleep 0.1
    done
    echo "$seen" >"$tmp/writer"
    exec 3>&-
) &
"$TPTRIAGE" batch --format json --no-progress -j2 - <"$tmp/in" >"$tmp/partial"
wait
[ "$(cat "$tmp/writer")" = yes ] || fail "no results came out before the input was closed"
[ "$(wc -l <"$tmp/partial")" = 100 ] || fail "expected 100 lines from the fifo"
echo "ok: 100000 JSON lines streamed with bounded memory"
