/* explain.c: why, how and why-not in plain words, from the rules' shape
 * (ruleinfo.c), the kb's words and the engine's working memory. Nothing
 * here knows what a rule means: the words come from facts/ and from the
 * rules' comment strings. */
#include "explain.h"
#include "triage_int.h"

#include "choices.h"
#include "kbpolicy.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---- words ---------------------------------------------------------------------- */

/* "red-flag" -> "red flag" */
static const char *kind_words(const char *kind, char *out, size_t len)
{
    snprintf(out, len, "%s", kind);
    for (char *p = out; *p; p++)
        if (*p == '-' || *p == '_')
            *p = ' ';
    return out;
}

static void source_words(const tp_explain *x, const char *id, tp_buf *out)
{
    const tp_source *src = id ? tp_kb_source(x->kb, id) : NULL;
    if (src)
        tp_buf_printf(out, "\"%s\", %s", src->title, src->section);
    else
        tp_buf_puts(out, id && *id ? id : "none given");
}

/* A value of q in plain words: its label, or the value itself. */
static const char *value_word(const tp_question *q, const char *v)
{
    for (int i = 0; q && i < q->nvalues; i++)
        if (strcmp(q->values[i], v) == 0 && q->labels[i] && *q->labels[i])
            return q->labels[i];
    return v;
}

void tp_explain_answer(const tp_question *q, const char *answer, tp_buf *out)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", answer);
    int n = 0;
    for (char *save = NULL, *v = strtok_r(buf, ", ", &save); v; v = strtok_r(NULL, ", ", &save))
        tp_buf_printf(out, "%s%s", n++ ? ", " : "", value_word(q, v));
}

/* The answer working memory holds for question qid, as "a, b" (into buf);
 * NULL when there is none. */
struct answer_find {
    tp_engine *e;    /* the engine */
    const char *qid; /* the question */
    char *buf;       /* where the answer goes */
    size_t len;      /* its size */
    int found;       /* an answer fact was found */
};

static int find_answer(void *ud, tp_fact *f)
{
    struct answer_find *w = ud;
    const char *q = tp_fact_str(w->e, f, "question");
    if (!q || strcmp(q, w->qid) != 0)
        return 0;
    tp_answer a;
    a.nvals = tp_fact_values(w->e, f, "value", a.vals, TP_MAX_VALUES);
    if (a.nvals > TP_MAX_VALUES)
        a.nvals = TP_MAX_VALUES;
    tp_answer_format(&a, w->buf, w->len);
    w->found = 1;
    return 1;
}

const char *tp_explain_given(const tp_explain *x, const char *qid, char *buf, size_t len)
{
    struct answer_find w = {tp_triage_engine(x->t), qid, buf, len, 0};
    tp_engine_each(w.e, "answer", find_answer, &w);
    return w.found ? buf : NULL;
}

/* Whether answer v of q is the one a diary filled in (not the person's). */
static int from_diary(const tp_explain *x, const tp_question *q, const char *v)
{
    if (!x->diary || !q || !v)
        return 0;
    const char *d = x->diary[q - x->kb->questions];
    return d && strcmp(d, v) == 0;
}

/* "you answered "No"", "your diary gave "No"", "you have not answered it", ... */
static void given_words(const tp_explain *x, const tp_question *q, tp_buf *out)
{
    char a[1024];
    const char *v = q ? tp_explain_given(x, q->id, a, sizeof a) : NULL;
    if (!v) {
        tp_buf_puts(out, "it has not been asked");
    } else if (strcmp(v, "unanswered") == 0) {
        tp_buf_puts(out, "it has not been answered");
    } else {
        tp_buf_puts(out, from_diary(x, q, v) ? "your diary gave \"" : "you answered \"");
        tp_explain_answer(q, v, out);
        tp_buf_puts(out, "\"");
    }
}

/* A test on a number in words: "(>= ?d 3)" -> "at least 3". */
static void test_words(const char *t, tp_buf *out)
{
    static const char *const ops[][2] = {{">=", "at least"}, {"<=", "at most"}, {">", "more than"},
                                         {"<", "less than"}, {"=", "exactly"},  {"<>", "not"}};
    char op[8], var[32], num[32];
    if (sscanf(t, "(%7s %31s %31[^)])", op, var, num) == 3)
        for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
            if (strcmp(op, ops[i][0]) == 0) {
                tp_buf_printf(out, "%s %s", ops[i][1], num);
                return;
            }
    tp_buf_puts(out, t);
}

/* A value constraint in words: the admitted values of q by their labels, or
 * the tests on a number. */
static void constraint_words(const tp_question *q, const char *text, tp_buf *out)
{
    int n = 0;
    if (strchr(text, ':')) {
        for (const char *p = strstr(text, ":("); p; p = strstr(p + 1, ":(")) {
            if (strncmp(p + 1, "(integerp", 9) == 0)
                continue;
            char test[128];
            snprintf(test, sizeof test, "%.*s", (int)strcspn(p + 1, ")") + 1, p + 1);
            tp_buf_puts(out, n++ ? " and " : "");
            test_words(test, out);
        }
        if (!n)
            tp_buf_puts(out, "anything");
        return;
    }
    for (int v = 0; q && v < q->nvalues; v++)
        if (tp_constraint_admits(text, q->values[v]) == 1)
            tp_buf_printf(out, "%s\"%s\"", n++ ? " or " : "", value_word(q, q->values[v]));
    if (!n) /* no question to list values of: the constraint itself */
        for (const char *p = text; *p; p++) {
            if (*p == '|')
                tp_buf_puts(out, " or ");
            else if (*p == '&')
                tp_buf_puts(out, " and ");
            else if (*p == '~')
                tp_buf_puts(out, "not ");
            else if (strncmp(p, "$? ", 3) == 0 || strcmp(p, " $?") == 0)
                p += 2;
            else
                tp_buf_add(out, p, 1);
        }
}

/* The title of a level, or its id. */
static const char *level_title(const tp_explain *x, const char *id)
{
    const tp_level *l = tp_kb_level(x->kb, id);
    return l ? l->title : id;
}

/* A level constraint in words: "Self-care" or "Self-care" ... */
static void levels_words(const tp_explain *x, const char *text, tp_buf *out)
{
    int n = 0, neg = text[0] == '~';
    for (int i = 0; i < x->kb->nlevels; i++)
        if (tp_constraint_admits(text, x->kb->levels[i].id) == 1 && !neg)
            tp_buf_printf(out, "%s\"%s\"", n++ ? " or " : "", x->kb->levels[i].title);
    if (neg || !n)
        constraint_words(NULL, text, out);
}

/* The words for a conclusion: its text, or a level's title. */
static const char *conclusion_text(const tp_explain *x, const char *kind, const char *id)
{
    if (strcmp(kind, "level") == 0)
        return level_title(x, id);
    const tp_text *t = tp_kb_text(x->kb, kind, id);
    return t ? t->text : id;
}

static const char *level_now(const tp_explain *x)
{
    return x->result->level ? x->result->level->title : "none yet";
}

/* Why a condition does not hold now, in one sentence. */
static void cond_words(const tp_explain *x, const tp_rule_cond *c, tp_buf *out)
{
    if (c->tmpl && strcmp(c->tmpl, "answer") == 0 && c->value) {
        const tp_question *q = c->question ? tp_kb_question(x->kb, c->question) : NULL;
        if (!q) {
            tp_buf_printf(out, "It needs %san answer of ", c->negated ? "no " : "");
            constraint_words(NULL, c->value, out);
            tp_buf_puts(out, ".");
            return;
        }
        if (q->kind == TP_Q_NUMBER)
            tp_buf_printf(out, "It needs an answer %s", c->negated ? "not " : "of ");
        else
            tp_buf_printf(out, "It needs the answer %s", c->negated ? "not to be " : "");
        constraint_words(q, c->value, out);
        tp_buf_printf(out, " to \"%s\"; ", q->text);
        given_words(x, q, out);
        tp_buf_puts(out, ".");
    } else if (c->tmpl && strcmp(c->tmpl, "conclusion") == 0) {
        int n = 0;
        if (c->negated) {
            tp_buf_puts(out, "It is not given while this applies:");
            for (int i = 0; i < x->result->nitems; i++) {
                const tp_conclusion *r = &x->result->items[i];
                if ((c->kind && tp_constraint_admits(c->kind, r->kind) == 0) ||
                    (c->id && tp_constraint_admits(c->id, r->id) == 0))
                    continue;
                tp_buf_printf(out, "%s \"%s\"", n++ ? "," : "", conclusion_text(x, r->kind, r->id));
                if (n == 3)
                    break;
            }
            tp_buf_puts(out, n ? "." : " another conclusion.");
        } else if (c->kind && c->id && !strpbrk(c->id, "?~|&")) {
            tp_buf_printf(out, "It follows only \"%s\", which was not given.",
                          conclusion_text(x, c->kind, c->id));
        } else {
            char kw[64];
            tp_buf_printf(out, "It follows only a %s, and none was given.",
                          c->kind ? kind_words(c->kind, kw, sizeof kw) : "conclusion");
        }
    } else if (c->tmpl && strcmp(c->tmpl, "disposition") == 0 && c->level) {
        tp_buf_puts(out, "It is given only when the advice is ");
        levels_words(x, c->level, out);
        tp_buf_printf(out, "; it is \"%s\" now.", level_now(x));
    } else if (c->tmpl && strcmp(c->tmpl, "open-below") == 0 && c->level) {
        tp_buf_puts(out, "It applies only while the advice is less urgent than ");
        levels_words(x, c->level, out);
        tp_buf_printf(out, "; it is \"%s\" now.", level_now(x));
    } else {
        tp_buf_printf(out, "It needs %s.", c->text);
    }
}

/* ---- the rules behind a conclusion --------------------------------------------- */

/* The conclusion rule r asserts, in words: "red flag: Numbness ..." */
static void make_words(const tp_explain *x, const tp_rule_desc *r, tp_buf *out)
{
    char kw[64];
    const tp_rule_make *m = tp_rule_concludes(r);
    if (r->nasks) {
        const tp_question *q = tp_kb_question(x->kb, r->asks[0]);
        tp_buf_printf(out, "the question \"%s\" is asked", q ? q->text : r->asks[0]);
    } else if (!m) {
        tp_buf_printf(out, "%s", *r->comment ? r->comment : r->name);
    } else if (strcmp(m->kind, "level") == 0) {
        tp_buf_printf(out, "the advice \"%s\"", level_title(x, m->id));
    } else {
        tp_buf_printf(out, "%s \"%s\"", kind_words(m->kind, kw, sizeof kw),
                      conclusion_text(x, m->kind, m->id));
    }
    if (x->verbose && m)
        tp_buf_printf(out, " [%s]", m->id);
}

/* ", which calls for "Title"" for a flag (its flag-level fact). */
static void calls_for(const tp_explain *x, const char *kind, const char *id, tp_buf *out)
{
    tp_flag *flags;
    int n = tp_flags_read(tp_triage_engine(x->t), &flags);
    for (int i = 0; i < n; i++)
        if (strcmp(flags[i].kind, kind) == 0 && strcmp(flags[i].id, id) == 0) {
            tp_buf_printf(out, ", which calls for \"%s\"", level_title(x, flags[i].level));
            break;
        }
    tp_flags_free(flags, n);
}

/* ---- why -------------------------------------------------------------------------- */

static void why_asked(const tp_explain *x, const tp_question *q, tp_buf *out)
{
    tp_buf_puts(out, "Why this question now:\n");
    for (int i = 0; q->conditional && i < x->rules->n; i++) {
        const tp_rule_desc *r = &x->rules->rules[i];
        if (!tp_strs_has(r->asks, r->nasks, q->id))
            continue;
        if (x->verbose) { /* the author's note, for a clinician */
            tp_buf_printf(out, "  %s (rule %s)\n", r->comment ? r->comment : "", r->name);
            continue;
        }
        /* for a person: the earlier answers that open it, in their words */
        int n = 0;
        for (int k = 0; k < r->nconds; k++) {
            const tp_rule_cond *c = &r->conds[k];
            const tp_question *o = c->question ? tp_kb_question(x->kb, c->question) : NULL;
            if (!o || !c->value || c->negated || strcmp(o->id, q->id) == 0)
                continue;
            tp_buf_puts(out, n++ ? ", and " : "  It follows on from ");
            tp_buf_puts(out, "your answer ");
            constraint_words(o, c->value, out);
            tp_buf_printf(out, " to \"%s\"", o->text);
        }
        tp_buf_puts(out, n ? ".\n" : "  It follows on from your earlier answers.\n");
    }
    if (!q->conditional && q->ask_below && tp_kb_level(x->kb, q->ask_below))
        tp_buf_printf(out,
                      "  Its answer can still change the advice: it is asked while the advice "
                      "so far is less urgent than \"%s\".\n",
                      level_title(x, q->ask_below));
}

/* One rule reading the answer to q at condition k: what the answer leads to. */
static void why_rule(const tp_explain *x, const tp_question *q, const tp_rule_desc *r, int k,
                     int *seen, tp_buf *out)
{
    const tp_rule_cond *c = &r->conds[k];
    int n = 0;
    tp_buf_puts(out, "  ");
    if (q->kind == TP_Q_NUMBER || c->negated) {
        tp_buf_puts(out, c->negated ? "not " : "");
        tp_buf_puts(out, q->kind == TP_Q_NUMBER ? "an answer of " : "");
        constraint_words(q, c->value, out);
        n = 1;
    } else {
        for (int v = 0; v < q->nvalues; v++) {
            if (tp_constraint_admits(c->value, q->values[v]) != 1)
                continue;
            seen[v] = 1;
            tp_buf_printf(out, "%s\"%s\"", n++ ? " or " : "", value_word(q, q->values[v]));
        }
    }
    if (!n) {
        tp_buf_puts(out, "(no answer)");
    }
    tp_buf_puts(out, " -> ");
    make_words(x, r, out);
    const tp_rule_make *m = tp_rule_concludes(r);
    if (m && strcmp(m->kind, "level") != 0)
        calls_for(x, m->kind, m->id, out);
    tp_buf_puts(out, "\n");
    for (int o = 0; o < r->nconds; o++) {
        const tp_rule_cond *oc = &r->conds[o];
        if (o == k || !oc->tmpl || strcmp(oc->tmpl, "answer") != 0 || !oc->question)
            continue;
        const tp_question *oq = tp_kb_question(x->kb, oc->question);
        tp_buf_printf(out, "      together with %s%s", oc->negated ? "not " : "",
                      oq && oq->kind == TP_Q_NUMBER ? "an answer of " : "the answer ");
        constraint_words(oq, oc->value, out);
        tp_buf_printf(out, " to \"%s\"\n", oq ? oq->text : oc->question);
    }
    /* a rule's comment is its author's note (sources, reading of the brief):
     * for clinicians; a person reads the reasons and the answers */
    if (x->verbose && r->comment && *r->comment)
        tp_buf_printf(out, "      why: %s\n", r->comment);
    if (x->verbose) {
        for (int o = 0; o < r->nconds; o++)
            tp_buf_printf(out, "      %s %s\n", o == k ? "reads: " : "with:  ", r->conds[o].text);
        tp_buf_printf(out, "      rule %s; source: ", r->name);
        source_words(x, m ? m->source : NULL, out);
        tp_buf_puts(out, "\n");
    }
}

void tp_explain_why(const tp_explain *x, const tp_question *q, tp_buf *out)
{
    why_asked(x, q, out);
    tp_buf_puts(out, "What each answer would lead to:\n");
    int seen[TP_MAX_VALUES] = {0}, n = 0;
    for (int i = 0; i < x->rules->n; i++) {
        const tp_rule_desc *r = &x->rules->rules[i];
        if (!tp_rule_concludes(r) && !r->nasks)
            continue;
        for (int k = 0; k < r->nconds; k++)
            if (r->conds[k].question && r->conds[k].value &&
                strcmp(r->conds[k].question, q->id) == 0) {
                why_rule(x, q, r, k, seen, out);
                n++;
            }
    }
    for (int v = 0; v < q->nvalues; v++)
        if (!seen[v] && n)
            tp_buf_printf(out, "  \"%s\" -> nothing follows from this answer on its own\n",
                          value_word(q, q->values[v]));
    if (n == 0)
        tp_buf_puts(out, "  No rule reads this answer directly.\n");
    /* what an unanswered safety question leads to, in the kb's words */
    const char *unanswered = q->safety ? tp_kb_wording(x->kb, "safety-unanswered") : NULL;
    if (unanswered)
        tp_buf_printf(out, "  %s\n", unanswered);
}

/* ---- how -------------------------------------------------------------------------- */

static void because_words(const tp_explain *x, const tp_conclusion *c, tp_buf *out)
{
    for (int k = 0; k < c->nbecause; k++) {
        const tp_question *q = tp_kb_question(x->kb, c->because[k].question);
        tp_buf_printf(out, "    \"%s\" ", q ? q->text : c->because[k].question);
        if (strcmp(c->because[k].answer, "unanswered") == 0) {
            tp_buf_puts(out, "was not answered\n");
        } else {
            tp_buf_puts(out, from_diary(x, q, c->because[k].answer) ? "- from your diary: \""
                                                                    : "- you answered \"");
            tp_explain_answer(q, c->because[k].answer, out);
            tp_buf_puts(out, "\"\n");
        }
    }
}

/* The ids behind a conclusion, for clinicians: "rule R; at level L;
 * because: q = a, q2 = b". */
static void rule_ids(const tp_conclusion *c, const char *lead, tp_buf *out)
{
    tp_buf_printf(out, "%s%s", lead, c->rule);
    if (c->at_level)
        tp_buf_printf(out, "; at level %s", c->at_level->id);
    tp_buf_puts(out, c->nbecause ? "; because:" : "");
    for (int k = 0; k < c->nbecause; k++)
        tp_buf_printf(out, "%s %s = %s", k ? "," : "", c->because[k].question,
                      c->because[k].answer);
    tp_buf_puts(out, "\n");
}

static void how_one(const tp_explain *x, const tp_conclusion *c, tp_buf *out)
{
    char kw[64];
    const tp_rule_desc *r = tp_rules_find(x->rules, c->rule);
    /* ids only for clinicians (verbose): a person sees words */
    if (strcmp(c->kind, "level") == 0)
        tp_buf_printf(out, "The advice \"%s\"", level_title(x, c->id));
    else
        tp_buf_printf(out, "%s: %s", kind_words(c->kind, kw, sizeof kw),
                      c->text ? c->text->text : c->id);
    tp_buf_printf(out, x->verbose ? " [%s]\n" : "\n", c->id);
    tp_buf_puts(out, "  ");
    if (x->verbose)
        tp_buf_puts(out, c->reason);
    else
        tp_explain_plain(x->kb, c->reason, out);
    tp_buf_puts(out, "\n");
    if (c->nbecause) {
        tp_buf_puts(out, "  Because:\n");
        because_words(x, c, out);
    }
    if (c->at_level && x->verbose)
        tp_buf_printf(out, "  It goes with the advice \"%s\" (:how %s explains it).\n",
                      c->at_level->title, c->at_level->id);
    else if (c->at_level)
        tp_buf_printf(out, "  It goes with the advice \"%s\"%s.\n", c->at_level->title,
                      c->at_level == x->result->level ? " (:how alone explains it)" : "");
    if (c->nbecause == 0 && !c->at_level)
        tp_buf_puts(out, "  It holds while nothing rules it out.\n");
    if (x->verbose && r && r->comment && *r->comment)
        tp_buf_printf(out, "  The rule behind it: %s\n", r->comment);
    tp_buf_puts(out, "  Source: ");
    source_words(x, c->source_id, out);
    tp_buf_puts(out, "\n");
    if (x->verbose)
        rule_ids(c, "  rule ", out);
}

/* Whether two conclusions differ only in their reasons and answers (one
 * rule that fired once per answer: the unanswered safety questions). */
static int same_rule(const tp_conclusion *a, const tp_conclusion *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->rule, b->rule) == 0 &&
           strcmp(a->source_id, b->source_id) == 0 && a->at_level == b->at_level;
}

/* The same rule again: only its reason and answers. */
static void how_again(const tp_explain *x, const tp_conclusion *c, tp_buf *out)
{
    if (x->verbose)
        tp_buf_printf(out, "  and: %s\n", c->reason);
    because_words(x, c, out);
    if (x->verbose)
        rule_ids(c, "    rule ", out);
}

void tp_explain_how(const tp_explain *x, const char *id, tp_buf *out)
{
    int n = 0;
    const tp_conclusion *last = NULL;
    for (int i = 0; i < x->result->nitems; i++) {
        const tp_conclusion *c = &x->result->items[i];
        if (strcmp(c->id, id) != 0)
            continue;
        if (last && same_rule(last, c))
            how_again(x, c, out);
        else
            how_one(x, c, out);
        last = c;
        n++;
    }
    if (n == 0)
        tp_buf_printf(out, "%s is not among the conclusions now; :whynot %s says why.\n", id, id);
}

/* ---- why not ---------------------------------------------------------------------- */

/* Whether id is among the conclusions; *shadowed: a level concluded but not
 * the disposition. */
static int reached(const tp_explain *x, const char *id, int *shadowed)
{
    *shadowed = 0;
    const tp_level *l = tp_kb_level(x->kb, id);
    for (int i = 0; i < x->result->nitems; i++)
        if (strcmp(x->result->items[i].id, id) == 0) {
            *shadowed = l && x->result->level != l;
            return !*shadowed;
        }
    return l && x->result->level == l;
}

int tp_explain_failing(const tp_explain *x, const tp_rule_desc *r, int *total)
{
    int sat = 0;
    *total = 0;
    if (r->row) { /* a row of the flag table: its answer conditions in order */
        char a[1024];
        *total = r->nconds;
        for (int k = 0; k < r->nconds; k++) {
            const tp_rule_cond *c = &r->conds[k];
            const char *v = c->question ? tp_explain_given(x, c->question, a, sizeof a) : NULL;
            char *end = NULL;
            long long n = v ? strtoll(v, &end, 10) : 0;
            int holds = v && (c->ranged ? end != v && !*end && n >= c->lo && n <= c->hi
                                        : tp_constraint_admits(c->value, v) == 1);
            if (!holds)
                return k;
        }
        return -1;
    }
    if (tp_engine_rule_progress(tp_triage_engine(x->t), r->name, &sat, total) != 0 || sat >= *total)
        return -1;
    return sat;
}

/* One rule that concludes id: why it did not. */
static void whynot_rule(const tp_explain *x, const tp_rule_desc *r, int line, tp_buf *out)
{
    int total, k = tp_explain_failing(x, r, &total);
    if (!line && x->verbose)
        tp_buf_printf(out, "  %s%s\n", r->comment && *r->comment ? "The rule: " : "",
                      r->comment ? r->comment : "");
    if (!line)
        tp_buf_puts(out, x->verbose ? "    " : "  - ");
    else if (out->len && out->data[out->len - 1] != ' ')
        tp_buf_puts(out, " ");
    if (k < 0)
        tp_buf_printf(out, "%s", total ? "Its conditions hold now." : "It cannot be told why.");
    else if (total != r->nconds)
        tp_buf_printf(out, "Condition %d of %d does not hold.", k + 1, total);
    else
        cond_words(x, &r->conds[k], out);
    if (line)
        return;
    tp_buf_puts(out, "\n");
    if (x->verbose) {
        tp_buf_printf(out, "    rule %s", r->name);
        if (k >= 0 && total == r->nconds)
            tp_buf_printf(out, ": the first condition that fails (%d of %d): %s", k + 1, total,
                          r->conds[k].text);
        tp_buf_puts(out, "\n");
    }
}

/* One flag that calls for the level: its text and the answers it reads
 * (line: only its text). */
static void whynot_flag(const tp_explain *x, const tp_flag *fl, int line, int n, tp_buf *out)
{
    if (line) {
        tp_buf_printf(out, "%s\"%s\"", n ? ", " : "", conclusion_text(x, fl->kind, fl->id));
        return;
    }
    tp_buf_printf(out, "  - %s", conclusion_text(x, fl->kind, fl->id));
    if (x->verbose)
        tp_buf_printf(out, " [%s]", fl->id);
    tp_buf_puts(out, "\n");
    for (int i = 0; i < x->rules->n; i++) {
        const tp_rule_desc *r = &x->rules->rules[i];
        const tp_rule_make *m = tp_rule_concludes(r);
        if (!m || strcmp(m->kind, fl->kind) != 0 || strcmp(m->id, fl->id) != 0)
            continue;
        for (int k = 0; k < r->nreads; k++) {
            const tp_question *q = tp_kb_question(x->kb, r->reads[k]);
            if (!q)
                continue;
            tp_buf_printf(out, "      \"%s\": ", q->text);
            given_words(x, q, out);
            tp_buf_puts(out, "\n");
        }
    }
}

/* The flags that call for level id, none of them raised. */
static void whynot_flags(const tp_explain *x, const char *id, int line, tp_buf *out)
{
    tp_flag *flags;
    tp_buf words = {0};
    int n = tp_flags_read(tp_triage_engine(x->t), &flags), named = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(flags[i].level, id) == 0)
            whynot_flag(x, &flags[i], line, named++, &words);
    tp_flags_free(flags, n);
    if (named && line)
        tp_buf_printf(out, "None of the signs that call for it was answered yes: %s.", words.data);
    else if (named)
        tp_buf_printf(out, "These signs would have led to it; none was answered yes:\n%s",
                      words.data);
    tp_buf_free(&words);
}

/* Why-not in full (line 0) or on one line (line 1). */
static int whynot(const tp_explain *x, const char *id, int line, tp_buf *out)
{
    int shadowed;
    const tp_level *l = tp_kb_level(x->kb, id);
    const tp_rule_make *made = NULL;
    for (int i = 0; i < x->rules->n && !made; i++) {
        made = tp_rule_concludes(&x->rules->rules[i]);
        if (made && strcmp(made->id, id) != 0)
            made = NULL;
    }
    if (reached(x, id, &shadowed)) {
        if (!line && x->verbose)
            tp_buf_printf(out, "%s was reached; :how %s shows how.\n", id, id);
        else if (!line)
            tp_buf_printf(out, "\"%s\" was given; :how and its number in the summary show how.\n",
                          l ? l->title : conclusion_text(x, made ? made->kind : "", id));
        return 1;
    }
    if (shadowed) {
        tp_buf_printf(out, "\"%s\" was concluded, but the more urgent \"%s\" applies.%s", l->title,
                      level_now(x), line ? "" : "\n");
        return 0;
    }
    if (!line) {
        if (l)
            tp_buf_printf(out,
                          x->verbose ? "The advice is not \"%s\" [%s]; it is \"%s\".\n"
                                     : "The advice is not \"%s\"%.0s; it is \"%s\".\n",
                          l->title, id, level_now(x));
        else if (made)
            tp_buf_printf(out,
                          x->verbose ? "This was not given: %s [%s].\n"
                                     : "This was not given: %s.%.0s\n",
                          conclusion_text(x, made->kind, made->id), id);
        else
            tp_buf_printf(out, "No rule concludes %s by name.\n", id);
    }
    if (l)
        whynot_flags(x, id, line, out);
    int n = 0;
    for (int i = 0; i < x->rules->n; i++) {
        const tp_rule_desc *r = &x->rules->rules[i];
        const tp_rule_make *m = tp_rule_concludes(r);
        if (!m || strcmp(m->id, id) != 0)
            continue;
        if (!line && n == 0)
            tp_buf_puts(out, l ? "Other ways to it:\n" : "It would be given:\n");
        else if (line && l && out->len)
            tp_buf_puts(out, " Another way: ");
        whynot_rule(x, r, line, out);
        if (!line) {
            tp_buf_puts(out, "    Source: ");
            source_words(x, m->source, out);
            tp_buf_puts(out, "\n");
        }
        n++;
    }
    return 0;
}

void tp_explain_whynot(const tp_explain *x, const char *id, tp_buf *out)
{
    whynot(x, id, 0, out);
}

int tp_explain_whynot_line(const tp_explain *x, const char *id, tp_buf *out)
{
    return whynot(x, id, 1, out);
}

void tp_explain_plain(const tp_kb *kb, const char *text, tp_buf *out)
{
    for (const char *p = text; *p;) {
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
        int word =
            n && (p == text || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[n]);
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : 0), p);
        const tp_question *q = word && memchr(p, '-', n) ? tp_kb_question(kb, id) : NULL;
        const tp_level *l = word && !q && memchr(p, '-', n) ? tp_kb_level(kb, id) : NULL;
        const tp_text *t = NULL;
        for (int i = 0; word && !q && !l && memchr(p, '-', n) && i < kb->ntexts && !t; i++)
            if (strcmp(kb->texts[i].id, id) == 0)
                t = &kb->texts[i];
        if (q)
            tp_buf_printf(out, "\"%s\"", q->text);
        else if (l && strcasecmp(l->title, id) != 0)
            tp_buf_puts(out, l->title);
        else if (t)
            tp_buf_printf(out, "\"%s\"", t->text);
        else
            tp_buf_add(out, p, n ? n : 1);
        p += n ? n : 1;
    }
}

void tp_explain_condition(const tp_explain *x, const tp_rule_cond *c, tp_buf *out)
{
    cond_words(x, c, out);
}

int tp_explain_known(const tp_kb *kb, const tp_rule_set *rs, const char *id)
{
    if (tp_kb_level(kb, id))
        return 1;
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_make *m = tp_rule_concludes(&rs->rules[i]);
        if (m && strcmp(m->id, id) == 0)
            return 1;
    }
    return 0;
}

/* Whether want (folded) is text t folded, whole or its lead before ':'. */
static int names(const char *want, const char *t)
{
    char lead[256], have[256];
    const char *colon = strchr(t, ':');
    snprintf(lead, sizeof lead, "%.*s", (int)(colon ? colon - t : (long)strlen(t)), t);
    tp_fold(lead, have, sizeof have);
    if (strcmp(want, have) == 0)
        return 1;
    tp_fold(t, have, sizeof have);
    return strcmp(want, have) == 0;
}

const char *tp_explain_resolve(const tp_kb *kb, const tp_rule_set *rs, const char *words)
{
    if (tp_explain_known(kb, rs, words))
        return words;
    char want[256];
    tp_fold(words, want, sizeof want);
    if (!*want)
        return NULL;
    for (int i = 0; i < kb->nlevels; i++)
        if (names(want, kb->levels[i].id) || names(want, kb->levels[i].title))
            return kb->levels[i].id;
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_make *m = tp_rule_concludes(&rs->rules[i]);
        if (!m)
            continue;
        const tp_text *t = tp_kb_text(kb, m->kind, m->id);
        if (names(want, m->id) || (t && names(want, t->text)))
            return m->id;
    }
    return NULL;
}
