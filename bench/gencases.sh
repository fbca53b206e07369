#!/usr/bin/env bash
# gencases.sh TPTRIAGE N OUTDIR [SEED]: generates N cases across the whole
# vocabulary of the knowledge base (as listed by `tptriage questions`), with a
# fixed seed, in three forms that describe the same cases:
#   OUTDIR/sym/cNNNNNNN.sym   one symptom file per case
#   OUTDIR/cases.jsonl        one JSON line per case, same ids
#   OUTDIR/cases.clipsdata    one line per case for bench/clips-driver.clp:
#                             "question value... / question value... /"
# Answers are realistic rather than uniform: most safety answers are "no" so
# that every level, technique and stretch is reached; some questions are left
# out so that the unanswered path runs too. The random numbers come from our
# own Park-Miller generator, so every awk gives the same cases. A multi
# answer never gives "none" (exclusive in facts/choices.clp) beside another
# value: that answer contradicts itself and is refused.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 TPTRIAGE N OUTDIR [SEED]" >&2
    exit 64
fi
tptriage=$1 n=$2 out=$3 seed=${4:-20240611}
mkdir -p "$out/sym"
"$tptriage" questions | awk -F'\t' -v n="$n" -v out="$out" -v seed="$seed" '
function rnd() { state = (state * 16807) % 2147483647; return state / 2147483647 }
function pick(k) { return int(rnd() * k) + 1 }
NF { nq++; id[nq] = $1; vals[nq] = $2; kind[nq] = $3 }
END {
    state = seed % 2147483647
    if (state <= 0) state = 1
    for (c = 1; c <= n; c++) {
        name = sprintf("c%07d", c)
        sym = out "/sym/" name ".sym"
        clean = rnd() < 0.45          # a case with no warning sign at all
        json = ""; clp = ""; text = ""
        for (q = 1; q <= nq; q++) {
            safety = index(kind[q], "safety") > 0
            if (rnd() < (safety ? 0.012 : 0.10)) continue  # left unanswered
            if (vals[q] ~ /^[0-9]+\.\.[0-9]+$/) {
                split(vals[q], r, /\.\./)
                if (id[q] == "age") v = 10 + pick(80)
                else v = pick(8) - 1
                jv = v
            } else {
                nv = split(vals[q], opts, ",")
                if (index(kind[q], "multi")) {
                    k = pick(3); v = ""; jv = ""; delete used; m = 0
                    for (i = 0; i < k; i++) {
                        o = opts[pick(nv)]
                        if (o in used) continue
                        used[o] = ++m
                    }
                    # a value given only alone ("none": exclusive in
                    # facts/choices.clp) is dropped beside others, which
                    # would be refused; the random numbers drawn stay the same
                    if (m > 1 && ("none" in used)) delete used["none"]
                    for (i = 1; i <= nv; i++) order[i] = ""
                    for (o in used) order[used[o]] = o
                    for (i = 1; i <= nv; i++) {
                        if (order[i] == "") continue
                        v = v (v == "" ? "" : " ") order[i]
                        jv = jv (jv == "" ? "" : ",") "\"" order[i] "\""
                    }
                    jv = "[" jv "]"
                } else if (id[q] == "improving") {
                    v = rnd() < 0.7 ? "yes" : opts[pick(nv)]
                    jv = "\"" v "\""
                } else if (safety && opts[1] == "yes") {
                    x = rnd()
                    if (clean || x < 0.92) v = "no"
                    else if (x < 0.97) v = "yes"
                    else if (x < 0.99 || nv < 4) v = "unsure"
                    else v = opts[4]
                    jv = "\"" v "\""
                } else {
                    v = opts[pick(nv)]
                    jv = "\"" v "\""
                }
            }
            tv = v; gsub(/ /, ", ", tv)
            text = text id[q] " = " tv "\n"
            json = json (json == "" ? "" : ", ") "\"" id[q] "\": " jv
            clp = clp id[q] " " v " / "
        }
        printf "%s", text > sym
        close(sym)
        printf "{\"id\": \"%s\", \"answers\": {%s}}\n", name, json > (out "/cases.jsonl")
        print clp > (out "/cases.clipsdata")
    }
}'
