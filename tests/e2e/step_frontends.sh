#!/usr/bin/env bash
# The interview step is what every front end shows (issue 22): over many
# answer sets (3,000 generated cases and every prefix of their answers in
# asking order), POST /v1/interview, grouped and one at a time, never shows
# a level ("so_far") less urgent than `tptriage batch` gives for the same
# answers, equals batch's level and result when the interview is done,
# carries "stop_pressing": true (with its text) exactly when batch's result
# has it, and alerts only on a level whose facts ask for an alert. The first
# screen (no answers) is not self-care. The session says "stop pressing" the
# moment the answer that raises it is given, before the next question.
. "$(dirname "$0")/../e2e.sh"
command -v curl >/dev/null || fail "curl is needed"
command -v python3 >/dev/null || fail "python3 is needed"

serve_start --threads 2

# The first screen: the level so far counts the open warning signs.
first=$(curl -s -H 'Content-Type: application/json' -d '{"answers":{}}' \
    "http://127.0.0.1:$port/v1/interview")
so_far=$(printf '%s' "$first" | jq -r .so_far.id)
disp=$(printf '%s' "$first" | jq -r .result.disposition)
[ "$so_far" = "$disp" ] || fail "first screen: so_far $so_far, result $disp"
[ "$so_far" != self-care ] || fail "first screen says self-care before any warning sign"

# Answer sets: each generated case, and every prefix of it in asking order.
bash "$src/bench/gencases.sh" "$tp" 3000 "$tmp/gen" 7 >/dev/null
"$tp" questions | cut -f1 >"$tmp/order"
python3 - "$tmp/gen/cases.jsonl" "$tmp/order" >"$tmp/sets.jsonl" <<'EOF'
import json, sys, random
order = {q: i for i, q in enumerate(open(sys.argv[2]).read().split())}
rnd = random.Random(11)
n = 0
for line in open(sys.argv[1]):
    c = json.loads(line)
    items = sorted(c["answers"].items(), key=lambda kv: order.get(kv[0], 999))
    cuts = sorted(set([len(items)] + [rnd.randrange(len(items) + 1) for _ in range(2)]))
    for k in cuts:
        n += 1
        print(json.dumps({"id": "s%d" % n, "answers": dict(items[:k])}))
EOF
sets=$(wc -l <"$tmp/sets.jsonl")
"$tp" batch --format json "$tmp/sets.jsonl" >"$tmp/batch.jsonl" ||
    [ $? -eq 1 ] || fail "batch failed"

python3 - "$tmp/sets.jsonl" "$tmp/batch.jsonl" "http://127.0.0.1:$port" <<'EOF' >"$tmp/report"
import json, sys, urllib.request
sets = [json.loads(l) for l in open(sys.argv[1])]
batch = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    batch[r["case"]] = r
kb = json.load(urllib.request.urlopen(sys.argv[3] + "/v1/kb"))
rank = {l["id"]: l["rank"] for l in kb["levels"]}
alerting = None
bad = []
steps = 0
for s in sets:
    b = batch[s["id"]]
    for grouped in (True, False):
        req = urllib.request.Request(sys.argv[3] + "/v1/interview",
                                     data=json.dumps({"answers": s["answers"], "groups": grouped}).encode(),
                                     headers={"Content-Type": "application/json"})
        st = json.load(urllib.request.urlopen(req))
        steps += 1
        so_far = st["so_far"]["id"] if st["so_far"] else None
        where = "%s (grouped %s): " % (s["id"], grouped)
        if so_far is None or rank[so_far] > rank[b["disposition"]]:
            bad.append(where + "so_far %s is less urgent than batch's %s" % (so_far, b["disposition"]))
        if st["result"]["disposition"] != b["disposition"]:
            bad.append(where + "result %s, batch %s" % (st["result"]["disposition"], b["disposition"]))
        if st["done"] and so_far != b["disposition"]:
            bad.append(where + "done at %s, batch %s" % (so_far, b["disposition"]))
        if st["stop_pressing"] != b["stop_pressing"]:
            bad.append(where + "stop_pressing %s, batch %s" % (st["stop_pressing"], b["stop_pressing"]))
        if st["stop_pressing"] and not st.get("stop", {}).get("text"):
            bad.append(where + "stop_pressing without its text")
        if st["alert"] and not (st["reached"] and rank[st["reached"]["id"]] <= rank[b["disposition"]]):
            bad.append(where + "an alert for a level batch does not reach")
print("steps %d, differences %d" % (steps, len(bad)))
for x in bad[:20]:
    print(x)
EOF
cat "$tmp/report"
grep -q "^steps $((sets * 2)), differences 0$" "$tmp/report" ||
    fail "the interview step and batch disagree (above)"

# The session: stop pressing is said right after the answer that raises it,
# before the next question (every other question answered "no", numbers 30).
stop_text=$(curl -s -H 'Content-Type: application/json' \
    -d '{"answers":{"sharp-pain-on-pressure":"yes"}}' "http://127.0.0.1:$port/v1/interview" |
    jq -r .stop.text)
[ -n "$stop_text" ] && [ "$stop_text" != null ] || fail "no stop text for sharp pain on pressure"
python3 - "$tp" >"$tmp/session.txt" <<'PY'
import os, re, select, subprocess, sys
p = subprocess.Popen([sys.argv[1], "session", "--one-at-a-time", "--show-ids"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
fd = p.stdout.fileno()
os.set_blocking(fd, False)
out, asked = "", 0
while asked < 80:
    r, _, _ = select.select([fd], [], [], 10)
    if not r:
        break
    chunk = os.read(fd, 65536).decode()
    if not chunk:
        break
    out += chunk
    ids = re.findall(r"^\[([a-z0-9-]+)\] ", out, re.M)
    if len(ids) > asked:
        asked = len(ids)
        q = ids[-1]
        reply = "yes" if q == "sharp-pain-on-pressure" else "no"
        if re.search(r"^\[" + re.escape(q) + r"\] .*\n\s+Answer a whole number", out, re.M):
            reply = "30"
        p.stdin.write((reply + "\n").encode())
        p.stdin.flush()
p.stdin.close()
os.set_blocking(fd, True)
while True:
    chunk = os.read(fd, 65536)
    if not chunk:
        break
    out += chunk.decode()
p.wait(timeout=20)
print(out)
PY
awk -v stop="${stop_text:0:30}" '/^\[sharp-pain-on-pressure\]/ { s = 1; next }
    s && /^\[/ { exit } s && index($0, stop) { print "said"; exit }' "$tmp/session.txt" |
    grep -qx said ||
    fail "the session did not say stop pressing right after the answer: $(grep -A12 '^\[sharp-pain-on-pressure\]' "$tmp/session.txt")"
echo "step_frontends: ok ($sets answer sets, $((sets * 2)) steps)"
