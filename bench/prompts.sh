#!/usr/bin/env bash
# prompts.sh [TPTRIAGE] [CASES-DIR]: how many prompts a person meets in the
# session, counted by driving the real binary through a pipe (the answers come
# from a symptom file: each question asked is answered with the file's value;
# a checklist with the numbers of the items the file answers yes, "unsure N"
# for unsure, 0 when none). Measures
#   (a) a calm self-care path: at most 12 prompts (issue 13);
#   (b) red flags chosen in a checklist: prompts from that answer to the
#       level's banner (must be 0);
#   (c) every case file in facts/cases, grouped and one at a time (the level
#       reached must be the same both ways).
# A question the file does not answer ends the input there (it and the rest
# count as unanswered, as in batch). Exits 1 when a target is missed.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
tp=${1:-$src/build/tptriage}
cases=${2:-$src/facts/cases}
export TPTRIAGE_KB=$src NO_COLOR=1
unset TPTRIAGE_GROUPS
tmp=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; rm -rf "$tmp"' EXIT

# The answer line for the question or checklist asked last in chunk file $2,
# from symptom file $1; prints nothing when the file has no answer (status 1,
# or 2 for a checklist with an item the file leaves out).
answer_for() {
    awk -v sym="$1" '
        BEGIN {
            while ((getline l < sym) > 0)
                if (l ~ /^[a-z0-9-]+ *=/) {
                    k = l; sub(/ *=.*/, "", k); v = l; sub(/^[^=]*= */, "", v); ans[k] = v
                }
        }
        /^\[[a-z0-9-]+\] / { id = substr($1, 2, length($1) - 2); n = 0; next }
        /^ +[0-9]+  \[[a-z0-9-]+\] / { q = substr($2, 2, length($2) - 2); item[++n] = q }
        END {
            if (id == "") exit 1
            if (n == 0) { if (!(id in ans)) exit 1; print ans[id]; exit 0 }
            line = ""
            for (i = 1; i <= n; i++) {
                if (!(item[i] in ans)) exit 2
                if (ans[item[i]] == "yes") line = line " " i
                else if (ans[item[i]] == "unsure") line = line " unsure " i
            }
            print (line == "" ? "0" : substr(line, 2))
        }' "$2"
}

# drive SYMFILE MODE: runs a session (MODE "off": one at a time) answering
# from SYMFILE; sets PROMPTS, LEVEL (the summary's title), BANNER_AFTER (the
# prompts answered after the first flag-raising answer before a "!!" banner
# showed, counted from the answer to the question or checklist asking $FLAG;
# -1 when none showed), PARTIAL (1: the input ended at a checklist with an
# item the file leaves out) and writes the transcript to $tmp/out.
drive() {
    # a run that shows no summary at all (seen rarely on a loaded machine) is run again
    local try
    for try in 1 2 3; do
        drive_once "$@"
        [ -z "$LEVEL" ] || return 0
    done
}

drive_once() {
    local sym=$1 mode=$2 pos=0 size chunk ans pid first_flag=-1
    rm -f "$tmp/in" "$tmp/out"
    mkfifo "$tmp/in"
    : >"$tmp/out"
    TPTRIAGE_GROUPS=$mode "$tp" --show-ids <"$tmp/in" >"$tmp/out" 2>&1 &
    pid=$!
    exec 3>"$tmp/in"
    PROMPTS=0 BANNER_AFTER=-1 PARTIAL=0
    while :; do
        # wait for new output that ends with a prompt (or the end of the program)
        while :; do
            size=$(stat -c %s "$tmp/out")
            if [ "$size" -gt "$pos" ] && [ "$(tail -c 2 "$tmp/out")" = "> " ]; then break; fi
            kill -0 "$pid" 2>/dev/null || break 2
            sleep 0.005
        done
        tail -c +$((pos + 1)) "$tmp/out" >"$tmp/chunk"
        pos=$size
        if grep -q '^!! ' "$tmp/chunk" && [ "$BANNER_AFTER" -lt 0 ] && [ "$first_flag" -ge 0 ]; then
            BANNER_AFTER=$((PROMPTS - first_flag))
        fi
        [ "$(tail -c 9 "$tmp/out")" = "command> " ] && break
        ans=$(answer_for "$sym" "$tmp/chunk") || {
            [ $? -eq 2 ] && PARTIAL=1
            break
        }
        printf '%s\n' "$ans" >&3
        PROMPTS=$((PROMPTS + 1))
        # the answer to the question (or checklist) that asked $FLAG
        if [ -n "${FLAG:-}" ] && [ "$first_flag" -lt 0 ] && grep -q "\[$FLAG\]" "$tmp/chunk"; then
            first_flag=$PROMPTS
        fi
    done
    exec 3>&-
    wait "$pid" || true
    LEVEL=$(sed -n 's/^==== \(.*\) ====$/\1/p' "$tmp/out" | tail -1)
}

fail=0
calm() {
    cat <<'EOF'
saddle-numbness = no
bladder-bowel-change = no
both-legs = no
major-trauma = no
chest-pain-or-breathless = no
pain-below-knee = no
numbness = no
tingling = no
weakness = no
worse-after-release = not-tried
sharp-pain-on-pressure = not-tried
days-of-self-care = 0
cancer-history = no
fever = no
weight-loss = no
night-pain = no
calf-swelling = no
back-lump = no
infection-risk = no
age = 35
blood-thinners = no
clot-treatment = no
osteoporosis = no
recent-injury = no
recent-surgery = no
hot-swollen = no
broken-skin = no
pregnant = no
pain-location = broad-buttock
sensitivity = moderate
first-time = yes
equipment = tennis-ball
can-get-to-floor = yes
sits-long = yes
EOF
}

# (a) the calm path
calm >"$tmp/calm.sym"
drive "$tmp/calm.sym" on
calm_grouped=$PROMPTS calm_level=$LEVEL
cp "$tmp/out" "$tmp/calm.out"
drive "$tmp/calm.sym" off
printf 'calm self-care path: %d prompts grouped (%s), %d one at a time (%s)\n' \
    "$calm_grouped" "$calm_level" "$PROMPTS" "$LEVEL"
[ "$calm_grouped" -le 12 ] || { echo "MISSED: more than 12 prompts on the calm path"; fail=1; }
[ "$calm_level" = "$LEVEL" ] || { echo "MISSED: the two ways reach different levels"; fail=1; }

# (b) red flags chosen in a checklist, one flag at a time (those whose level
# has a banner: emergency and urgent)
for flag in saddle-numbness bladder-bowel-change both-legs major-trauma chest-pain-or-breathless \
    weakness cancer-history fever weight-loss night-pain calf-swelling back-lump; do
    calm | sed "s/^$flag = no/$flag = yes/" >"$tmp/flag.sym"
    FLAG=$flag drive "$tmp/flag.sym" on
    printf 'red flag %-26s %2d prompts in all; prompts from answering it to its banner: %s\n' \
        "$flag:" "$PROMPTS" "$([ "$BANNER_AFTER" -ge 0 ] && echo "$BANNER_AFTER" || echo "no banner")"
    [ "$BANNER_AFTER" -eq 0 ] || { echo "MISSED: the banner of $flag did not show at once"; fail=1; }
done

# (c) the case files
total_g=0 total_1=0 n=0 min=999 max=0
for sym in "$cases"/*.sym; do
    [ -e "$sym" ] || continue
    drive "$sym" on
    g=$PROMPTS lg=$LEVEL partial=$PARTIAL
    drive "$sym" off
    one=$PROMPTS
    printf '%-52s %3d grouped %3d one at a time  %s\n' "$(basename "$sym")" "$g" "$one" "$lg"
    # a file that leaves out an item of a checklist it reaches ends there
    # with the whole checklist open, while one at a time it ends at that item:
    # not comparable (as in check)
    if [ "$partial" = 1 ]; then
        echo "  (not comparable: the file leaves out an item of a checklist it reaches)"
    else
        [ "$lg" = "$LEVEL" ] || { echo "MISSED: $(basename "$sym"): grouped $lg, one at a time $LEVEL"; fail=1; }
    fi
    total_g=$((total_g + g)) total_1=$((total_1 + one)) n=$((n + 1))
    [ "$g" -lt "$min" ] && min=$g
    [ "$g" -gt "$max" ] && max=$g
done
if [ "$n" -gt 0 ]; then
    awk -v n="$n" -v g="$total_g" -v o="$total_1" -v mn="$min" -v mx="$max" 'BEGIN {
        printf "case files: %d, prompts grouped: mean %.1f (min %d, max %d); one at a time: mean %.1f\n",
            n, g / n, mn, mx, o / n }'
fi
exit $fail
