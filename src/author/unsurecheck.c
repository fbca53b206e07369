/* unsurecheck.c: every rule that can rest on an answer "unsure" has the
 * reason to show for it (unsurecheck.h). */
#include "unsurecheck.h"

#include "kbpolicy.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNSURE_KIND "unsure-reason" /* the text kind, by rule name */

/* The question (id) an answer condition of r admits unsure for, or NULL. */
static const char *reads_unsure(const tp_kb *kb, const tp_rule_desc *r)
{
    for (int i = 0; i < r->nconds; i++) {
        const tp_rule_cond *c = &r->conds[i];
        const tp_question *q = c->question ? tp_kb_question(kb, c->question) : NULL;
        if (q && !c->negated && c->value && tp_kb_value(q, "unsure") &&
            tp_constraint_admits(c->value, "unsure") == 1)
            return q->id;
    }
    return NULL;
}

/* Whether r makes a conclusion that need n matches (NULL: any). */
static int makes_need(const tp_rule_desc *r, const tp_rule_need *n)
{
    for (int m = 0; m < r->nmakes; m++) {
        const tp_rule_make *mk = &r->makes[m];
        if ((!n->kind || !mk->kind || strcmp(n->kind, mk->kind) == 0) &&
            (!n->id || !mk->id || strcmp(n->id, mk->id) == 0))
            return 1;
    }
    return 0;
}

static int makes_conclusion(const tp_rule_desc *r)
{
    for (int m = 0; m < r->nmakes; m++)
        if (r->makes[m].kind)
            return 1;
    return 0;
}

/* Where rule r is written, "file:line" (the kb folder when unknown); as
 * kbcheck.c's tp_check_rule_where, kept here so that the two files do not
 * call each other. */
static void rule_where(const tp_rule_desc *r, const tp_kb *kb, char *out, size_t outlen)
{
    if (r->file)
        snprintf(out, outlen, "%s:%d", r->file, r->line);
    else
        snprintf(out, outlen, "%s", kb->dir);
}

int tp_check_unsure_reasons(const tp_kb *kb, const tp_rule_set *rs, tp_buf *errors, tp_buf *notes)
{
    int bad = 0;
    char at[PATH_MAX + 32];
    /* why[i]: how rule i rests on unsure (a question, or the rule it reads) */
    const char **why = calloc((size_t)(rs->n ? rs->n : 1), sizeof *why);
    int *via = calloc((size_t)(rs->n ? rs->n : 1), sizeof *via);
    if (!why || !via) {
        free(why);
        free(via);
        tp_buf_printf(errors, "out of memory checking the unsure reasons\n");
        return 1;
    }
    for (int i = 0; i < rs->n; i++)
        if (!rs->rules[i].table) {
            why[i] = reads_unsure(kb, &rs->rules[i]);
            via[i] = -1;
        }
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < rs->n; i++) {
            const tp_rule_desc *r = &rs->rules[i];
            for (int n = 0; !why[i] && !r->table && n < r->nneeds; n++)
                for (int k = 0; !why[i] && !r->needs[n].negated && k < rs->n; k++)
                    if (why[k] && k != i && !rs->rules[k].table &&
                        makes_need(&rs->rules[k], &r->needs[n])) {
                        why[i] = rs->rules[k].name;
                        via[i] = k;
                        changed = 1;
                    }
        }
    }
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        if (!why[i] || !makes_conclusion(r) || tp_kb_text(kb, UNSURE_KIND, r->name))
            continue;
        rule_where(r, kb, at, sizeof at);
        tp_buf_printf(errors,
                      "%s: %s %s can conclude from an answer \"unsure\" (%s %s) but has no "
                      "reason for it: add (text (kind %s) (id %s) (text \"...\")) to "
                      "facts/unsure-reasons.clp, saying the person was not sure and it is read "
                      "the cautious way, never stating the answer (docs/rules.md)\n",
                      at, r->row ? "row" : "rule", r->name,
                      via[i] < 0 ? "question" : "it reads what rule", why[i], UNSURE_KIND, r->name);
        bad++;
    }
    for (int t = 0; t < kb->ntexts; t++) {
        const tp_text *x = &kb->texts[t];
        if (strcmp(x->kind, UNSURE_KIND) != 0)
            continue;
        int found = -1;
        for (int i = 0; i < rs->n && found < 0; i++)
            if (strcmp(rs->rules[i].name, x->id) == 0)
                found = i;
        if (found >= 0 && why[found])
            continue;
        tp_fact_where(kb, "text", UNSURE_KIND, x->id, at, sizeof at);
        if (notes && found < 0)
            tp_buf_printf(notes,
                          "%s: text %s %s names no rule and no row of the flag table, so it is "
                          "never shown\n",
                          at, UNSURE_KIND, x->id);
        else if (notes)
            tp_buf_printf(notes,
                          "%s: text %s %s: rule %s never rests on an answer \"unsure\", so the "
                          "text is never shown\n",
                          at, UNSURE_KIND, x->id, x->id);
    }
    free(why);
    free(via);
    return bad;
}
