#!/usr/bin/env bash
# The man page (docs/tptriage.1) documents every command and every option of
# the program's option tables (`tptriage help --options`, which also print
# `tptriage --help` and each command's --help), and its values; the exit
# codes of enum tp_exit, and the environment variables. A text check on the
# roff source (with \- read as -), so CI needs no man-db or groff.
. "$(dirname "$0")/../e2e.sh"
page="$TP_SOURCE_DIR/docs/tptriage.1"
[[ -s $page ]] || { echo "FAIL: $page missing" >&2; exit 1; }
# The roff source as plain words: \- is a hyphen, font changes, font macros
# and their quotes dropped, spaces squeezed.
text=$(sed -E -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' \
    -e '/^\.(B|I|BI|IB|BR|RB|IR|RI) /{s/^\.[A-Z]+ //;s/"//g}' "$page" | tr -s ' ')
fail=0
has() { # has WHAT WHERE
    if ! grep -qF -- "$1" <<<"$text"; then
        echo "FAIL: the man page does not mention '$1' ($2)" >&2
        fail=1
    fi
}
# Every option of every command's table, as `tptriage help --options`
# lists them ("CMD --option [VALUE]", "tptriage" for those before a
# command): the same tables print each --help and feed the completion.
"$TPTRIAGE" help --options >"$tmp/options"
n=0
while read -r cmd opt value; do
    has "$opt" "tptriage $cmd"
    # a value's words, with the spaces between roff's alternating fonts dropped
    for v in ${value//|/ }; do
        grep -qF -- "$v" <<<"${text// /}" || {
            echo "FAIL: the man page does not mention '$v' (the value of $cmd $opt)" >&2
            fail=1
        }
    done
    n=$((n + 1))
done <"$tmp/options"
[[ $n -ge 30 ]] || { echo "FAIL: only $n options in tptriage help --options" >&2; exit 1; }
# Every command, from the tables and from `tptriage --help`.
"$TPTRIAGE" --help >"$tmp/help"
commands=$( (cut -d' ' -f1 "$tmp/options" | grep -vx tptriage
    sed -n 's/^  \([a-z][a-z]*\)\( .*\)\{0,1\}$/\1/p' "$tmp/help") | sort -u)
[[ $(wc -w <<<"$commands") -ge 5 ]] || { echo "FAIL: commands not found in --help" >&2; exit 1; }
for cmd in $commands; do
    # each command has its own paragraph: ".TP" then ".B cmd"
    grep -qxF ".B $cmd" "$page" || { echo "FAIL: no entry '.B $cmd' in the man page" >&2; fail=1; }
done

# Session commands: every command the session's :help lists.
scmds=$(printf ':help\n' | timeout 20 "$TPTRIAGE" session 2>&1 | sed -n 's/^  [:.]\([a-z][a-z]*\).*/\1/p' | sort -u)
[[ $(wc -w <<<"$scmds") -ge 5 ]] || { echo "FAIL: session :help lists no commands" >&2; exit 1; }
for c in $scmds; do
    grep -qE "^\.B[IR]? $c( |$)" "$page" || { echo "FAIL: session command '$c' is not in the man page" >&2; fail=1; }
done

# Exit codes: every value of enum tp_exit in src/util/util.h.
codes=$(sed -n 's/^ *TP_EXIT_[A-Z_]* = \([0-9]*\),.*/\1/p' "$TP_SOURCE_DIR/src/util/util.h")
[[ $(wc -w <<<"$codes") -ge 5 ]] || { echo "FAIL: exit codes not found in util.h" >&2; exit 1; }
for c in $codes; do
    grep -qx "\.B $c" "$page" || { echo "FAIL: exit code $c is not in EXIT STATUS" >&2; fail=1; }
done
# Environment variables and file formats.
for v in TPTRIAGE_KB NO_COLOR XDG_STATE_HOME; do has "$v" environment; done
for f in "question-id = value" "expect FIELD = ID" "expect FIELD != ID" \
    "expect disposition >= LEVEL" '"answers":' "#"; do
    has "$f" "file formats"
done
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES; do
    grep -qE "^\.SH \"?$s\"?$" "$page" || { echo "FAIL: no section $s" >&2; fail=1; }
done
echo "checked $n options"
exit $fail
