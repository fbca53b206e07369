/* judge.c: the ask-answer loop around the engine, and reading results. */
#include "judge.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the knowledge base says about a string read from a fact (a question,
 * level, source or kind id; a kind and id for a text), kept by the string's
 * address: facts hand out the same symbol again and again. Each entry keeps
 * its own copy of the strings and is used only when they still match, so an
 * address that comes to hold another string finds nothing. */
enum memo_what { MEMO_QUESTION = 1, MEMO_LEVEL, MEMO_SOURCE, MEMO_KIND, MEMO_TEXT };

struct memo {
    int what;          /* enum memo_what; 0: free */
    const char *a, *b; /* the strings asked with (b only for texts) */
    char *ca, *cb;     /* copies of them */
    const void *val;   /* the answer (NULL: none) */
    int index;         /* for a question: its index, or -1 */
};

#define MEMO_CAP 1024 /* entries (a power of 2), at most half of them used */

/* A conclusion with what orders it, worked out once. */
struct keyed {
    int rank;          /* its kind's order */
    int is_level;      /* its kind is level */
    int level;         /* the rank of the level its id names, or 99 */
    int text;          /* its text's place in the kb */
    tp_conclusion *c;  /* the conclusion */
    const char *shown; /* the reason shown when not the rule's own, or NULL */
};

struct tp_judge {
    const tp_kb *kb;                /* questions, texts, levels */
    tp_engine *e;                   /* the engine, loaded with kb */
    tp_arena arena;                 /* strings of the current result */
    unsigned char *answered;        /* per question: has an answer fact */
    const tp_question **unanswered; /* questions marked unanswered, in order */
    int nunanswered;                /* how many */
    tp_conclusion *items;           /* conclusions being collected */
    int nitems, icap;               /* count and capacity */
    struct keyed *keys;             /* per conclusion collected: what orders it */
    struct memo *memo;              /* kb lookups by strings read from facts */
    int nmemo;                      /* entries in use */
    struct memo spare;              /* the answer when the memo is full */
    long firings;                   /* firings for the current case */
    tp_fact **held;                 /* per question: its answer fact in the engine */
    tp_answer *held_ans;            /* per question: that fact's values */
    int *want;                      /* per question: its answer's index in the case */
    char **held_text;               /* per question: its held answer as text, or NULL */
};

tp_judge *tp_judge_new(const tp_kb *kb, tp_engine *e)
{
    tp_judge *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->kb = kb;
    j->e = e;
    j->answered = tp_xmalloc((size_t)kb->nquestions);
    j->held = calloc((size_t)kb->nquestions, sizeof *j->held);
    j->held_ans = tp_xmalloc((size_t)kb->nquestions * sizeof *j->held_ans);
    j->want = tp_xmalloc((size_t)kb->nquestions * sizeof *j->want);
    j->unanswered = tp_xmalloc((size_t)kb->nquestions * sizeof *j->unanswered);
    j->held_text = calloc((size_t)kb->nquestions, sizeof *j->held_text);
    j->memo = calloc(MEMO_CAP, sizeof *j->memo);
    if (!j->held || !j->held_text || !j->memo) {
        tp_judge_free(j);
        return NULL;
    }
    return j;
}

void tp_judge_free(tp_judge *j)
{
    if (!j)
        return;
    tp_arena_free(&j->arena);
    free(j->answered);
    free(j->held);
    free(j->held_ans);
    free(j->want);
    free(j->unanswered);
    free(j->items);
    free(j->keys);
    if (j->held_text)
        for (int q = 0; q < j->kb->nquestions; q++)
            free(j->held_text[q]);
    free(j->held_text);
    if (j->memo)
        for (int i = 0; i < MEMO_CAP; i++) {
            free(j->memo[i].ca);
            free(j->memo[i].cb);
        }
    free(j->memo);
    free(j);
}

tp_engine *tp_judge_engine(tp_judge *j)
{
    return j->e;
}

/* Looks up what a string (and, for a text, a second one) means in the kb,
 * through the memo. */
static const struct memo *memo_get(tp_judge *j, enum memo_what what, const char *a, const char *b)
{
    size_t h = ((size_t)(uintptr_t)a >> 3) * 31 + ((size_t)(uintptr_t)b >> 3) + (size_t)what;
    h &= MEMO_CAP - 1;
    for (;; h = (h + 1) & (MEMO_CAP - 1)) {
        struct memo *m = &j->memo[h];
        if (!m->what)
            break;
        if (m->what == (int)what && m->a == a && m->b == b && strcmp(m->ca, a) == 0 &&
            (!b || strcmp(m->cb, b) == 0))
            return m;
    }
    struct memo *m = &j->spare; /* when the memo is full: read at once by the caller */
    char *ca = NULL, *cb = NULL;
    if (j->nmemo < MEMO_CAP / 2) {
        ca = strdup(a);
        cb = b ? strdup(b) : NULL;
        if (ca && (cb || !b))
            m = &j->memo[h];
    }
    if (m == &j->spare) {
        free(ca);
        free(cb);
        ca = cb = NULL;
    } else {
        j->nmemo++;
    }
    m->what = (int)what;
    m->a = a;
    m->b = b;
    m->ca = ca;
    m->cb = cb;
    m->val = NULL;
    m->index = -1;
    switch (what) {
    case MEMO_QUESTION:
        m->index = tp_kb_question_index(j->kb, a);
        break;
    case MEMO_LEVEL:
        m->val = tp_kb_level(j->kb, a);
        break;
    case MEMO_SOURCE:
        m->val = tp_kb_source(j->kb, a);
        break;
    case MEMO_KIND:
        m->val = tp_kb_kind(j->kb, a);
        break;
    case MEMO_TEXT:
        m->val = tp_kb_text(j->kb, a, b);
        break;
    }
    return m;
}

/* Question index of an id symbol read from a fact. */
static int question_of(tp_judge *j, const char *sym)
{
    return memo_get(j, MEMO_QUESTION, sym, NULL)->index;
}

static const tp_level *level_of(tp_judge *j, const char *sym)
{
    return memo_get(j, MEMO_LEVEL, sym, NULL)->val;
}

/* Forgets the answers held in the engine (after the engine dropped them). */
static void drop_held(tp_judge *j)
{
    memset(j->held, 0, (size_t)j->kb->nquestions * sizeof *j->held);
}

static int run(tp_judge *j, tp_error *err)
{
    char msg[600];
    long n = tp_engine_run(j->e, TP_FIRING_LIMIT, msg, sizeof msg);
    if (n < 0) {
        tp_error_set(err, "%s", msg);
        /* leave a clean engine for the next case */
        tp_engine_clear_case(j->e);
        tp_engine_reset(j->e);
        drop_held(j);
        return -1;
    }
    j->firings += n;
    return 0;
}

static int same_answer(const tp_answer *a, const tp_answer *b)
{
    if (a->nvals != b->nvals)
        return 0;
    for (int i = 0; i < a->nvals; i++)
        if (a->vals[i].sym != b->vals[i].sym ||
            (!a->vals[i].sym && a->vals[i].num != b->vals[i].num))
            return 0;
    return 1;
}

/* Asserts an answer and holds it under its question. */
static int hold(tp_judge *j, const tp_answer *a, tp_error *err)
{
    const tp_question *q = &j->kb->questions[a->q];
    tp_fact *f = tp_engine_answer(j->e, q->id, a->vals, a->nvals);
    if (!f) {
        tp_error_set(err, "the rule engine refused the answer to %s", q->id);
        return -1;
    }
    j->held[a->q] = f;
    j->held_ans[a->q] = *a;
    free(j->held_text[a->q]);
    j->held_text[a->q] = NULL;
    return 0;
}

/* Answers stay in the engine from one case to the next: only those that
 * changed, and the last case's unanswered marks, are retracted, and only the
 * new ones asserted. Every rule rests on answers through (logical ...), so
 * working memory ends as it would after clearing everything, with far less
 * work for a run of similar cases (and for a session's next answer). */
int tp_judge_start(tp_judge *j, const tp_case *c, tp_error *err)
{
    int nq = j->kb->nquestions;
    memset(j->answered, 0, (size_t)nq);
    j->nunanswered = 0;
    j->firings = 0;
    for (int q = 0; q < nq; q++)
        j->want[q] = -1;
    for (int i = 0; i < c->nanswers; i++)
        j->want[c->answers[i].q] = i;
    for (int q = 0; q < nq; q++)
        if (j->held[q] &&
            (j->want[q] < 0 || !same_answer(&j->held_ans[q], &c->answers[j->want[q]]))) {
            tp_engine_forget(j->e, j->held[q]);
            j->held[q] = NULL;
        }
    for (int i = 0; i < c->nanswers; i++) {
        const tp_answer *a = &c->answers[i];
        j->answered[a->q] = 1;
        if (!j->held[a->q] && hold(j, a, err) != 0) {
            tp_engine_clear_case(j->e);
            drop_held(j);
            return -1;
        }
    }
    return run(j, err);
}

struct pending {
    tp_judge *j;             /* the judge */
    const tp_question *best; /* lowest order so far */
    const tp_question *want; /* when set: is this one asked? */
    int found;               /* want was found */
};

static int find_pending(void *ud, tp_fact *f)
{
    struct pending *p = ud;
    const char *sym = tp_fact_str(p->j->e, f, "question");
    int q = sym ? question_of(p->j, sym) : -1;
    if (q < 0)
        return 0;
    const tp_question *qq = &p->j->kb->questions[q];
    if (p->want) {
        p->found = qq == p->want;
        return p->found;
    }
    if (!p->j->answered[q] && (!p->best || qq->order < p->best->order))
        p->best = qq;
    return 0;
}

const tp_question *tp_judge_next(tp_judge *j)
{
    struct pending p = {j, NULL, NULL, 0};
    tp_engine_each(j->e, "ask", find_pending, &p);
    return p.best;
}

int tp_judge_asked(tp_judge *j, const tp_question *q)
{
    struct pending p = {j, NULL, q, 0};
    tp_engine_each(j->e, "ask", find_pending, &p);
    return p.found;
}

int tp_judge_skip(tp_judge *j, const tp_question *q, tp_error *err)
{
    tp_answer a;
    a.q = (int)(q - j->kb->questions);
    a.vals[0].sym = "unanswered";
    a.vals[0].num = 0;
    a.nvals = 1;
    a.line = 0;
    if (hold(j, &a, err) != 0)
        return -1;
    j->answered[a.q] = 1;
    j->unanswered[j->nunanswered++] = q;
    return run(j, err);
}

int tp_judge_finish(tp_judge *j, tp_error *err)
{
    const tp_question *q;
    while ((q = tp_judge_next(j)) != NULL)
        if (tp_judge_skip(j, q, err) != 0)
            return -1;
    return 0;
}

/* ---- collecting -------------------------------------------------------------- */

struct because_walk {
    tp_judge *j;              /* the judge */
    tp_because buf[64];       /* answers found */
    int order[64];            /* their questions' order */
    int n;                    /* how many */
    const tp_level *at_level; /* the level it needed, if it rests on one */
};

static int add_because(void *ud, tp_fact *f)
{
    struct because_walk *w = ud;
    tp_judge *j = w->j;
    const char *tmpl = tp_fact_template(j->e, f);
    if (strcmp(tmpl, "disposition") == 0) {
        const char *l = tp_fact_str(j->e, f, "level");
        w->at_level = l ? level_of(j, l) : NULL;
        return 0;
    }
    if (strcmp(tmpl, "answer") != 0 || w->n == 64)
        return 0;
    const char *sym = tp_fact_str(j->e, f, "question");
    int q = sym ? question_of(j, sym) : -1;
    if (q < 0)
        return 0;
    /* the text of an answer held in the engine is made once while held */
    const char *text = j->held[q] == f ? j->held_text[q] : NULL;
    char buf[512];
    if (!text) {
        tp_answer a;
        a.nvals = tp_fact_values(j->e, f, "value", a.vals, TP_MAX_VALUES);
        if (a.nvals > TP_MAX_VALUES)
            a.nvals = TP_MAX_VALUES;
        tp_answer_format(&a, buf, sizeof buf);
        text = buf;
        if (j->held[q] == f)
            j->held_text[q] = strdup(buf);
    }
    w->buf[w->n].question = j->kb->questions[q].id;
    w->buf[w->n].answer = tp_arena_strdup(&j->arena, text);
    w->order[w->n] = j->kb->questions[q].order;
    w->n++;
    return 0;
}

static const char *copy_str(tp_judge *j, const char *s)
{
    return tp_arena_strdup(&j->arena, s ? s : "");
}

/* Sorts answers by their questions' order, keeping found order among equals. */
static void sort_because(struct because_walk *w)
{
    for (int i = 1; i < w->n; i++) {
        tp_because b = w->buf[i];
        int o = w->order[i], k = i;
        for (; k > 0 && w->order[k - 1] > o; k--) {
            w->buf[k] = w->buf[k - 1];
            w->order[k] = w->order[k - 1];
        }
        w->buf[k] = b;
        w->order[k] = o;
    }
}

static int text_index(const tp_kb *kb, const tp_text *t)
{
    return t ? (int)(t - kb->texts) : kb->ntexts;
}

static int collect_one(void *ud, tp_fact *f)
{
    tp_judge *j = ud;
    if (j->nitems == j->icap) {
        j->icap = j->icap ? j->icap * 2 : 32;
        j->items = tp_xrealloc(j->items, (size_t)j->icap * sizeof *j->items);
        j->keys = tp_xrealloc(j->keys, (size_t)j->icap * sizeof *j->keys);
    }
    struct keyed *key = &j->keys[j->nitems];
    tp_conclusion *c = &j->items[j->nitems++];
    const char *kind = tp_fact_str(j->e, f, "kind");
    const char *id = tp_fact_str(j->e, f, "id");
    const char *source = tp_fact_str(j->e, f, "source");
    c->kind = copy_str(j, kind);
    c->id = copy_str(j, id);
    const char *rule = tp_fact_str(j->e, f, "rule");
    c->rule = copy_str(j, rule);
    c->reason = copy_str(j, tp_fact_str(j->e, f, "reason"));
    c->source_id = copy_str(j, source);
    c->source = memo_get(j, MEMO_SOURCE, source ? source : "", NULL)->val;
    key->is_level = strcmp(c->kind, "level") == 0;
    c->text = key->is_level ? NULL : memo_get(j, MEMO_TEXT, kind ? kind : "", id ? id : "")->val;
    /* what orders it, looked up by the strings the fact holds */
    const tp_kind *kd = memo_get(j, MEMO_KIND, kind ? kind : "", NULL)->val;
    const tp_level *l = level_of(j, id ? id : "");
    key->rank = kd ? kd->order : 1 << 20;
    key->level = l ? l->rank : 99;
    key->text = text_index(j->kb, c->text);
    struct because_walk w;
    w.j = j;
    w.n = 0;
    w.at_level = NULL;
    /* the level's own reasons are explained with the level: stop there */
    tp_engine_support(j->e, f, "disposition", add_because, &w);
    c->at_level = w.at_level;
    sort_because(&w);
    c->because = tp_arena_alloc(&j->arena, (size_t)(w.n ? w.n : 1) * sizeof *c->because);
    memcpy(c->because, w.buf, (size_t)w.n * sizeof *c->because);
    c->nbecause = w.n;
    /* resting on an answer "unsure": the reason the knowledge base gives for
     * that case, which says so, instead of one that states the answer
     * (text kind unsure-reason, by rule; check requires one wherever a rule
     * can rest on unsure); put in after sorting, which keeps the order the
     * rule's own reason gives */
    key->shown = NULL;
    for (int k = 0; k < w.n; k++)
        if (strcmp(w.buf[k].answer, "unsure") == 0) {
            const tp_text *u = memo_get(j, MEMO_TEXT, "unsure-reason", rule ? rule : "")->val;
            key->shown = u ? u->text : NULL;
            break;
        }
    return 0;
}

/* The output order: kind, then level rank or text order, then id, rule,
 * reason and the answers it rests on (a total order: the same answers give
 * the same output whatever came before). */
static int by_output_order(const struct keyed *kx, const struct keyed *ky)
{
    int d = kx->rank - ky->rank;
    if (d)
        return d;
    if (kx->is_level)
        d = kx->level - ky->level;
    else
        d = kx->text - ky->text;
    if (d)
        return d;
    const tp_conclusion *x = kx->c, *y = ky->c;
    if ((d = strcmp(x->id, y->id)) != 0 || (d = strcmp(x->rule, y->rule)) != 0 ||
        (d = strcmp(x->reason, y->reason)) != 0)
        return d;
    for (int k = 0; k < x->nbecause && k < y->nbecause; k++)
        if ((d = strcmp(x->because[k].question, y->because[k].question)) != 0 ||
            (d = strcmp(x->because[k].answer, y->because[k].answer)) != 0)
            return d;
    return x->nbecause - y->nbecause;
}

static int by_output_order_r(const void *a, const void *b, void *ud)
{
    (void)ud;
    return by_output_order(a, b);
}

/* Sorts the conclusions into output order, by their keys, and puts in the
 * reason shown where it is not the rule's own (keyed->shown). */
static void sort_items(tp_judge *j)
{
    int n = j->nitems;
    if (n < 1)
        return;
    struct keyed *k = j->keys;
    for (int i = 0; i < n; i++)
        k[i].c = &j->items[i];
    if (n > 1)
        qsort_r(k, (size_t)n, sizeof *k, by_output_order_r, NULL);
    tp_conclusion *sorted = tp_arena_alloc(&j->arena, (size_t)n * sizeof *sorted);
    for (int i = 0; i < n; i++) {
        sorted[i] = *k[i].c;
        if (k[i].shown)
            sorted[i].reason = k[i].shown;
    }
    memcpy(j->items, sorted, (size_t)n * sizeof *sorted);
}

static int read_disposition(void *ud, tp_fact *f)
{
    void **out = ud;
    tp_judge *j = out[0];
    const char *l = tp_fact_str(j->e, f, "level");
    const tp_level *lv = l ? level_of(j, l) : NULL;
    const tp_level *cur = out[1];
    if (lv && (!cur || lv->rank < cur->rank))
        out[1] = (void *)lv;
    return 0;
}

const tp_level *tp_judge_level(tp_judge *j)
{
    void *d[2] = {j, NULL};
    tp_engine_each(j->e, "disposition", read_disposition, d);
    return d[1];
}

int tp_judge_collect(tp_judge *j, tp_result *r)
{
    tp_arena_reset(&j->arena);
    j->nitems = 0;
    tp_engine_each(j->e, "conclusion", collect_one, j);
    sort_items(j);
    const tp_level *level = tp_judge_level(j);
    memset(r, 0, sizeof *r);
    r->level = level;
    r->items = j->items;
    r->nitems = j->nitems;
    r->unanswered = j->unanswered;
    r->nunanswered = j->nunanswered;
    r->firings = j->firings;
    r->stop_pressing = tp_result_find(r, "stop-pressing", "stop_pressing") != NULL;
    return 0;
}

int tp_judge_case(tp_judge *j, const tp_case *c, tp_result *r, tp_error *err)
{
    if (tp_judge_start(j, c, err) != 0 || tp_judge_finish(j, err) != 0)
        return -1;
    return tp_judge_collect(j, r);
}

void tp_result_copy(const tp_result *r, tp_result *out, tp_arena *a)
{
    *out = *r;
    out->items = tp_arena_alloc(a, (size_t)(r->nitems ? r->nitems : 1) * sizeof *out->items);
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        tp_conclusion *d = &out->items[i];
        *d = *c;
        d->kind = tp_arena_strdup(a, c->kind);
        d->id = tp_arena_strdup(a, c->id);
        d->rule = tp_arena_strdup(a, c->rule);
        d->reason = tp_arena_strdup(a, c->reason);
        d->source_id = tp_arena_strdup(a, c->source_id);
        d->because =
            tp_arena_alloc(a, (size_t)(c->nbecause ? c->nbecause : 1) * sizeof *d->because);
        for (int k = 0; k < c->nbecause; k++) {
            d->because[k].question = c->because[k].question;
            d->because[k].answer = tp_arena_strdup(a, c->because[k].answer);
        }
    }
    out->unanswered =
        tp_arena_alloc(a, (size_t)(r->nunanswered ? r->nunanswered : 1) * sizeof *out->unanswered);
    memcpy((void *)out->unanswered, r->unanswered, (size_t)r->nunanswered * sizeof *r->unanswered);
}

/* ---- results ------------------------------------------------------------------ */

const tp_conclusion *tp_result_find(const tp_result *r, const char *kind, const char *id)
{
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].kind, kind) == 0 && strcmp(r->items[i].id, id) == 0)
            return &r->items[i];
    return NULL;
}

static int has_id(const tp_result *r, const char *kind, const char *id)
{
    if (strcmp(kind, "level") == 0)
        return r->level && strcmp(r->level->id, id) == 0;
    if (strcmp(kind, "stop-pressing") == 0)
        return (strcmp(id, "yes") == 0) == (r->stop_pressing != 0);
    if (strcmp(kind, "unanswered") == 0) {
        for (int i = 0; i < r->nunanswered; i++)
            if (strcmp(r->unanswered[i]->id, id) == 0)
                return 1;
        return 0;
    }
    return tp_result_find(r, kind, id) != NULL;
}

static void list_ids(const tp_result *r, const char *kind, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    if (strcmp(kind, "level") == 0) {
        snprintf(out, outlen, "%s", r->level ? r->level->id : "none");
        return;
    }
    if (strcmp(kind, "stop-pressing") == 0) {
        snprintf(out, outlen, "%s", r->stop_pressing ? "yes" : "no");
        return;
    }
    const char *last = "";
    for (int i = 0; i < r->nitems && used < outlen; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, kind) != 0 || strcmp(c->id, last) == 0)
            continue;
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", c->id);
        last = c->id;
    }
    if (strcmp(kind, "unanswered") == 0)
        for (int i = 0; i < r->nunanswered && used < outlen; i++)
            used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? ", " : "",
                                     r->unanswered[i]->id);
    if (used == 0)
        snprintf(out, outlen, "none");
}

int tp_result_check(const tp_kb *kb, const tp_case *c, const tp_result *r, tp_buf *out)
{
    int bad = 0;
    for (int i = 0; i < c->nexpects; i++) {
        const tp_expect *x = &c->expects[i];
        const char *kind = tp_expect_kind(kb, x->field);
        int ok;
        if (x->op == TP_EXPECT_GE) {
            const tp_level *want = tp_kb_level(kb, x->id);
            ok = r->level && want && r->level->rank <= want->rank;
        } else {
            ok = has_id(r, kind, x->id) == (x->op == TP_EXPECT_EQ);
        }
        if (ok)
            continue;
        bad++;
        char got[1024];
        list_ids(r, kind, got, sizeof got);
        static const char *const ops[] = {"=", "!=", ">="};
        tp_buf_printf(out, "%s:%d: expected %s %s %s, got %s\n", c->name, x->line, x->field,
                      ops[x->op], x->id, got);
    }
    return bad;
}
