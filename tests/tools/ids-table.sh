#!/usr/bin/env bash
# ids-table.sh TPTRIAGE KB: the table of public ids in docs/output.md, made
# from the knowledge base in folder KB: the levels (facts/levels.clp, most
# urgent first) and, for each kind of conclusion with a JSON field
# (facts/output.clp, in order), every id some rule concludes (from
# `tptriage graph`), sorted. tests/e2e/output_ids.sh fails when the doc
# differs; regenerate the doc's table with this script.
set -euo pipefail
tp=${1:?usage: ids-table.sh TPTRIAGE KB} kb=${2:?usage: ids-table.sh TPTRIAGE KB}
graph=$("$tp" graph --kb "$kb")
list() { awk '{ printf "%s`%s`", (NR > 1 ? ", " : ""), $0 }'; }
echo '| field | ids |'
echo '|---|---|'
levels=$(sed -n 's/.*(level (id \([a-z-]*\)) (rank \([0-9]*\)).*/\2 \1/p' "$kb/facts/levels.clp" |
  sort -n | cut -d' ' -f2 | list)
echo "| \`disposition\` | $levels (most urgent first) |"
sed -n 's/.*(output-kind (id \([a-z-]*\)) (order \([0-9]*\)) (field \([a-z_]*\)).*/\2 \1 \3/p' \
  "$kb/facts/output.clp" | sort -n |
  while read -r _ kind field; do
    ids=$(grep -o "\"c:$kind:[^\"]*\"" <<<"$graph" | sed "s/^\"c:$kind:\(.*\)\"\$/\1/" | sort -u | list)
    echo "| \`$field\` | $ids |"
  done
