#!/bin/bash
# Session = batch, through the real programs: for every prefix of one
# interview (piped answers, then end of input), the session's summary gives
# the level and the unanswered questions that `tptriage batch` gives on the
# answers the session saved, and it is marked provisional exactly when
# questions are left. The answers need not match the rules' order: a refused
# answer is asked again, and whatever was answered is compared.
. "$(dirname "$0")/../e2e.sh"
export COLUMNS=1000 # the session's lines unwrapped: this test reads what they say, not their layout

answers=(no no no no no no no no no no no 4 yes no no no no no no no no no 52 no no no no no no no no
  no no 'hip-crest, deep-center' tolerates-deep no 'tennis-ball, foam-roller' yes yes)

for ((k = 0; k <= ${#answers[@]}; k++)); do
  rm -f "$tmp/a.sym" # :save asks before replacing a file
  { for ((i = 0; i < k; i++)); do printf '%s\n' "${answers[i]}"; done
    printf ':save %s\n' "$tmp/a.sym"; } |
    "$tp" --kb "$src" --show-ids >"$tmp/out" 2>&1 || fail "prefix $k: exit $?"
  "$tp" batch --kb "$src" "$tmp/a.sym" >"$tmp/batch" 2>&1 || fail "prefix $k: batch failed"
  # the session (--show-ids: the ids, as batch gives them): "==== TITLE ====" or
  # "==== TITLE (provisional) ====", and "Not answered: ID ..."
  summary=$(grep '^==== ' "$tmp/out" | tail -1)
  title=${summary#==== }
  title=${title% ====}
  marked=no
  [ "${title% (provisional)}" != "$title" ] && marked=yes
  title=${title% (provisional)}
  open=$(sed -n 's/^Not answered: //p' "$tmp/out" | tail -1)
  # batch: "Level: TITLE [id]" and "Unanswered: ..."
  want=$(sed -n 's/^Level: \(.*\) \[[a-z-]*\]$/\1/p' "$tmp/batch")
  want_open=$(sed -n 's/^Unanswered: //p' "$tmp/batch")
  [ "$title" = "$want" ] || fail "prefix $k: the session says '$title', batch '$want'"
  [ "$open" = "$want_open" ] || fail "prefix $k: unanswered '$open', batch '$want_open'"
  if [ -n "$want_open" ]; then want_mark=yes; else want_mark=no; fi
  [ "$marked" = "$want_mark" ] || fail "prefix $k: provisional mark $marked, questions left: '$want_open'"
done
echo "ok: ${#answers[@]} prefixes plus the empty one, session = batch"
