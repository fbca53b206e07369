#!/usr/bin/env python3
"""walk.py URL CASES.jsonl OUT [KEEP]: drives tptriage serve's SDC adaptive form
(POST URL/fhir/Questionnaire/$next-question) as an SDC renderer would, for
each case of CASES (JSON lines {"id", "answers"}): start from an empty
in-progress QuestionnaireResponse, answer the items the contained
Questionnaire adds (a group: each of its questions) from the case's answers,
and send it back, until the response is completed or asks what the case
leaves unanswered. Knows nothing of tptriage's own JSON. Writes to OUT:
  responses.ndjson  every response of the first KEEP cases (default 100), for
                    the schema check
  last.ndjson       the last QuestionnaireResponse sent, per case
  results.ndjson    {"id", "status", "parameters"} of the last response
Exits 1 on an HTTP error or a response that is not a QuestionnaireResponse."""
import json
import os
import sys
import urllib.request

url, cases, out = sys.argv[1], sys.argv[2], sys.argv[3]
keep = int(sys.argv[4]) if len(sys.argv) > 4 else 100


def post(qr):
    req = urllib.request.Request(url + "/fhir/Questionnaire/$next-question",
                                 data=json.dumps(qr).encode(), method="POST",
                                 headers={"Content-Type": "application/fhir+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        if r.headers.get("Content-Type") != "application/fhir+json":
            sys.exit("walk.py: Content-Type " + str(r.headers.get("Content-Type")))
        return r.read().decode()


def answers(v):
    if v is None:
        return None
    vals = v if isinstance(v, list) else ([s.strip() for s in v.split(",")]
                                           if isinstance(v, str) else [v])
    out = []
    for x in vals:
        if isinstance(x, bool):
            out.append({"valueBoolean": x})
        elif isinstance(x, int):
            out.append({"valueInteger": x})
        else:
            out.append({"valueCoding": {"code": x}})
    return out


def questions(item):
    """The question items under a contained Questionnaire item."""
    if item["type"] == "group":
        return [i for i in item.get("item", []) if i["type"] != "display"]
    return [item]


with open(os.path.join(out, "responses.ndjson"), "w") as resp_f, \
        open(os.path.join(out, "last.ndjson"), "w") as last_f, \
        open(os.path.join(out, "results.ndjson"), "w") as res_f:
    for n, line in enumerate(open(cases)):
        case = json.loads(line)
        given = case["answers"]
        qr = {"resourceType": "QuestionnaireResponse", "id": case["id"],
              "status": "in-progress", "item": []}
        sent = set()
        for step in range(200):
            text = post(qr)
            if n < keep:
                resp_f.write(text.rstrip("\n") + "\n")
            r = json.loads(text)
            if r.get("resourceType") != "QuestionnaireResponse":
                sys.exit("walk.py: got " + text[:300])
            qn = [c for c in r["contained"] if c["resourceType"] == "Questionnaire"][0]
            params = [c for c in r["contained"] if c["resourceType"] == "Parameters"][0]
            new = [i for i in qn["item"] if i["linkId"] not in sent]
            stop = r["status"] == "completed" or not new
            items = []
            for it in new:
                qs = questions(it)
                vals = [(q["linkId"], answers(given.get(q["linkId"]))) for q in qs]
                if any(v is None for _, v in vals):
                    stop = True
                    break
                sent.add(it["linkId"])
                kids = [{"linkId": q, "answer": v} for q, v in vals]
                items += kids if it["type"] != "group" else [{"linkId": it["linkId"], "item": kids}]
            if stop:
                res_f.write(json.dumps({"id": case["id"], "status": r["status"],
                                        "parameters": params}) + "\n")
                last_f.write(json.dumps(qr) + "\n")
                break
            qr = dict(r)
            del qr["contained"]
            qr.pop("extension", None)
            qr["item"] = r["item"] + items
        else:
            sys.exit("walk.py: %s: no end after 200 steps" % case["id"])
