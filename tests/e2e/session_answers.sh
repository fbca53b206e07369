#!/usr/bin/env bash
# Forgiving, consistent answers (facts/choices.clp): one set of words for
# yes, no and not sure everywhere, checklists too ("nah" answers a checklist
# with none); a word mapped to a choice is echoed as understood; a refusal
# says why and what is taken; out-of-range and decorated numbers ("130",
# "35yo", "2 weeks") get a message or are understood.
. "$(dirname "$0")/../e2e.sh"
session() { "$tp" session --kb "$src" >"$tmp/out" 2>&1 || true; }

# checklists: "nah" and "nope" are none of them
printf '%s\n' nah nope | session
[ "$(grep -c '^Noted: none of them.$' "$tmp/out")" = 2 ] || fail "nah/nope at a checklist: $(cat "$tmp/out")"
echo "ok: the words for no answer a checklist"

# one at a time: the words echoed as understood; refusals say why
export TPTRIAGE_GROUPS=off
{ echo nah; echo idk; } | session
grep -qx '(Understood: No.)' "$tmp/out" || fail "nah not echoed as No"
grep -qx '(Understood: Not sure.)' "$tmp/out" || fail "idk not echoed as Not sure"
grep -q '^!! Possible emergency' "$tmp/out" || fail "idk on a warning sign did not count as yes"
{ echo nope; echo kinda; } | session
grep -qx '(Understood: Not sure.)' "$tmp/out" || fail "kinda not echoed as Not sure"
{ echo No; echo 2; } | session
grep -q 'Understood' "$tmp/out" && fail "a label or number typed is echoed"
{ echo no; echo perchance; } | session
grep -qx "'perchance' is not an answer to this question: it is none of the choices." "$tmp/out" ||
  fail "a refusal without why"
grep -q '^Please answer with a number or the words' "$tmp/out" || fail "a refusal without what is taken"
echo "ok: words echoed, refusals say why"

{ for i in 1 2 3 4 5 6 7 8 9; do echo no; done; echo yes; echo "not tried"; echo "not tried"; echo "2 weeks"
  echo no; echo no; for i in 1 2 3 4 5 6 7; do echo no; done; echo 130; echo abc; echo "35yo"; } | session
grep -qx '(Understood: 14.)' "$tmp/out" || fail "2 weeks not understood as 14"
grep -qx "'130' is not an answer to this question: it is too high (0 to 120)." "$tmp/out" ||
  fail "130 not refused with why"
grep -qx "'abc' is not an answer to this question: it is not a whole number." "$tmp/out" ||
  fail "abc not refused with why"
grep -qx '(Understood: 35.)' "$tmp/out" || fail "35yo not understood"
echo "ok: numbers out of range said, decorated numbers understood"

# Questions in an order that makes sense (issue 26, point 4): whether it is a
# first time and whether pressing has been tried come before the days of
# self-care and how the spot takes pressure; with only a ball, a first-timer
# is not asked about the floor (the wall is where a first-timer starts).
printf '%s\n' no no no no no no no no no yes not-tried not-tried 0 no no no no no no no 35 \
  no no no no no no no no broad-buttock moderate tennis-ball no | "$tp" session --show-ids --kb "$src" >"$tmp/out" 2>&1 || true
order=$(grep -o '^\[\(first-time\|worse-after-release\|sharp-pain-on-pressure\|days-of-self-care\|sensitivity\|can-get-to-floor\)\]' "$tmp/out" | tr -d '[]' | tr '\n' ' ')
[ "$order" = "first-time worse-after-release sharp-pain-on-pressure days-of-self-care sensitivity " ] ||
  fail "question order: $order"
grep -q '^Self-care$\|Level: Self-care' "$tmp/out" || fail "the calm first-timer's walk did not end at self-care: $(tail -30 "$tmp/out")"
echo "ok: first-time and pressing before days; no floor question for a first-timer with a ball"
