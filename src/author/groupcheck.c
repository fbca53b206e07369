/* groupcheck.c: checking the question groups (see groupcheck.h). */
#include "groupcheck.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int tp_groups_static(const tp_kb *kb, tp_buf *errors, tp_buf *notes)
{
    int bad = 0;
    char at[PATH_MAX + 32];
    for (int g = 0; g < kb->ngroups; g++) {
        const tp_group *gr = &kb->groups[g];
        if (gr->nmembers == 0 || !*gr->prompt) {
            tp_kb_fact_where(kb, "question-group", gr->id, NULL, at, sizeof at);
            tp_buf_printf(errors, "%s: group %s has no %s\n", at, gr->id,
                          gr->nmembers ? "prompt" : "members");
            bad++;
        }
        for (int i = 0; i < gr->nmembers; i++) {
            const tp_question *q = &kb->questions[gr->members[i]];
            if (tp_group_fits(q))
                continue;
            tp_kb_fact_where(kb, "question-group", gr->id, q->id, at, sizeof at);
            tp_buf_printf(errors,
                          "%s: group %s lists %s, which is not a yes/no question (a checklist "
                          "item is chosen or not: yes or no, perhaps unsure); take it out of "
                          "the group so that it is asked on its own\n",
                          at, gr->id, q->id);
            bad++;
        }
    }
    if (kb->ngroups == 0)
        return bad; /* no groups: every question is asked on its own */
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        if (!tp_group_fits(q) || kb->group_of[i] != -1 || (kb->alone_why && kb->alone_why[i]))
            continue;
        /* a note: asked on its own, it is asked as plainly as can be; a new
         * flag is a question, a row, a text and a case */
        tp_kb_fact_where(kb, "question", q->id, NULL, at, sizeof at);
        tp_buf_printf(notes,
                      "%s: %squestion %s is in no group, yet it fits a checklist (yes or no): "
                      "add it to a group in facts/groups.clp, or say why it is asked on its own "
                      "in an ask-alone fact there\n",
                      at, q->safety ? "safety " : "", q->id);
    }
    return bad;
}

/* ---- key terms: a checklist line as wide as its question ---------------------- */

struct terms_walk {
    const tp_kb *kb;
    tp_triage *t;
    tp_buf *errors;
    int bad;
    char *listed; /* per question index: key terms listed */
};

/* Whether text holds term, without regard to case. */
static int says(const char *text, const char *term)
{
    size_t n = strlen(term);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, term, n) == 0)
            return 1;
    return 0;
}

/* Where "(TMPL (question QID)" first appears, as "file:line" (the facts
 * folder when nowhere). */
static void question_fact_where(const tp_kb *kb, const char *tmpl, const char *qid, char *out,
                                size_t len)
{
    char needle[256];
    snprintf(needle, sizeof needle, "(%s (question %s)", tmpl, qid);
    for (int f = 0; f < kb->nfiles; f++) {
        const char *t = kb->files[f].text, *at = strstr(t, needle);
        if (!at)
            continue;
        int line = 1;
        for (const char *k = t; k < at; k++)
            line += *k == '\n';
        snprintf(out, len, "%s:%d", kb->files[f].path, line);
        return;
    }
    snprintf(out, len, "%s/facts", kb->dir);
}

static int check_terms(void *ud, tp_fact *f)
{
    struct terms_walk *w = ud;
    const char *qid = tp_triage_fact_str(w->t, f, "question");
    char at[PATH_MAX + 32];
    const tp_question *q = qid ? tp_kb_question(w->kb, qid) : NULL;
    if (!q) {
        question_fact_where(w->kb, "key-terms", qid ? qid : "", at, sizeof at);
        tp_buf_printf(w->errors, "%s: key-terms for %s, which is no question\n", at,
                      qid ? qid : "(none)");
        w->bad++;
        return 0;
    }
    int qi = (int)(q - w->kb->questions);
    w->listed[qi] = 1;
    const tp_group *g = tp_kb_group_of(w->kb, qi);
    const char *line = NULL;
    for (int i = 0; g && i < g->nmembers && !line; i++)
        if (g->members[i] == qi)
            line = g->items[i];
    tp_value terms[TP_MAX_VALUES];
    int n = tp_triage_fact_values(w->t, f, "terms", terms, TP_MAX_VALUES);
    n = n > TP_MAX_VALUES ? TP_MAX_VALUES : n;
    for (int i = 0; i < n; i++) {
        const char *t = terms[i].sym;
        if (!t)
            continue;
        if (!says(q->text, t)) {
            question_fact_where(w->kb, "key-terms", qid, at, sizeof at);
            tp_buf_printf(w->errors,
                          "%s: key term \"%s\" of %s is not in the question's text: list the "
                          "words the question says\n",
                          at, t, qid);
            w->bad++;
        } else if (line && *line && !says(line, t)) {
            question_fact_where(w->kb, "group-item", qid, at, sizeof at);
            tp_buf_printf(w->errors,
                          "%s: the checklist line of %s leaves out \"%s\", which the question "
                          "asks: a person ticking the line would not be asked it; add it to the "
                          "line (facts/groups.clp)\n",
                          at, qid, t);
            w->bad++;
        }
    }
    return 0;
}

int tp_groups_key_terms(tp_triage *t, tp_buf *errors)
{
    const tp_kb *kb = tp_triage_kb(t);
    struct terms_walk w = {kb, t, errors, 0, NULL};
    w.listed = tp_xmalloc((size_t)(kb->nquestions ? kb->nquestions : 1));
    memset(w.listed, 0, (size_t)(kb->nquestions ? kb->nquestions : 1));
    tp_triage_each(t, "key-terms", check_terms, &w);
    char at[PATH_MAX + 32];
    for (int g = 0; g < kb->ngroups; g++)
        for (int i = 0; i < kb->groups[g].nmembers; i++) {
            int qi = kb->groups[g].members[i];
            if (w.listed[qi] || !kb->groups[g].items[i] || !*kb->groups[g].items[i])
                continue;
            question_fact_where(kb, "group-item", kb->questions[qi].id, at, sizeof at);
            tp_buf_printf(errors,
                          "%s: the checklist line of %s has no key-terms fact: list the signs "
                          "its question asks (facts/groups.clp), so that check can tell the "
                          "line leaves none out\n",
                          at, kb->questions[qi].id);
            w.bad++;
        }
    free(w.listed);
    return w.bad;
}

/* ---- the interview, remembered ------------------------------------------------- */

#define MEMO_MAX (1 << 19) /* entries kept before the memo starts again */

typedef struct {
    const char *key;         /* mode, then (question, answer address) per answer given */
    size_t len;              /* its length */
    int n;                   /* questions asked next; 0: none, the interview is over */
    int *q;                  /* their indexes (in the arena) */
    const tp_result *result; /* for a judgement: the result */
} memo_entry;

struct tp_interview_memo {
    memo_entry *slots; /* open addressing, a power of two */
    size_t cap;        /* slots */
    size_t used;       /* filled */
    tp_arena arena;    /* keys and results */
    long reused;       /* steps found */
    long judged;       /* steps run */
};

tp_interview_memo *tp_interview_memo_new(void)
{
    tp_interview_memo *m = tp_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    return m;
}

void tp_interview_memo_free(tp_interview_memo *m)
{
    if (!m)
        return;
    free(m->slots);
    tp_arena_free(&m->arena);
    free(m);
}

void tp_interview_memo_trim(tp_interview_memo *m)
{
    if (m->used < MEMO_MAX)
        return;
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->used = 0;
    tp_arena_reset(&m->arena);
}

void tp_interview_memo_counts(const tp_interview_memo *m, long *reused, long *judged)
{
    *reused = m ? m->reused : 0;
    *judged = m ? m->judged : 0;
}

static memo_entry *memo_slot(tp_interview_memo *m, const tp_buf *key)
{
    if (m->used * 2 >= m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 4096;
        memo_entry *old = m->slots;
        size_t ocap = m->cap;
        m->slots = tp_xmalloc(cap * sizeof *m->slots);
        memset(m->slots, 0, cap * sizeof *m->slots);
        m->cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].key) {
                size_t h = (size_t)tp_hash(TP_HASH_INIT, old[i].key, old[i].len) & (cap - 1);
                while (m->slots[h].key)
                    h = (h + 1) & (cap - 1);
                m->slots[h] = old[i];
            }
        free(old);
    }
    size_t h = (size_t)tp_hash(TP_HASH_INIT, key->data, key->len) & (m->cap - 1);
    while (m->slots[h].key &&
           (m->slots[h].len != key->len || memcmp(m->slots[h].key, key->data, key->len) != 0))
        h = (h + 1) & (m->cap - 1);
    return &m->slots[h];
}

static memo_entry *memo_fill(tp_interview_memo *m, memo_entry *e, const tp_buf *key)
{
    char *k = tp_arena_alloc(&m->arena, key->len ? key->len : 1);
    memcpy(k, key->data, key->len);
    e->key = k;
    e->len = key->len;
    m->used++;
    return e;
}

static void key_add(tp_buf *key, int q, const tp_answer *a)
{
    tp_buf_add(key, (const char *)&q, sizeof q);
    tp_buf_add(key, (const char *)&a, sizeof a);
}

/* The next step after the answers in c: the questions asked next (n of
 * them into members), from the memo or the rules. */
static int next_step(const tp_kb *kb, tp_triage *t, tp_interview_memo *m, tp_buf *key, int grouped,
                     const tp_case *c, int *members, tp_error *err)
{
    key->data[0] = grouped ? 'G' : 'O';
    memo_entry *e = memo_slot(m, key);
    if (e->key) {
        m->reused++;
        memcpy(members, e->q, (size_t)e->n * sizeof *members);
        return e->n;
    }
    m->judged++;
    tp_step st;
    if (tp_triage_step(t, c, TP_STEP_NEXT_ONLY | (grouped ? TP_STEP_GROUPED : 0), NULL, &st, err) !=
        0)
        return -1;
    int n = st.nitems;
    memcpy(members, st.items, (size_t)n * sizeof *members);
    if (st.next && n == 0) {
        members[0] = (int)(st.next - kb->questions);
        n = 1;
    }
    memo_fill(m, e, key);
    e->n = n;
    e->q = tp_arena_alloc(&m->arena, (size_t)(n ? n : 1) * sizeof *members);
    memcpy(e->q, members, (size_t)n * sizeof *members);
    return n;
}

/* The judgement of the answers in c, from the memo or the judge. */
static int judge_end(tp_triage *t, tp_interview_memo *m, tp_buf *key, const tp_case *c,
                     const tp_result **r, tp_error *err)
{
    key->data[0] = 'R';
    memo_entry *e = memo_slot(m, key);
    if (e->key) {
        m->reused++;
        *r = e->result;
        return 0;
    }
    m->judged++;
    tp_result now;
    if (tp_triage_case(t, c, &now, err) != 0)
        return -1;
    tp_result *copy = tp_arena_alloc(&m->arena, sizeof *copy);
    tp_result_copy(&now, copy, &m->arena);
    memo_fill(m, e, key);
    e->result = copy;
    *r = copy;
    return 0;
}

int tp_interview_run(tp_triage *t, tp_interview_memo *m, const tp_answer *const *oracle,
                     int grouped, tp_case *c, const tp_result **r, int *stopped, tp_error *err)
{
    const tp_kb *kb = tp_triage_kb(t);
    *stopped = 0;
    int members[TP_GROUP_MAX];
    tp_buf key = {0};
    tp_buf_add(&key, "?", 1);
    c->nanswers = 0;
    int rv = 0;
    for (int step = 0; step <= kb->nquestions; step++) {
        int n = next_step(kb, t, m, &key, grouped, c, members, err);
        if (n <= 0) {
            rv = n;
            break;
        }
        if (n > 1)
            for (int i = 0; i < n; i++)
                if (!oracle[members[i]] || oracle[members[i]]->nvals == 0) {
                    tp_buf_free(&key);
                    return 1;
                }
        int stop = 0;
        for (int i = 0; i < n && !stop; i++) {
            const tp_answer *a = oracle[members[i]];
            if (!a || a->nvals == 0) {
                stop = 1; /* the person stops here: the rest is unanswered */
                break;
            }
            tp_case_put(c, a);
            key_add(&key, members[i], a);
        }
        if (stop) {
            *stopped = 1;
            break;
        }
    }
    if (rv == 0)
        rv = judge_end(t, m, &key, c, r, err);
    tp_buf_free(&key);
    return rv;
}
