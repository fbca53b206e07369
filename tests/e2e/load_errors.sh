#!/usr/bin/env bash
# Load errors a rule author can act on: the construct that failed and where
# it began, the offending line quoted, CLIPS's code in a sentence, and one
# error per knowledge base (no cascade of messages), for every command.
. "$(dirname "$0")/../e2e.sh"

# broken NAME TEXT: a copy of the knowledge base with rules/99-broken.clp.
broken() {
  mkdir -p "$tmp/$1" && cp -r "$src/rules" "$src/facts" "$tmp/$1/"
  printf '%s' "$2" > "$tmp/$1/rules/99-broken.clp"
}
# expect_err NAME COMMAND...: the command exits 3 and prints at most 6 lines.
expect_err() {
  local name=$1; shift
  set +e; "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"; rc=$?; set -e
  [ "$rc" -eq 3 ] || fail "$name: exit $rc, want 3 ($(cat "$tmp/$name.err"))"
  [ "$(wc -l < "$tmp/$name.err")" -le 6 ] || fail "$name: more than 6 lines: $(cat "$tmp/$name.err")"
}
has() { grep -qF -- "$2" "$tmp/$1.err" || fail "$1: no '$2' in: $(cat "$tmp/$1.err")"; }

rule='(defrule TRIAGE::%s "a test rule"
   (logical (answer (question %s) (value yes)))
   =>
   (assert (conclusion (kind red-flag) (id %s) (rule %s) (reason "r") (source s))))
'
# 1. a rule whose last ')' is missing, followed by another rule
broken unclosed "; two rules, the first not closed
$(printf "$rule" first numbness numbness first | sed '$ s/)$//')

$(printf "$rule" second numbness numbness second)"
kb=$tmp/unclosed
for cmd in "check --kb $kb" "batch --kb $kb $src/facts/cases/level-self-care.sym" \
           "graph --kb $kb" "questions --kb $kb"; do
  expect_err unclosed "$tp" $cmd
  has unclosed "$kb/rules/99-broken.clp:2: rule first, begun at $kb/rules/99-broken.clp:2, is not closed: a ')' is missing before line 7, where the next construct begins"
  has unclosed "      5 |    (assert (conclusion (kind red-flag) (id numbness) (rule first) (reason \"r\") (source s)))"
  has unclosed "hint: every '(' needs its ')'"
done

# 2. not closed by the end of the file
broken eof "$(printf "$rule" only numbness numbness only | sed '2 s/)))$/))/')"
expect_err eof "$tp" check --kb "$tmp/eof"
has eof "99-broken.clp:1: rule only, begun at $tmp/eof/rules/99-broken.clp:1, is not closed by the end of the file"

# 3. an extra ')'
broken extra "$(printf "$rule" one numbness numbness one))"
expect_err extra "$tp" check --kb "$tmp/extra"
has extra "99-broken.clp:4: an extra ')': rule one, begun at line 1, was already closed before it"

# 4. CLIPS codes in words, with the offending line and CLIPS's own words
broken slot "$(printf "$rule" bad numbness numbness bad | sed 's/(value yes)/(valu yes)/')"
expect_err slot "$tp" check --kb "$tmp/slot"
has slot "99-broken.clp:2: in rule bad (begun at line 1): the template 'answer' has no slot 'valu'"
has slot "      2 |    (logical (answer (question numbness) (valu yes)))"
has slot "CLIPS said: [TMPLTDEF1] Invalid slot valu not defined in corresponding deftemplate answer."

broken func "$(printf "$rule" fn numbness numbness fn | sed 's/(assert /(asert /')"
expect_err func "$tp" check --kb "$tmp/func"
has func "in rule fn (begun at line 1): 'asert' is not a function the rules can call"

broken var "$(printf "$rule" v numbness numbness v | sed 's/(id numbness)/(id ?x)/')"
expect_err var "$tp" check --kb "$tmp/var"
has var "the variable ?x is used after => but never bound in the rule's patterns"

broken module "$(printf "$rule" m numbness numbness m | sed 's/TRIAGE::/TRIAGEX::/')"
expect_err module "$tp" check --kb "$tmp/module"
has module "in rule m: there is no module named 'TRIAGEX'"

broken arrow "$(printf "$rule" a numbness numbness a | sed '/=>/d')"
expect_err arrow "$tp" check --kb "$tmp/arrow"
has arrow "this defrule is not shaped as CLIPS expects"
# 4. facts: a fact left open names that fact and its line, and the next one
mkdir -p "$tmp/fact" && cp -r "$src/rules" "$src/facts" "$tmp/fact/"
f=$tmp/fact/facts/questions.clp
n=$(grep -n '(question (id tingling)' "$f" | cut -d: -f1)
m=$(grep -n '(question (id weakness)' "$f" | cut -d: -f1)
sed -i "$((m - 1))s/))\$/)/" "$f"
expect_err fact "$tp" check --kb "$tmp/fact"
has fact "facts/questions.clp:$n: question tingling, line $n, is not closed before the next (question at line $m (in facts questions, begun at line"
has fact "hint: add the missing ')' at the end of line $((m - 1))"
# an extra ')' names the deffacts it closed early
mkdir -p "$tmp/early" && cp -r "$src/rules" "$src/facts" "$tmp/early/"
f=$tmp/early/facts/questions.clp
sed -i "$((m - 1))s/))\$/)))/" "$f"
expect_err early "$tp" check --kb "$tmp/early"
has early "facts/questions.clp:$((m - 1)): an extra ')' closed facts questions (begun at line"
has early "early, on line $((m - 1)): the (question at line $m is then inside no construct"
echo ok
