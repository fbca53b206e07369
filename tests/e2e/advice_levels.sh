#!/usr/bin/env bash
# What is shown beside the conclusions follows the level (issue 11): the
# self-care safety net only at the self-care levels, the emergency signs up to
# urgent, nothing at emergency; every pressure technique's dose says to stop
# at once at sharp, electric or radiating pain.
. "$(dirname "$0")/../e2e.sh"

cases="$src/facts/cases"
# The text output of one case, and its safety net (the lines after the heading).
text() { "$tp" batch "$cases/$1.sym" > "$tmp/$1.txt" 2>&1 || fail "$1: $(cat "$tmp/$1.txt")"; }
net() { text "$1" && awk '/^Safety net:/ {on=1; next} on && /^  - / {print} on && !/^  - / {on=0}' "$tmp/$1.txt"; }

# 1. self-care: the whole safety net; what presupposes pressing (extreme
# discomfort: press more lightly next time) stands with a technique only, as
# the restriction no-extreme-pressure (issue 23, kind 6)
out=$(net technique-commonest-profile)
grep -q "sharp, electric or radiating pain.*stop what brought it on" <<<"$out" ||
  fail "self-care lacks the stop text: $out"
grep -q "3 to 4 days" <<<"$out" || fail "self-care lacks the 3 to 4 days net: $out"
grep -q "press more lightly next time" "$tmp/technique-commonest-profile.txt" ||
  fail "a technique without the extreme-discomfort restriction: $(cat "$tmp/technique-commonest-profile.txt")"
grep -q "emergency number" <<<"$out" || fail "self-care lacks the emergency signs: $out"
# no technique (a beginner with no equipment): nothing that speaks of pressing
text no-equipment
if grep -q "press more lightly\|Stop pressing\|before focused work" "$tmp/no-equipment.txt"; then
  fail "a text that presupposes pressing, with no technique: $(cat "$tmp/no-equipment.txt")"
fi

# 2. see-clinician and urgent: no self-care net, the emergency signs stay
for c in sits-long-see-clinician red-flag-weakness; do
  out=$(net "$c")
  if grep -q "3 to 4 days\|stop what brought it on" <<<"$out"; then fail "$c shows the self-care net: $out"; fi
  grep -q "emergency number" <<<"$out" || fail "$c lacks the emergency signs: $out"
done

# 3. emergency: no safety net at all, in text (no empty heading) and in JSON
text red-flag-very-unwell
if grep -q "Safety net" "$tmp/red-flag-very-unwell.txt"; then fail "emergency shows a safety net"; fi
"$tp" batch --format json "$cases/red-flag-very-unwell.sym" > "$tmp/e.json"
grep -q '"safety_net":\[\]' "$tmp/e.json" || fail "emergency JSON has a safety net: $(cat "$tmp/e.json")"

# 4. every technique's dose says to stop at once at sharp, electric or radiating pain
for c in technique-ball-floor-press-hold technique-commonest-profile technique-knuckle-elbow; do
  text "$c"
  awk '/^Techniques:/ {on=1; next} /^[A-Z]/ {on=0} on && /^      dose: / {print}' "$tmp/$c.txt" > "$tmp/doses"
  [ -s "$tmp/doses" ] || fail "$c: no technique dose"
  if grep -v "stop at once at any sharp, electric or radiating pain" "$tmp/doses"; then
    fail "$c: a dose above lacks the stop rule"
  fi
done
echo ok
