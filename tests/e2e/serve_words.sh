#!/usr/bin/env bash
# The step API takes what the session takes (issue 23, kinds 7 and 10):
# POST /v1/explain accepts a technique or level by its words ("foam roller",
# a level's title), resolved by the core's one resolver (tp_explain_resolve,
# as :whynot), and answers as for the id, with "named" holding the words;
# GET /v1/questions lists each multi question's exclusive values (data:
# facts/choices.clp), and an answer that breaks them is refused with 400.
. "$(dirname "$0")/../e2e.sh"
command -v curl >/dev/null || fail "curl is needed"
command -v jq >/dev/null || fail "jq is needed"
serve_start --threads 2 --kb "$src"

post() { # post PATH BODY: status in $status, body in $tmp/b
    status=$(curl -s -o "$tmp/b" -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$2" "$url$1")
}
# the answers of a case file as the API's JSON object
answers() {
    sed -n 's/^\([a-z][a-z0-9-]*\) *= *\(.*\)$/\1\t\2/p' "$1" |
        jq -R -s --slurpfile q "$tmp/questions" '
          ($q[0].questions | map({(.id): .kind}) | add) as $kind |
          split("\n") | map(select(length > 0) | split("\t")) |
          map({(.[0]): (if $kind[.[0]] == "multi" then (.[1] | split(", "))
                        elif $kind[.[0]] == "number" then (.[1] | tonumber)
                        else .[1] end)}) | add'
}
curl -s "$url/v1/questions" >"$tmp/questions"

# ---- kind 10: exclusive values, listed and enforced
ex=$(jq -c '.questions[] | select(.id == "equipment") | .exclusive' "$tmp/questions")
[ "$ex" = '["none"]' ] || fail "questions: equipment's exclusive is $ex, not [\"none\"]"
ex=$(jq -c '.questions[] | select(.id == "pain-location") | .exclusive' "$tmp/questions")
[ "$ex" = '[]' ] || fail "questions: pain-location's exclusive is $ex, not []"
jq -e '[.questions[] | select(.kind != "multi") | has("exclusive")] | any | not' "$tmp/questions" >/dev/null ||
    fail "questions: a question that is not multi has exclusive"
# every value listed exclusive is one of the question's choices
jq -e '[.questions[] | select(.kind == "multi") | . as $q | .exclusive[] |
        IN($q.choices[].id)] | all' "$tmp/questions" >/dev/null || fail "questions: exclusive value not a choice"
a=$(answers "$src/facts/cases/level-self-care.sym")
both=$(jq -c '.equipment = ["none", "lacrosse-ball"]' <<<"$a")
post /v1/judge "{\"answers\":$both}"
[ "$status" = 400 ] || fail "judge with none and a ball: status $status: $(cat "$tmp/b")"
grep -qF "equipment: 'none' contradicts 'lacrosse-ball'" "$tmp/b" || fail "judge: $(cat "$tmp/b")"
post /v1/interview "{\"answers\":$both}"
[ "$status" = 400 ] || fail "interview with none and a ball: status $status"
# the interview's question carries it too, when equipment is asked next
post /v1/interview "{\"answers\":$(jq -c 'del(.equipment, .["can-get-to-floor"], .["sits-long"])' <<<"$a")}"
[ "$status" = 200 ] || fail "interview without equipment: status $status"
ex=$(jq -c '.questions[] | select(.id == "equipment") | .exclusive' "$tmp/b")
[ "$ex" = '["none"]' ] || fail "interview: equipment's exclusive is '$ex': $(head -c 400 "$tmp/b")"

# ---- kind 7: explain by words
a=$(answers "$src/facts/cases/gentle-pregnant-roller-only.sym")
post /v1/explain "{\"answers\":$a,\"id\":\"foam-roller\"}"
[ "$status" = 200 ] || fail "explain foam-roller: status $status: $(cat "$tmp/b")"
cp "$tmp/b" "$tmp/by-id"
jq -e '.reached == false and (.why_not | length) > 0 and (has("named") | not)' "$tmp/by-id" >/dev/null ||
    fail "explain foam-roller: $(cat "$tmp/by-id")"
for words in "foam roller" "Foam Roller" "FOAM ROLLER"; do
    post /v1/explain "{\"answers\":$a,\"id\":\"$words\"}"
    [ "$status" = 200 ] || fail "explain '$words': status $status: $(cat "$tmp/b")"
    [ "$(jq -r .id "$tmp/b")" = foam-roller ] || fail "explain '$words': id $(jq -r .id "$tmp/b")"
    [ "$(jq -r .named "$tmp/b")" = "$words" ] || fail "explain '$words': named $(jq -r .named "$tmp/b")"
    # the same explanation as by the id
    diff <(jq -S 'del(.named)' "$tmp/b") <(jq -S . "$tmp/by-id") >/dev/null ||
        fail "explain '$words' differs from explain foam-roller"
done
# a level by its title, as the session's :whynot takes it
title=$(curl -s "$url/v1/kb" | jq -r '.levels[] | select(.id == "self-care") | .title')
post /v1/explain "{\"answers\":$a,\"id\":\"$title\"}"
[ "$status" = 200 ] || fail "explain '$title': status $status"
[ "$(jq -r .id "$tmp/b")" = self-care ] || fail "explain '$title': id $(jq -r .id "$tmp/b")"
# the session resolves the same words to the same conclusion
printf ':load %s\n:whynot foam roller\n:quit\n' "$src/facts/cases/gentle-pregnant-roller-only.sym" |
    TPTRIAGE_GROUPS=off TPTRIAGE_DIARY=off COLUMNS=1000 "$tp" --kb "$src" >"$tmp/sess" 2>&1 || true
words=$(jq -r .words "$tmp/by-id")
grep -qF "${words:0:60}" "$tmp/sess" || fail "session :whynot foam roller says other words: $(tail -20 "$tmp/sess")"
# words that name nothing stay a 404
post /v1/explain "{\"answers\":$a,\"id\":\"a purple unicorn\"}"
[ "$status" = 404 ] || fail "explain of nothing: status $status"
echo ok
