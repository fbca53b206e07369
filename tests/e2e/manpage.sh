#!/usr/bin/env bash
# The man page (docs/tptriage.1) documents every command and every option the
# program shows in `tptriage --help` and in each command's --help, the exit
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
# Options are read from usage lines, their continuations, option lines and
# the command list, not from examples of other programs ("dot -Tsvg").
opts() {
    grep -E '^(usage:|[[:space:]]+[-[]|  [a-z]+ +[-[])' |
        grep -oE -- '(^|[^a-zA-Z-])--?[a-zA-Z][a-z-]*' | grep -oE -- '--?[a-zA-Z][a-z-]*' | sort -u
}

help=$("$TPTRIAGE" --help)
n=0
for opt in $(opts <<<"$help"); do
    has "$opt" "tptriage --help"
    n=$((n + 1))
done
commands=$(sed -n 's/^  \([a-z][a-z]*\)\( .*\)\{0,1\}$/\1/p' <<<"$help")
[[ $(wc -w <<<"$commands") -ge 5 ]] || { echo "FAIL: commands not found in --help" >&2; exit 1; }
for cmd in $commands; do
    # each command has its own paragraph: ".TP" then ".B cmd"
    grep -qxF ".B $cmd" "$page" || { echo "FAIL: no entry '.B $cmd' in the man page" >&2; fail=1; }
    [[ $cmd == help ]] && continue
    usage=$(timeout 20 "$TPTRIAGE" "$cmd" --help </dev/null 2>&1 || true)
    [[ $usage == usage:* ]] || continue
    for opt in $(opts <<<"$usage"); do
        has "$opt" "tptriage $cmd --help"
        n=$((n + 1))
    done
done
[[ $n -ge 10 ]] || { echo "FAIL: only $n options found in the help texts" >&2; exit 1; }

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
