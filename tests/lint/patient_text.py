#!/usr/bin/python3
"""patient_text.py: no author text reaches a patient.

Collects every text the default session, the web page (through the step API
it draws: /v1/interview and /v1/explain) and the :report file can show, for
every case file of the knowledge base (all levels), and fails on author
wording: rule names, ids of questions and conclusions, "flag-level", "calls
for the level", file paths, development notes ("issue 11"), the brief and
the guide as the authors name them, "tptriage batch". Usage:
patient_text.py TPTRIAGE SOURCE_DIR
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

tp, src = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp(prefix="tp-lint-")
env = dict(os.environ, TPTRIAGE_DIARY="off", TPTRIAGE_GROUPS="off", LANG="en_GB.UTF-8")
env.pop("TPTRIAGE_LOCALE", None)

# ---- what counts as author text -------------------------------------------------
rules = set()
for f in glob.glob(os.path.join(src, "rules", "*.clp")):
    rules.update(re.findall(r"\(defrule\s+(?:\w+::)?([\w-]+)", open(f).read()))
ids = set()
for f in glob.glob(os.path.join(src, "facts", "*.clp")):
    t = open(f).read()
    ids.update(re.findall(r"\((?:question|level|text) \(id ([a-z0-9-]+)\)", t))
    ids.update(re.findall(r"\(text \(kind [a-z-]+\) \(id ([a-z0-9-]+)\)", t))
# an id that is an everyday word (self-care) is no author text
plain = " ".join(open(f).read() for f in glob.glob(os.path.join(src, "facts", "*.clp"))).lower()
words = set(re.findall(r'"([^"]*)"', plain))
everyday = {i for i in ids if any(re.search(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])", w)
                                  for w in words if not re.fullmatch(r"[a-z0-9-]+", w))}
named = sorted((rules | {i for i in ids if "-" in i}) - everyday, key=len, reverse=True)
PATTERNS = [
    (re.compile(r"flag-level", re.I), "flag-level"),
    (re.compile(r"calls for the level", re.I), "calls for the level"),
    (re.compile(r"\bissue \d+", re.I), "a development note"),
    (re.compile(r"shared/|seeds?/|\.clp\b|\.txt\b|knowledge/", re.I), "a file path"),
    (re.compile(r"\bthe (clinical )?brief\b|\bbrief's\b", re.I), "the brief"),
    (re.compile(r"\bthe guide\b", re.I), "the guide as the authors call it"),
    (re.compile(r"tptriage batch", re.I), "tptriage batch"),
    (re.compile(r"\brule [a-z]+-[a-z-]+|\(rule\b|\brules?\b behind", re.I), "a rule"),
    (re.compile(r"\b[a-z]+(-[a-z0-9]+)+ = [a-z0-9]", re.I), "an id = value"),
    (re.compile(r"\bSeed article\b", re.I), "a seed article"),
]
if named:
    PATTERNS.append((re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, named)) + r")(?![\w-])"),
                     "an id or rule name"))

problems = {}


def lint(where, text):
    for line in text.splitlines():
        # what the person typed, echoed, and the path they gave
        if line.rstrip().endswith(".sym.") or re.match(r"^\S*> ", line) or re.match(r"^(Loaded \d+ answers from|Wrote the report to) ", line):
            continue
        for rx, what in PATTERNS:
            m = rx.search(line)
            if m:
                key = (what, line.strip()[:160])
                problems.setdefault(key, where)


def case_answers(path):
    answers = {}
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if "=" in line and not line.startswith("expect"):
            q, v = (p.strip() for p in line.split("=", 1))
            answers[q] = v
    return answers


cases = sorted(glob.glob(os.path.join(src, "facts", "cases", "*.sym")))
levels = re.findall(r"\(level \(id ([a-z-]+)\)", open(os.path.join(src, "facts", "levels.clp")).read())

# ---- the session (default, no ids) and the report ----------------------------------
for c in cases:
    rep = os.path.join(tmp, "r.md")
    lines = [":load " + c, ":how"] + [":how %d" % i for i in range(1, 25)]
    lines += [":whynot " + l for l in levels] + [":answers", ":report " + rep, "y", ":quit"]
    out = subprocess.run([tp, "session", "--kb", src], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, env=env).stdout
    lint("session " + os.path.basename(c), out)
    if os.path.exists(rep):
        lint("report " + os.path.basename(c), open(rep).read())
        os.unlink(rep)

# ---- the web page: the step API it draws -------------------------------------------
log = open(os.path.join(tmp, "serve.log"), "w+")
server = subprocess.Popen([tp, "serve", "--listen", "127.0.0.1:0", "--threads", "2", "--kb", src],
                          stderr=log, stdout=subprocess.DEVNULL, env=env)
port = None
for _ in range(300):
    log.seek(0)
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read())
    if m:
        port = m.group(1)
        break
    time.sleep(0.05)
if not port:
    server.kill()
    sys.exit("FAIL: the server did not start")
base = "http://127.0.0.1:%s" % port


def post(path, body):
    rq = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(rq))


def shown_step(st):
    """The strings of a step the page shows."""
    out = []
    for k in ("so_far", "reached"):
        if st.get(k):
            out += [st[k]["title"], st[k]["todo"]]
    if st.get("call"):
        out += [st["call"]["label"], st["call"]["where"]]
    if st.get("stop"):
        out += [st["stop"]["text"], st["stop"]["dose"]]
    if st.get("group"):
        out += [st["group"]["title"], st["group"]["prompt"]] + [i["text"] for i in st["group"]["items"]]
    for q in st.get("questions", []):
        out += [q.get("text", ""), q.get("help", ""), q.get("unsure", "")]
        out += [c.get("label", "") for c in q.get("choices", [])]
    r = st["result"]
    if st.get("done"):
        out += [r["level"]["title"], r["level"]["todo"], r.get("disclaimer", "")]
        for e in r.get("explanations", []):
            out.append(e.get("reason", ""))
            s = e.get("source") or {}
            out += [s.get("title", ""), s.get("section", "")]
        for k, v in r.items():
            if isinstance(v, list):
                for e in v:
                    if isinstance(e, dict):
                        out += [e.get("text", ""), e.get("dose", "")]
                    elif isinstance(e, str) and k == "safety_net":
                        out.append(e)
    return out


try:
    for c in cases:
        answers = case_answers(c)
        given = {}
        for grouped in (True, False):
            given = {}
            for _ in range(60):
                st = post("/v1/interview", {"answers": given, "groups": grouped})
                lint("web " + os.path.basename(c), "\n".join(shown_step(st)))
                if st["done"]:
                    break
                for q in st["questions"]:
                    given[q["id"]] = answers.get(q["id"], "unsure" if any(
                        ch["id"] == "unsure" for ch in q.get("choices", [])) else
                        (q["choices"][0]["id"] if q.get("choices") else q.get("min", 0)))
        # the same walk in the session, one question at a time, with ? and
        # :why at every question (the order the step API gave)
        walk = []
        for q, v in given.items():
            walk += ["?", ":why", v if isinstance(v, str) else str(v)]
        out = subprocess.run([tp, "session", "--kb", src], input="\n".join(walk) + "\n:quit\n",
                             capture_output=True, text=True, env=env).stdout
        lint("session walk " + os.path.basename(c), out)
        final = post("/v1/interview", {"answers": given})
        ids = [final["result"]["disposition"]]
        for k, v in final["result"].items():
            if isinstance(v, list):
                ids += [e["id"] for e in v if isinstance(e, dict) and "id" in e]
        for i in ids:
            x = post("/v1/explain", {"answers": given, "id": i})
            texts = [x.get("words", "")]
            for h in x.get("how", []):
                texts += [h.get("reason", "")]
                texts += [(b.get("asked") or "") + " " + b.get("answer_words", "") for b in h.get("because", [])]
                s = h.get("source") or {}
                texts += [s.get("title", ""), s.get("section", "")]
            lint("web explain %s %s" % (os.path.basename(c), i), "\n".join(texts))
finally:
    server.kill()

# the page's own words
for f in ("index.html", "app.js"):
    t = open(os.path.join(src, "web", f)).read()
    if f == "index.html":
        lint("web/" + f, re.sub(r"<[^>]*>", " ", t))
    else:
        lint("web/" + f, "\n".join(re.findall(r'"([^"\n]{12,})"', t)))

for (what, line), where in sorted(problems.items(), key=lambda p: p[1]):
    print("FAIL: %s: %s: %s" % (where, what, line))
print("patient text: %d cases through the session, the report and the step API; %d problems"
      % (len(cases), len(problems)))
sys.exit(1 if problems else 0)
