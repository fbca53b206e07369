#!/usr/bin/env bash
# Bash completion (src/tptriage.bash-completion) in a real bash: source it,
# set COMP_WORDS/COMP_CWORD as bash does, call the function, check COMPREPLY.
# Also checks that every option of every command's table (`tptriage help
# --options`) is completed, and that a new one needs no edit to the script.
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
expect "batch cases check diary diff fhir floor graph help questions serve session version" tptriage ""
expect "batch" tptriage ba
expect "questions" tptriage qu
# Options per command.
expect "--cache-size --check --errors --format --help --input-format --jobs --kb --no-cache --no-progress --progress --summary --summary-json --whynot" tptriage batch --
expect "--cases --combinations --coverage --help --kb --mutant-combinations --mutants" tptriage check --
expect "--coverage" tptriage check --cov
expect "approve" tptriage floor ""
expect "--by --help --kb" tptriage floor approve --
expect "--show-ids" tptriage --sh
expect "--show-ids" tptriage session --s
expect "--verbose" tptriage session --v
expect "" tptriage batch --whynot e
# Option values, also after options with values.
expect "json" tptriage batch --format j
expect "json" tptriage batch --format = j
expect "fhir json text tsv" tptriage batch -j 2 --format ""
expect "csv fhir jsonl sym" tptriage batch --input-format ""
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

# Every option of every command's table (`tptriage help --options`, the
# lines the completion reads) is completed for that command, and a value
# that lists its words (text|json|tsv) completes to them.
"$TPTRIAGE" help --options >"$tmp/options"
[[ $(wc -l <"$tmp/options") -ge 30 ]] || { echo "FAIL: help --options lists too few" >&2; exit 1; }
n=0
while read -r cmd opt value; do
    if [[ $cmd == tptriage ]]; then
        contains "$opt" tptriage "$opt"
    else
        contains "$opt" tptriage "$cmd" "$opt"
        contains "$cmd" tptriage ""
    fi
    if [[ $value == *'|'* ]]; then
        words=$(tr '|' '\n' <<<"$value" | sort | tr '\n' ' ' | sed 's/ $//')
        if [[ $cmd == tptriage ]]; then
            expect "$words" tptriage "$opt" ""
        else
            expect "$words" tptriage "$cmd" "$opt" ""
        fi
    fi
    n=$((n + 1))
done <"$tmp/options"
echo "checked $n options"
# Each command's --help shows the options of its table, and no other.
for cmd in $(cut -d' ' -f1 "$tmp/options" | sort -u); do
    [[ $cmd == tptriage ]] && continue
    "$TPTRIAGE" "$cmd" --help >"$tmp/usage" </dev/null || { echo "FAIL: $cmd --help" >&2; fail=1; }
    "$TPTRIAGE" help "$cmd" >"$tmp/help-cmd" || { echo "FAIL: help $cmd" >&2; fail=1; }
    cmp -s "$tmp/usage" "$tmp/help-cmd" || { echo "FAIL: help $cmd is not $cmd --help" >&2; fail=1; }
    sed -n '/^options:/,$p' "$tmp/usage" | grep -oE -- '(^|[ [|,])--?[a-zA-Z][a-z-]*' |
        grep -oE -- '--?[a-zA-Z][a-z-]*' | sort -u >"$tmp/shown"
    awk -v c="$cmd" '$1 == c { print $2 }' "$tmp/options" | sort -u >"$tmp/table"
    if ! diff "$tmp/table" "$tmp/shown" >"$tmp/d"; then
        echo "FAIL: $cmd --help and its table differ:" >&2
        cat "$tmp/d" >&2
        fail=1
    fi
done

# A new option in a table is completed with no edit to the completion: a
# program whose table has one more option (with a list of values) is asked.
rm "$tmp/bin/tptriage" # the link to the program: not written through
cat >"$tmp/bin/tptriage" <<EOF
#!/usr/bin/env bash
if [[ "\$*" == "help --options" ]]; then
    "$TPTRIAGE" help --options
    echo "batch --brand-new red|green"
    exit 0
fi
exec "$TPTRIAGE" "\$@"
EOF
chmod +x "$tmp/bin/tptriage"
expect "--brand-new" tptriage batch --bra
expect "green red" tptriage batch --brand-new ""

exit $fail
