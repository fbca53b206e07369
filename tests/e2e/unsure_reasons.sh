#!/usr/bin/env bash
# Reasons never state an answer the person was not sure of (issue 23, kind
# 6). Over every case file of the knowledge base: an explanation resting on
# an answer "unsure" shows its rule's text of kind unsure-reason
# (facts/unsure-reasons.clp), which says "not sure" and "read the cautious
# way"; one resting on no unsure answer shows the rule's own reason, never
# that text. The cases made for it pin the words: stop pressing and its red
# flag from an unsure answer (unsure-reason-sharp-pain-on-pressure), and a
# sure answer beside an unsure one (unsure-reason-beside-sure-answer: the
# sure flag keeps its reason word for word); the session's :how and the
# API's /v1/explain give the same words as batch.
. "$(dirname "$0")/../e2e.sh"
command -v jq >/dev/null || fail "jq is needed"

# rule -> the reason for unsure, from the knowledge base itself
sed -n 's/^ *(text (kind unsure-reason) (id \([a-z0-9-]*\)) (text "\([^"]*\)")).*$/\1\t\2/p' \
    "$src/facts/unsure-reasons.clp" | jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {(.[0]): .[1]}) | add' \
    >"$tmp/unsure.json"
[ "$(jq length "$tmp/unsure.json")" -ge 40 ] || fail "too few unsure reasons read: $(jq length "$tmp/unsure.json")"
jq -e 'to_entries | all(.value | test("not sure") and test("read the cautious way"))' "$tmp/unsure.json" >/dev/null ||
    fail "an unsure reason does not say 'not sure' and 'read the cautious way'"

"$tp" batch --no-progress --kb "$src" --format json "$src/facts/cases" >"$tmp/all.jsonl"
jq -c --slurpfile u "$tmp/unsure.json" '
    .case as $case | .explanations[] |
    {case: $case, rule, reason, unsure: ([.because[] | .answer == "unsure"] | any),
     want: $u[0][.rule]}' "$tmp/all.jsonl" >"$tmp/expl.jsonl"
n=$(jq -s '[.[] | select(.unsure)] | length' "$tmp/expl.jsonl")
[ "$n" -ge 60 ] || fail "only $n explanations rest on unsure: the cases no longer try it"
# every unsure reason is shown by some case
bad=$(jq -s -c --slurpfile u "$tmp/unsure.json" '($u[0] | keys) - [.[] | select(.unsure) | .rule]' "$tmp/expl.jsonl")
[ "$bad" = "[]" ] || fail "no case file shows the unsure reason of $bad"
# resting on unsure: the rule's unsure reason, and every such rule has one
bad=$(jq -s -c 'map(select(.unsure and (.want == null or .reason != .want))) | .[:3] | .[]' "$tmp/expl.jsonl")
[ -z "$bad" ] || fail "a reason resting on unsure is not its unsure reason: $bad"
# resting on sure answers only: never the unsure reason, never "not sure"
bad=$(jq -s -c 'map(select((.unsure | not) and (.reason == .want or (.reason | test("You were not sure")))))
    | .[:3] | .[]' "$tmp/expl.jsonl")
[ -z "$bad" ] || fail "a reason resting on sure answers says 'not sure': $bad"

# the cases made for it
one() { jq -r --arg c "$src/facts/cases/$1.sym" --arg r "$2" \
    'select(.case == $c and .rule == $r) | .reason' "$tmp/expl.jsonl"; }
r=$(one unsure-reason-sharp-pain-on-pressure stop-pressing-on-sharp-pain)
[ "$r" = "$(jq -r '.["stop-pressing-on-sharp-pain"]' "$tmp/unsure.json")" ] ||
    fail "stop pressing from unsure says: $r"
case "$r" in "Pressing gave you"*) fail "stop pressing states the unsure answer: $r" ;; esac
r=$(one red-flag-sharp-pain-on-pressure stop-pressing-on-sharp-pain)
[ "$r" = "Pressing gave you sharp, electric or spreading pain. This is a sign that a nerve is irritated." ] ||
    fail "stop pressing from yes changed its words: $r"
r=$(one unsure-reason-beside-sure-answer red-flag-numbness)
[ "$r" = "Numbness suggests a nerve is involved rather than only a muscle knot." ] ||
    fail "the sure numbness flag beside an unsure one says: $r"
r=$(one unsure-reason-beside-sure-answer red-flag-tingling)
case "$r" in "You were not sure about tingling"*) ;; *) fail "the unsure tingling flag says: $r" ;; esac
r=$(one unsure-reason-beside-sure-answer level-for-flag)
case "$r" in "You were not sure"*) ;; *) fail "the level resting on yes and unsure says: $r" ;; esac

# the session's :how says the same words
tingling=$(jq -r '.["red-flag-tingling"]' "$tmp/unsure.json")
printf ':load %s\n:how tingling\n:quit\n' "$src/facts/cases/unsure-reason-beside-sure-answer.sym" |
    TPTRIAGE_GROUPS=off COLUMNS=1000 "$tp" --kb "$src" >"$tmp/sess" 2>&1 || true
grep -qF "$tingling" "$tmp/sess" || fail "session :how tingling: $(tail -20 "$tmp/sess")"
grep -qF "Pins and needles suggest a nerve is irritated" "$tmp/sess" &&
    fail "session :how tingling gives the reason for a sure answer"

# the API's /v1/explain too
if command -v curl >/dev/null; then
    serve_start --threads 1 --kb "$src"
    a=$(sed -n 's/^\([a-z][a-z0-9-]*\) *= *\(.*\)$/\1\t\2/p' \
        "$src/facts/cases/unsure-reason-beside-sure-answer.sym" |
        jq -R -s 'split("\n") | map(select(length > 0) | split("\t") |
          {(.[0]): (if .[0] == "equipment" or .[0] == "pain-location" then (.[1] | split(", "))
                    elif (.[1] | test("^[0-9]+$")) then (.[1] | tonumber) else .[1] end)}) | add')
    curl -s -H 'Content-Type: application/json' -d "{\"answers\":$a,\"id\":\"tingling\"}" \
        "$url/v1/explain" >"$tmp/explain"
    [ "$(jq -r '.how[0].reason' "$tmp/explain")" = "$tingling" ] ||
        fail "/v1/explain tingling: $(head -c 600 "$tmp/explain")"
fi
echo ok
