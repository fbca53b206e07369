/* explainjson.c: an explanation for machine output (see tp_explain_json in
 * explain.h): how a conclusion was reached, why the rules that would
 * conclude it did not, the flags that call for a level, and the same in
 * plain words, from the one explainer (explain.c) that the session and
 * batch --whynot use. */
#include "explain.h"
#include "output.h"
#include "triage_int.h"

#include <stdio.h>
#include <string.h>

static void jkey(tp_buf *b, const char *key)
{
    tp_output_json_string(b, key);
    tp_buf_puts(b, ":");
}

/* A question's answer in the words of its labels: "Not sure". */
static void answer_words(const tp_kb *kb, const char *qid, const char *answer, tp_buf *out)
{
    const tp_question *q = tp_kb_question(kb, qid);
    if (q)
        tp_explain_answer(q, answer, out);
    else
        tp_buf_puts(out, answer);
}

/* The answer to qid as given, or "not given". */
static const char *your_answer(const tp_explain *x, const char *qid, char *buf, size_t len)
{
    const char *v = tp_explain_given(x, qid, buf, len);
    return v && strcmp(v, "unanswered") != 0 ? v : "not given";
}

static void json_source(tp_buf *b, const tp_kb *kb, const char *id)
{
    const tp_source *src = id ? tp_kb_source(kb, id) : NULL;
    jkey(b, "source");
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "id", id, "title", src ? src->title : "", "section",
                        src ? src->section : "", "url", src ? src->url : "", NULL);
    tp_buf_puts(b, "}");
}

/* A rule's comment string ("" when it has none or is unknown). */
static const char *comment_of(const tp_rule_desc *r)
{
    return r && r->comment ? r->comment : "";
}

/* Whether rule r concludes id by name. */
static int concludes(const tp_rule_desc *r, const char *id)
{
    const tp_rule_make *m = tp_rule_concludes(r);
    return m && strcmp(m->id, id) == 0;
}

/* How a conclusion was reached: its rule, reason, source and the answers it
 * rests on, each as the question asks it and the answer's label. */
static void how_item(tp_buf *b, const tp_explain *x, const tp_conclusion *c)
{
    const tp_rule_desc *rule = tp_rules_find(x->rules, c->rule);
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "kind", c->kind, "id", c->id, "text", c->text ? c->text->text : "",
                        "rule", c->rule, "why", comment_of(rule), "reason", c->reason, NULL);
    if (c->at_level) {
        tp_buf_puts(b, ",");
        tp_output_json_strs(b, "at_level", c->at_level->id, NULL);
    }
    tp_buf_puts(b, ",\"because\":[");
    for (int i = 0; i < c->nbecause; i++) {
        const tp_question *q = tp_kb_question(x->kb, c->because[i].question);
        tp_buf words = {0};
        answer_words(x->kb, c->because[i].question, c->because[i].answer, &words);
        tp_buf_puts(b, i ? ",{" : "{");
        tp_output_json_strs(b, "question", c->because[i].question, "asked", q ? q->text : "",
                            "answer", c->because[i].answer, "answer_words",
                            words.data ? words.data : "", NULL);
        tp_buf_free(&words);
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "],");
    json_source(b, x->kb, c->source_id);
    tp_buf_puts(b, "}");
}

/* Why a rule that would conclude the id did not: the first of its
 * conditions that fails, in plain words, and the answer it looked at. */
static void whynot_item(tp_buf *b, const tp_explain *x, const tp_rule_desc *rule)
{
    int total = 0, sat = tp_explain_failing(x, rule, &total);
    tp_buf_puts(b, "{");
    tp_output_json_strs(b, "rule", rule->name, "why", comment_of(rule), NULL);
    if (sat >= 0 && total == rule->nconds) {
        tp_buf plain = {0};
        tp_explain_condition(x, &rule->conds[sat], &plain);
        tp_buf_printf(b, ",\"failed\":%d,\"conditions\":%d,", sat + 1, total);
        tp_output_json_strs(b, "needs", plain.data ? plain.data : "", NULL);
        tp_buf_free(&plain);
        const char *q = rule->conds[sat].question;
        int qi = q ? tp_kb_question_index(x->kb, q) : -1;
        if (qi >= 0) {
            char v[512];
            tp_buf_puts(b, ",");
            tp_output_json_strs(b, "question", q, "asked", x->kb->questions[qi].text, "your_answer",
                                your_answer(x, q, v, sizeof v), NULL);
        }
    } else if (sat < 0 && total > 0) {
        tp_buf_printf(b, ",\"failed\":0,\"conditions\":%d", total);
    }
    tp_buf_puts(b, ",");
    const tp_rule_make *m = tp_rule_concludes(rule);
    json_source(b, x->kb, m ? m->source : NULL);
    tp_buf_puts(b, "}");
}

/* The red flags and contraindications that call for level id, with the
 * answer given to each one's question (a flag's id is its question's when
 * it has one). Returns how many. */
static int level_flags(tp_buf *b, const tp_explain *x, const char *id)
{
    tp_flag *flags;
    int nflags = tp_flags_read(tp_triage_engine(x->t), &flags), n = 0;
    for (int i = 0; i < nflags; i++) {
        const tp_flag *f = &flags[i];
        if (strcmp(f->level, id) != 0)
            continue;
        const tp_text *t = tp_kb_text(x->kb, f->kind, f->id);
        tp_buf_puts(b, n++ ? ",{" : "{");
        tp_output_json_strs(b, "kind", f->kind, "id", f->id, "text", t ? t->text : "", NULL);
        int qi = tp_kb_question_index(x->kb, f->id);
        if (qi >= 0) {
            char v[512];
            tp_buf_puts(b, ",");
            tp_output_json_strs(b, "asked", x->kb->questions[qi].text, "your_answer",
                                your_answer(x, f->id, v, sizeof v), NULL);
        }
        tp_buf_puts(b, "}");
    }
    tp_flags_free(flags, nflags);
    return n;
}

/* What the session says for :how or :whynot, as one paragraph. */
static void words(const tp_explain *x, const char *id, int reached, tp_buf *out)
{
    tp_buf text = {0};
    if (reached)
        tp_explain_how(x, id, &text);
    else
        tp_explain_whynot(x, id, &text);
    int space = 0;
    for (size_t i = 0; i < text.len; i++) {
        char c = text.data[i];
        if (c == '\n' || c == ' ' || c == '\t') {
            space = out->len > 0;
            continue;
        }
        if (space)
            tp_buf_add(out, " ", 1);
        space = 0;
        tp_buf_add(out, &c, 1);
    }
    tp_buf_free(&text);
}

int tp_explain_json(const tp_explain *x, const char *id, int reached, tp_buf *out)
{
    const tp_result *res = x->result;
    tp_buf_puts(out, "\"how\":[");
    int n = 0, listed = 0;
    for (int i = 0; i < res->nitems; i++)
        if (strcmp(res->items[i].id, id) == 0)
            tp_buf_puts(out, n++ ? "," : ""), how_item(out, x, &res->items[i]);
    tp_buf_puts(out, "],\"why_not\":[");
    n = 0;
    for (int i = 0; !reached && i < x->rules->n; i++)
        if (concludes(&x->rules->rules[i], id))
            tp_buf_puts(out, n++ ? "," : ""), whynot_item(out, x, &x->rules->rules[i]);
    listed += n;
    tp_buf_puts(out, "],\"flags\":[");
    if (!reached && tp_kb_level(x->kb, id))
        listed += level_flags(out, x, id);
    tp_buf_puts(out, "],");
    tp_buf w = {0};
    words(x, id, reached, &w);
    jkey(out, "words");
    tp_output_json_string(out, w.data ? w.data : "");
    tp_buf_free(&w);
    return listed;
}
