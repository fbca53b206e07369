#!/usr/bin/python3
"""reading_level.py: the explanations a patient reads are plain.

Every reason a rule gives (rules/*.clp, reason "..."; and the reasons for
unsure answers, facts/unsure-reasons.clp) and every help text (question
help and unsure, checklist help; facts/*.clp) is scored with the
Flesch-Kincaid grade level (0.39 words per sentence + 11.8 syllables per
word - 15.59; syllables counted by vowel groups, as most readability tools
do). At least 9 in 10 must read at grade 8 or below; the hardest are named
either way. Usage: reading_level.py SOURCE_DIR
"""
import glob
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "."
GRADE, SHARE = 8.0, 0.9


def syllables(word):
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def grade(text):
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?:;]+(?:\s|$)", text)))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


texts = []
for f in sorted(glob.glob(os.path.join(src, "rules", "*.clp"))):
    texts += [(os.path.basename(f), t) for t in re.findall(r'\(reason "([^"]+)"', open(f).read())]
for f in sorted(glob.glob(os.path.join(src, "facts", "*.clp"))):
    for t in re.findall(r'\((?:help|unsure) "([^"]+)"', open(f).read()):
        texts.append((os.path.basename(f), t))
    # the reasons shown when an answer was "unsure" (facts/unsure-reasons.clp)
    for t in re.findall(r'\(text \(kind unsure-reason\) \(id [^)]*\) \(text "([^"]+)"', open(f).read()):
        texts.append((os.path.basename(f), t))
texts = [(f, t) for f, t in texts if t.strip()]
if len(texts) < 20:
    sys.exit("FAIL: only %d texts found in %s" % (len(texts), src))
scored = sorted(((grade(t), f, t) for f, t in texts), reverse=True)
plain = sum(1 for g, _, _ in scored if g <= GRADE)
for g, f, t in scored[:10]:
    print("grade %4.1f  %s: %s" % (g, f, t[:100]))
share = plain / len(scored)
print("reading level: %d of %d reasons and help texts (%.0f%%) read at grade %g or below"
      % (plain, len(scored), 100 * share, GRADE))
if share < SHARE:
    print("FAIL: fewer than %d%% at grade %g or below" % (100 * SHARE, GRADE))
    sys.exit(1)
