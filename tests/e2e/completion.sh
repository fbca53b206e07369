#!/usr/bin/env bash
# Bash completion (src/tptriage.bash-completion) in a real bash: source it,
# set COMP_WORDS/COMP_CWORD as bash does, call the function, check COMPREPLY.
# Also checks that every option each command's --help shows is completed.
. "$(dirname "$0")/../e2e.sh"

# The completion calls "tptriage questions"; put the binary under test first.
mkdir "$tmp/bin"
ln -s "$TPTRIAGE" "$tmp/bin/tptriage"
export PATH="$tmp/bin:$PATH"
# shellcheck source=/dev/null
source "$TP_SOURCE_DIR/src/tptriage.bash-completion"

fail=0
# complete WORD... : COMPREPLY (sorted, one line) for the last word.
complete_line() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _tptriage
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
# expect "WANT" WORD... : the completion is exactly WANT.
expect() {
    local want=$1 got
    shift
    got=$(complete_line "$@")
    if [[ $got != "$want" ]]; then
        echo "FAIL: completing '$*': want '$want', got '$got'" >&2
        fail=1
    else
        echo "ok: '$*' -> $got"
    fi
}
# contains "WORD" WORDS... : the completion includes WORD.
contains() {
    local want=$1 got
    shift
    got=" $(complete_line "$@") "
    if [[ $got != *" $want "* ]]; then
        echo "FAIL: completing '$*': '$want' missing from '$got'" >&2
        fail=1
    fi
}

complete -p tptriage | grep -q -- '-F _tptriage' || { echo "FAIL: not registered" >&2; exit 1; }

# Commands, and only commands, for a first word.
expect "batch cases check diary diff graph help questions serve session version" tptriage ""
expect "batch" tptriage ba
expect "questions" tptriage qu
# Options per command.
expect "--check --errors --format --help --input-format --jobs --kb --no-progress --progress --summary --summary-json" tptriage batch --
expect "--cases --combinations --coverage --help --kb --mutant-combinations --mutants" tptriage check --
expect "--coverage" tptriage check --cov
expect "--show-ids" tptriage --sh
expect "--show-ids" tptriage session --s
# Option values, also after options with values.
expect "json" tptriage batch --format j
expect "json" tptriage batch --format = j
expect "json text tsv" tptriage batch -j 2 --format ""
expect "csv jsonl sym" tptriage batch --input-format ""
expect "csv" tptriage batch --errors e.jsonl --input-format c
# Question ids, from the knowledge base of the binary under test.
ids=$("$TPTRIAGE" questions | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//')
[[ $(wc -w <<<"$ids") -gt 10 ]] || { echo "FAIL: too few question ids: $ids" >&2; exit 1; }
expect "$ids" tptriage questions ""
expect "pain-below-knee pain-location pain-persists" tptriage questions pain
expect "pain-location" tptriage questions --kb "$TP_SOURCE_DIR" pain-l
# A knowledge base with other questions gives other ids.
mkdir -p "$tmp/kb"
cp -r "$TP_SOURCE_DIR/rules" "$TP_SOURCE_DIR/facts" "$tmp/kb/"
sed -i -e 's/(id pain-location)/(id where-it-hurts)/' -e 's/(choice (question pain-location)/(choice (question where-it-hurts)/' "$tmp/kb/facts/"*.clp
expect "where-it-hurts" tptriage questions --kb "$tmp/kb" where
# Folders for --kb, files for PATH.
mkdir "$tmp/cases.d" && touch "$tmp/case1.sym"
expect "$tmp/cases.d" tptriage check --cases "$tmp/cas"
contains "$tmp/case1.sym" tptriage batch "$tmp/case"

# Every option that a --help shows is completed for that command: the
# top-level options, each command's options in the top-level list, and the
# options of each command's own usage (when it answers --help with one).
# Options are read from usage lines, their continuations, option lines and
# the command list, not from examples of other programs ("dot -Tsvg").
opts() {
    grep -E '^(usage:|[[:space:]]+[-[]|  [a-z]+ +[-[])' |
        grep -oE -- '(^|[^a-zA-Z-])--?[a-zA-Z][a-z-]*' | grep -oE -- '--?[a-zA-Z][a-z-]*' | sort -u
}
for opt in $("$TPTRIAGE" --help | sed -n '/^options:/,/^$/p' | opts); do
    contains "$opt" tptriage "$opt"
done
commands=$("$TPTRIAGE" --help | sed -n 's/^  \([a-z][a-z]*\)\( .*\)\{0,1\}$/\1/p')
[[ $(wc -w <<<"$commands") -ge 5 ]] || { echo "FAIL: commands not found in --help" >&2; exit 1; }
for cmd in $commands; do
    [[ $cmd == help ]] && continue
    contains "$cmd" tptriage ""
    line=$("$TPTRIAGE" --help | grep -E "^  $cmd( |$)" || true)
    usage=$(timeout 20 "$TPTRIAGE" "$cmd" --help </dev/null 2>&1 || true)
    [[ $usage == usage:* ]] || usage=""
    for opt in $(printf '%s\n%s\n' "$line" "$usage" | opts); do
        contains "$opt" tptriage "$cmd" "$opt"
    done
done

exit $fail
