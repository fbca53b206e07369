/* verify.c: safety verification. The answer space is split in two: a few
 * flag questions are crossed with every one of their values (the most
 * urgent flags first, then the others in asking order, as many as the
 * budget allows); the other questions take the rows of a covering set
 * (every pair of their values together at least once, plus each value
 * alone against a calm baseline). Every combination is judged and checked
 * against the invariants documented in docs/rules.md. */
#include "verify.h"

#include "compare.h"
#include "groupcheck.h"
#include "pool.h"
#include "ruleinfo.h"
#include "triage.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_DOMAIN 32    /* values tried per question */
#define REVERSE_EVERY 64 /* combinations between order-reversal re-judgements */
#define FLIP_EVERY 4     /* combinations between one-flag-added re-judgements */
#define MAX_LISTED 64    /* distinct violations listed per worker (each once) */
#define UNSURE_EVERY 8   /* combinations between answer-made-unsure re-judgements */

/* One question's values as tried. */
typedef struct {
    int q;                      /* question index in kb */
    tp_answer vals[MAX_DOMAIN]; /* prepared answers */
    int n;                      /* how many */
    int calm;                   /* index of the value "no", -1 if none */
    int raises[MAX_DOMAIN];     /* per value: it raises this question's flag */
    const tp_level *flag;       /* level the flag calls for, NULL if not a flag */
    char flag_kind[64];         /* the flag's kind */
    char flag_id[128];          /* the flag's id */
    int gated;                  /* a follow-up: its flag needs another answer too (a
                                   two-answer row), judged by the row itself */
    int safety_choice;          /* a safety question answered by symbols */
} dim;

/* The verification plan and its shared results. */
typedef struct {
    const tp_kb *kb;       /* the knowledge base */
    dim *dims;             /* one per question, in kb order */
    int ndims;             /* how many */
    int *ex;               /* dims crossed with every value */
    long *stride;          /* their mixed-radix strides */
    int nex;               /* how many */
    long space;            /* product of their sizes */
    int *rows;             /* covering rows: nrows x ndims value indexes */
    int nrows;             /* how many */
    int *base;             /* the calm baseline: a value index per dim */
    long total;            /* combinations: space x nrows */
    unsigned char *ranks;  /* shared: level rank of each combination */
    const tp_level *least; /* the least urgent level */
    tp_policy policy;      /* flag levels, floors, requires, forbids, useful */
    int stop_early;        /* stop at the first violation */
    volatile long *stop;   /* shared: set at the first violation when stop_early */
    long grown;            /* the budget raised to this to cross every emergency flag */
    long needed;           /* combinations that would cross every emergency flag */
    char uncrossed[512];   /* emergency flags not crossed with every answer */
    int *witness;          /* rule-directed picks: nwitness x ndims value indexes */
    int *wunsure;          /* per witness: a dim to make unsure and compare, or -1 */
    int nwitness;          /* how many */
} plan;

/* A worker's state. */
typedef struct {
    plan *p;                  /* the plan */
    tp_triage *t;             /* its engine and judge */
    tp_triage *other;         /* a second engine and judge, for the order check */
    tp_case c;                /* the case being built */
    int *pick;                /* value index per dim */
    tp_arena arena;           /* copy of a result for comparisons */
    tp_buf out;               /* violations found */
    tp_strset seen;           /* the distinct violations listed so far */
    long violations;          /* how many */
    long extra;               /* further judgements */
    long witnessed;           /* rule-directed judgements */
    long unsured;             /* combinations judged again with an answer made unsure */
    int max_examples;         /* printed in full */
    long grouped;             /* grouped-interview comparisons made */
    long moot;                /* of them, results that differ only in what the level makes moot */
    long skipped;             /* and not made: a checklist item left unanswered */
    tp_case iv;               /* an interview's answers */
    tp_case iv_one;           /* the one-at-a-time interview's answers, kept */
    tp_interview_memo *memo;  /* interview steps already walked */
    const tp_answer **oracle; /* per question: its answer in the combination compared */
} worker;

/* Counts shared between workers and the parent. */
typedef struct {
    long violations; /* found by the worker */
    long extra;      /* further judgements */
    long witnessed;  /* rule-directed judgements */
    long unsured;    /* answer-made-unsure judgements */
    long grouped;    /* grouped-interview comparisons */
    long moot;       /* differing only in what the level makes moot */
    long skipped;    /* not comparable */
    long reused;     /* interview steps found walked */
    long walked;     /* interview steps run */
} worker_counts;

/* ---- domains ----------------------------------------------------------------------- */

/* Adds a value given as text; silently skips values the kb refuses. */
static void domain_add(dim *d, const tp_kb *kb, const char *text)
{
    if (d->n == MAX_DOMAIN)
        return;
    tp_case c;
    tp_error err = {{0}};
    tp_case_init(&c, "domain");
    if (tp_case_answer_text(&c, kb, kb->questions[d->q].id, text, 0, &err) == 0) {
        d->vals[d->n] = c.answers[0];
        d->raises[d->n] = 0;
        d->n++;
    }
    tp_case_free(&c);
}

struct numbers {
    const char *needle; /* "(question ID)" */
    long long v[64];    /* integer literals found */
    int n;              /* how many */
};

/* Collects the integers a rule reading the question compares it with. */
static int grab_numbers(void *ud, const char *name, const char *text)
{
    struct numbers *nb = ud;
    (void)name;
    if (!text || !strstr(text, nb->needle))
        return 0;
    int in_str = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            in_str = !in_str;
        if (in_str || !(p[0] == ' ' && p[1] >= '0' && p[1] <= '9'))
            continue;
        char *end;
        long long v = strtoll(p + 1, &end, 10);
        if ((*end == ')' || *end == ' ') && nb->n < 64)
            nb->v[nb->n++] = v;
    }
    return 0;
}

static int has_num(const dim *d, long long v)
{
    for (int i = 0; i < d->n; i++)
        if (!d->vals[i].vals[0].sym && d->vals[i].vals[0].num == v)
            return 1;
    return 0;
}

/* Numbers: the lowest allowed and both sides of every boundary the rules
 * compare the answer with. */
static void number_domain(dim *d, const tp_kb *kb, tp_triage *t)
{
    const tp_question *q = &kb->questions[d->q];
    struct numbers nb;
    char needle[160];
    snprintf(needle, sizeof needle, "(question %s)", q->id);
    nb.needle = needle;
    nb.n = 0;
    tp_triage_rule_texts(t, grab_numbers, &nb);
    long long cand[130];
    int nc = 0;
    cand[nc++] = q->min;
    for (int i = 0; i < nb.n; i++) {
        cand[nc++] = nb.v[i];
        cand[nc++] = nb.v[i] + 1;
    }
    for (int i = 0; i < nc; i++) {
        if (cand[i] < q->min || cand[i] > q->max || has_num(d, cand[i]))
            continue;
        char t[32];
        snprintf(t, sizeof t, "%lld", cand[i]);
        domain_add(d, kb, t);
    }
}

static void build_domain(dim *d, const tp_kb *kb, tp_triage *t)
{
    const tp_question *q = &kb->questions[d->q];
    d->calm = -1;
    if (q->kind == TP_Q_NUMBER) {
        number_domain(d, kb, t);
        return;
    }
    for (int i = 0; i < q->nvalues; i++) {
        domain_add(d, kb, q->values[i]);
        if (strcmp(q->values[i], "no") == 0)
            d->calm = d->n - 1;
    }
    if (q->kind == TP_Q_MULTI && q->nvalues > 1) {
        tp_buf all = {0};
        for (int i = 0; i < q->nvalues; i++)
            tp_buf_printf(&all, "%s%s", i ? ", " : "", q->values[i]);
        domain_add(d, kb, all.data);
        tp_buf_free(&all);
    }
    d->safety_choice = q->safety && q->kind == TP_Q_CHOICE;
    if (!q->safety && d->n < MAX_DOMAIN) { /* left out: asked, then unanswered */
        memset(&d->vals[d->n], 0, sizeof d->vals[d->n]);
        d->vals[d->n].q = d->q;
        d->raises[d->n++] = 0;
    }
}

/* Marks the values that raise a question's flag: those of the flag table's
 * row (values NULL: yes and unsure, for a flag named after its question). */
static void mark_flag(dim *d, const tp_kb *kb, const char *kind, const char *id, const tp_level *l,
                      char *const *values, int nvalues)
{
    if (!l || kb->questions[d->q].kind != TP_Q_CHOICE)
        return;
    if (d->flag && d->flag->rank <= l->rank)
        return; /* keep the most urgent flag of this question */
    d->flag = l;
    snprintf(d->flag_kind, sizeof d->flag_kind, "%s", kind);
    snprintf(d->flag_id, sizeof d->flag_id, "%s", id);
    for (int i = 0; i < d->n; i++) {
        const char *s = d->vals[i].vals[0].sym;
        d->raises[i] = 0;
        for (int k = 0; s && values && k < nvalues; k++)
            d->raises[i] |= strcmp(s, values[k]) == 0;
        if (!values)
            d->raises[i] = s && (strcmp(s, "yes") == 0 || strcmp(s, "unsure") == 0);
    }
}

static int raised(const dim *d, int v)
{
    return d->flag && d->raises[v];
}

/* ---- covering rows ------------------------------------------------------------------ */

/* The uncovered pairs of values of the covering dims. */
typedef struct {
    const int *cols;      /* dims in the covering set */
    const int *size;      /* their domain sizes */
    int m;                /* how many */
    unsigned char **bits; /* per column pair (a < b): size[a] x size[b] flags */
    long left;            /* pairs still uncovered */
} pairs;

static unsigned char *pair_bits(pairs *ps, int a, int b)
{
    return ps->bits[a * ps->m + b];
}

static void pairs_init(pairs *ps, const int *cols, const int *size, int m)
{
    ps->cols = cols;
    ps->size = size;
    ps->m = m;
    ps->left = 0;
    ps->bits = calloc((size_t)(m * m + 1), sizeof *ps->bits);
    for (int a = 0; a < m; a++)
        for (int b = a + 1; b < m; b++) {
            ps->bits[a * m + b] = calloc((size_t)(size[a] * size[b]), 1);
            ps->left += size[a] * size[b];
        }
}

static void pairs_free(pairs *ps)
{
    for (int i = 0; i < ps->m * ps->m; i++)
        free(ps->bits[i]);
    free(ps->bits);
}

/* Marks the pairs a row covers (row holds one value index per column). */
static void pairs_cover(pairs *ps, const int *row)
{
    for (int a = 0; a < ps->m; a++)
        for (int b = a + 1; b < ps->m; b++) {
            unsigned char *bit = &pair_bits(ps, a, b)[row[a] * ps->size[b] + row[b]];
            if (!*bit) {
                *bit = 1;
                ps->left--;
            }
        }
}

/* Uncovered pairs value v of column c would cover with columns set so far. */
static int gain(pairs *ps, const int *row, const int *set, int c, int v)
{
    int g = 0;
    for (int o = 0; o < ps->m; o++) {
        if (o == c || !set[o])
            continue;
        int a = o < c ? o : c, b = o < c ? c : o;
        int va = o < c ? row[o] : v, vb = o < c ? v : row[o];
        g += !pair_bits(ps, a, b)[va * ps->size[b] + vb];
    }
    return g;
}

/* Seeds a row with the first uncovered pair. */
static void seed_row(pairs *ps, int *row, int *set)
{
    for (int a = 0; a < ps->m; a++)
        for (int b = a + 1; b < ps->m; b++)
            for (int k = 0; k < ps->size[a] * ps->size[b]; k++)
                if (!pair_bits(ps, a, b)[k]) {
                    row[a] = k / ps->size[b];
                    row[b] = k % ps->size[b];
                    set[a] = set[b] = 1;
                    return;
                }
}

/* Greedy pairwise rows (column value indexes) appended to *rows. */
static int pairwise(const int *size, int m, int **rows)
{
    int n = 0;
    if (m == 0)
        return 0;
    pairs ps;
    pairs_init(&ps, NULL, size, m);
    int *row = tp_xmalloc((size_t)m * sizeof *row), *set = tp_xmalloc((size_t)m * sizeof *set);
    do {
        memset(set, 0, (size_t)m * sizeof *set);
        memset(row, 0, (size_t)m * sizeof *row);
        if (ps.left)
            seed_row(&ps, row, set);
        for (int c = 0; c < m; c++) {
            if (set[c])
                continue;
            int best = 0, bestg = -1;
            for (int v = 0; v < size[c]; v++) {
                int g = gain(&ps, row, set, c, v);
                if (g > bestg || (g == bestg && (n + c) % size[c] == v)) {
                    best = v;
                    bestg = g;
                }
            }
            row[c] = best;
            set[c] = 1;
        }
        pairs_cover(&ps, row);
        *rows = tp_xrealloc(*rows, (size_t)(n + 1) * (size_t)m * sizeof **rows);
        memcpy(*rows + (size_t)n * (size_t)m, row, (size_t)m * sizeof *row);
        n++;
    } while (ps.left > 0);
    free(row);
    free(set);
    pairs_free(&ps);
    return n;
}

/* Adds the baseline with every covering flag of level l raised (every
 * covering flag when l is NULL), if there is any; returns whether it did. */
static int add_raised_row(plan *p, const int *cols, int m, const tp_level *l)
{
    int *row = p->rows + (size_t)p->nrows * (size_t)p->ndims;
    memcpy(row, p->base, (size_t)p->ndims * sizeof *row);
    int any = 0;
    for (int c = 0; c < m; c++) {
        const dim *dm = &p->dims[cols[c]];
        if (!dm->flag || (l && dm->flag != l))
            continue;
        for (int v = 0; v < dm->n; v++)
            if (dm->raises[v]) {
                row[cols[c]] = v;
                any = 1;
                break;
            }
    }
    p->nrows += any;
    return any;
}

/* Adds the row just added with each other value of each covering question
 * that is neither a flag nor a safety question: the advice answers at the
 * level that row reaches. */
static void add_advice_rows(plan *p, const int *cols, int m)
{
    const int *raised = p->rows + (size_t)(p->nrows - 1) * (size_t)p->ndims;
    for (int c = 0; c < m; c++) {
        const dim *dm = &p->dims[cols[c]];
        if (dm->flag || p->kb->questions[dm->q].safety)
            continue;
        for (int v = 0; v < dm->n; v++) {
            if (v == raised[cols[c]])
                continue;
            int *row = p->rows + (size_t)p->nrows++ * (size_t)p->ndims;
            memmove(row, raised, (size_t)p->ndims * sizeof *row);
            row[cols[c]] = v;
        }
    }
}

/* Rows of the covering set for the dims not crossed exhaustively: the
 * pairwise rows, the baseline with each single value changed, and the
 * baseline with all the flags of one level (then of every level) raised,
 * each of those with each single advice answer changed, and the advice
 * answers pairwise on the baseline. */
static void build_rows(plan *p)
{
    int *cols = tp_xmalloc((size_t)p->ndims * sizeof *cols);
    int *size = tp_xmalloc((size_t)p->ndims * sizeof *size);
    int m = 0;
    for (int d = 0; d < p->ndims; d++) {
        int crossed = 0;
        for (int k = 0; k < p->nex; k++)
            crossed |= p->ex[k] == d;
        if (!crossed) {
            cols[m] = d;
            size[m++] = p->dims[d].n;
        }
    }
    int *pw = NULL;
    int npw = pairwise(size, m, &pw);
    /* the advice answers (neither flags nor safety questions), pairwise, on
     * the calm baseline: where the techniques and their prerequisites meet */
    int *acols = tp_xmalloc((size_t)(m ? m : 1) * sizeof *acols);
    int *asize = tp_xmalloc((size_t)(m ? m : 1) * sizeof *asize);
    int am = 0;
    for (int c = 0; c < m; c++)
        if (!p->dims[cols[c]].flag && !p->kb->questions[p->dims[cols[c]].q].safety) {
            acols[am] = cols[c];
            asize[am++] = size[c];
        }
    int *apw = NULL;
    int napw = am > 1 ? pairwise(asize, am, &apw) : 0;
    free(p->rows);
    p->rows = NULL;
    p->nrows = 0;
    int cap = npw + napw + 1 + p->kb->nlevels + 1;
    for (int c = 0; c < m; c++)
        cap += size[c] * (p->kb->nlevels + 2);
    p->rows = tp_xmalloc((size_t)cap * (size_t)p->ndims * sizeof *p->rows);
    for (int r = 0; r < npw; r++) {
        int *row = p->rows + (size_t)p->nrows++ * (size_t)p->ndims;
        memcpy(row, p->base, (size_t)p->ndims * sizeof *row);
        for (int c = 0; c < m; c++)
            row[cols[c]] = pw[(size_t)r * (size_t)m + (size_t)c];
    }
    for (int r = 0; r < napw; r++) {
        int *row = p->rows + (size_t)p->nrows++ * (size_t)p->ndims;
        memcpy(row, p->base, (size_t)p->ndims * sizeof *row);
        for (int c = 0; c < am; c++)
            row[acols[c]] = apw[(size_t)r * (size_t)am + (size_t)c];
    }
    for (int c = 0; c < m; c++)
        for (int v = 0; v < size[c]; v++) {
            if (v == p->base[cols[c]] && c > 0)
                continue; /* the baseline itself once */
            int *row = p->rows + (size_t)p->nrows++ * (size_t)p->ndims;
            memcpy(row, p->base, (size_t)p->ndims * sizeof *row);
            row[cols[c]] = v;
        }
    for (int l = 0; l <= p->kb->nlevels; l++)
        if (add_raised_row(p, cols, m, l < p->kb->nlevels ? &p->kb->levels[l] : NULL) &&
            l < p->kb->nlevels)
            add_advice_rows(p, cols, m);
    free(pw);
    free(apw);
    free(acols);
    free(asize);
    free(cols);
    free(size);
}

/* ---- judging one combination ------------------------------------------------------------ */

static void fill_case(worker *w)
{
    plan *p = w->p;
    w->c.nanswers = 0;
    for (int d = 0; d < p->ndims; d++) {
        const tp_answer *a = &p->dims[d].vals[w->pick[d]];
        if (a->nvals) /* none: the question is left out of the case */
            tp_case_put(&w->c, a);
    }
}

static void pick_of(const plan *p, long i, int *pick)
{
    long x = i % p->space;
    const int *row = p->rows + (size_t)(i / p->space) * (size_t)p->ndims;
    memcpy(pick, row, (size_t)p->ndims * sizeof *pick);
    for (int k = 0; k < p->nex; k++) {
        int d = p->ex[k];
        pick[d] = (int)(x / p->stride[k] % p->dims[d].n);
    }
}

/* Writes a violation and its counterexample (the case, then expect lines). */
static void report(worker *w, const char *what, const char *expect)
{
    w->violations++;
    if (w->p->stop_early && w->p->stop)
        *w->p->stop = 1;
    int is_new = w->seen.n < MAX_LISTED && tp_strset_add(&w->seen, what);
    if (w->violations > w->max_examples) {
        if (is_new) /* every distinct violation is listed once, without its case */
            tp_buf_printf(&w->out, "violation: %s\n", what);
        return;
    }
    tp_buf_printf(&w->out,
                  "violation: %s\n--- counterexample: save as a .sym file and run "
                  "`tptriage batch --check FILE` ---\n# %s\n",
                  what, what);
    tp_symfile_write(&w->c, w->p->kb, &w->out);
    tp_buf_printf(&w->out, "%s--- end of counterexample ---\n", expect);
}

static int judge(worker *w, tp_result *r)
{
    tp_error err = {{0}};
    fill_case(w);
    if (tp_triage_case(w->t, &w->c, r, &err) != 0) {
        char what[1200];
        snprintf(what, sizeof what, "the case could not be judged: %s", err.msg);
        report(w, what, "");
        return -1;
    }
    return 0;
}

/* The id of the first conclusion of a kind, or NULL. */
static const char *first_of_kind(const tp_result *r, const char *kind)
{
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].kind, kind) == 0)
            return r->items[i].id;
    return NULL;
}

/* The per-flag invariants, for flags raised by an answer whose conclusion
 * is missing (a rule lost): a raised flag gets at least its level (the more
 * urgent of its flag-level and its floor), and a raised red flag gets no
 * technique. */
static void check_flags(worker *w, const tp_result *r)
{
    plan *p = w->p;
    char what[512], expect[256];
    for (int d = 0; d < p->ndims; d++) {
        const dim *dm = &p->dims[d];
        if (!raised(dm, w->pick[d]) || dm->gated)
            continue;
        const char *qid = p->kb->questions[dm->q].id;
        const char *val = dm->vals[w->pick[d]].vals[0].sym;
        if (tp_result_find(r, dm->flag_kind, dm->flag_id))
            continue; /* the conclusion stands: tp_policy_check judges it */
        if (!r->level || r->level->rank > dm->flag->rank) {
            snprintf(what, sizeof what, "%s %s (%s = %s) calls for level %s or more urgent; got %s",
                     dm->flag_kind, dm->flag_id, qid, val, dm->flag->id,
                     r->level ? r->level->id : "none");
            snprintf(expect, sizeof expect, "expect disposition >= %s\n", dm->flag->id);
            report(w, what, expect);
        }
        /* a warning (red flag) rules out every treatment (technique) */
        const tp_kind *warn = tp_kb_kind_role(p->kb, "warning");
        const tp_kind *treat = tp_kb_kind_role(p->kb, "treatment");
        const char *tech = treat ? first_of_kind(r, treat->id) : NULL;
        if (warn && strcmp(dm->flag_kind, warn->id) == 0 && tech) {
            snprintf(what, sizeof what, "%s %s (%s = %s) must give no %s; got %s", warn->id,
                     dm->flag_id, qid, val, treat->id, tech);
            snprintf(expect, sizeof expect, "expect %s != %s\n", treat->id, tech);
            report(w, what, expect);
        }
    }
}

/* The least urgent level only when no safety question raised its flag. */
static void check_calm(worker *w, const tp_result *r)
{
    plan *p = w->p;
    if (!r->level || r->level != p->least)
        return;
    for (int d = 0; d < p->ndims; d++) {
        const dim *dm = &p->dims[d];
        const char *s = dm->vals[w->pick[d]].vals[0].sym;
        if (!dm->safety_choice || !raised(dm, w->pick[d]) || dm->gated)
            continue;
        char what[512], expect[256];
        const char *qid = p->kb->questions[dm->q].id;
        snprintf(what, sizeof what, "level %s although safety question %s = %s", p->least->id, qid,
                 s);
        snprintf(expect, sizeof expect, "expect disposition != %s\n", p->least->id);
        report(w, what, expect);
        return;
    }
}

/* The same answers in the reverse order give the same output, judged by a
 * second engine that last judged another case (the first engine keeps the
 * answers it already holds, whatever their order, so it would prove little):
 * neither the order of the answers nor what was judged before matters. */
static void check_order(worker *w, const tp_result *r)
{
    tp_result first, again;
    if (!w->other) {
        tp_error lerr = {{0}};
        if (!(w->other = tp_triage_borrow(w->p->kb, &lerr)))
            return;
    }
    tp_arena_reset(&w->arena);
    tp_result_copy(r, &first, &w->arena);
    fill_case(w);
    for (int a = 0, b = w->c.nanswers - 1; a < b; a++, b--) {
        tp_answer t = w->c.answers[a];
        w->c.answers[a] = w->c.answers[b];
        w->c.answers[b] = t;
    }
    tp_error err = {{0}};
    w->extra++;
    if (tp_triage_case(w->other, &w->c, &again, &err) != 0)
        return;
    tp_buf diff = {0};
    if (tp_compare_results(&first, &again, "", 1, &diff) != 0) {
        char what[700], expect[128];
        snprintf(what, sizeof what, "the same answers in another order changed the output: %.500s",
                 diff.data);
        for (char *s = what; *s; s++)
            if (*s == '\n')
                *s = ';';
        snprintf(expect, sizeof expect, "expect disposition = %s\n",
                 first.level ? first.level->id : "none");
        report(w, what, expect);
    }
    tp_buf_free(&diff);
}

/* Adding one more flag (among the covering-set flags now calm) never
 * makes the level less urgent. */
static void check_flip(worker *w, long i, const tp_result *r)
{
    plan *p = w->p;
    int cand[256], n = 0;
    for (int d = 0; d < p->ndims && n < 256; d++) {
        const dim *dm = &p->dims[d];
        if (dm->flag && w->pick[d] == dm->calm)
            cand[n++] = d;
    }
    for (int k = 0; k < p->nex; k++)
        for (int c = 0; c < n; c++)
            if (cand[c] == p->ex[k])
                cand[c] = cand[--n]; /* those are checked from the shared ranks */
    if (n == 0 || !r->level)
        return;
    int d = cand[(i / FLIP_EVERY) % n];
    const dim *dm = &p->dims[d];
    int v = 0;
    while (v < dm->n && !dm->raises[v])
        v++;
    if (v == dm->n)
        return;
    const tp_level *before = r->level;
    w->pick[d] = v;
    tp_result after;
    w->extra++;
    if (judge(w, &after) == 0 && (!after.level || after.level->rank > before->rank)) {
        char what[512], expect[256];
        const char *qid = p->kb->questions[dm->q].id;
        snprintf(what, sizeof what, "adding %s = %s lowered the level from %s to %s", qid,
                 dm->vals[v].vals[0].sym, before->id, after.level ? after.level->id : "none");
        snprintf(expect, sizeof expect, "expect disposition >= %s\n", before->id);
        report(w, what, expect);
    }
    w->pick[d] = dm->calm;
}

/* Whether conclusion c no longer matters at level l: the knowledge base
 * itself stops asking about it there. A flag that calls for l or less urgent
 * is moot at l; so is a conclusion resting only on answers to questions asked
 * only below l (their ask-below is l or more urgent). Either interview may
 * then list it or not, depending on whether it asked the question before l
 * was reached: a checklist asks its items together, one at a time the rules
 * stop asking once l is reached. */
static int moot_at(const plan *p, const tp_conclusion *c, const tp_level *l)
{
    if (!l)
        return 0;
    const tp_flag *f = tp_policy_flag(&p->policy, c->kind, c->id);
    const tp_level *fl = f ? tp_kb_level(p->kb, f->level) : NULL;
    if (fl && fl->rank >= l->rank)
        return 1;
    const tp_level *cl = strcmp(c->kind, "level") == 0 ? tp_kb_level(p->kb, c->id) : NULL;
    if (cl && cl->rank > l->rank)
        return 1; /* a reason for a less urgent level than the one reached */
    if (c->nbecause == 0 || strcmp(c->kind, "level") == 0)
        return 0;
    for (int k = 0; k < c->nbecause; k++) {
        const tp_question *q = tp_kb_question(p->kb, c->because[k].question);
        const tp_level *below = tp_kb_ask_below(p->kb, q);
        if (!below || below->rank < l->rank)
            return 0; /* still asked at l: it matters */
    }
    return 1;
}

/* The first conclusion of a that b lacks and that is not moot at level l;
 * sets *moot when some conclusion b lacks is moot. */
static const tp_conclusion *lacks(const plan *p, const tp_result *a, const tp_result *b,
                                  const tp_level *l, int *moot)
{
    for (int i = 0; i < a->nitems; i++) {
        const tp_conclusion *c = &a->items[i];
        if (tp_result_find(b, c->kind, c->id))
            continue;
        if (!moot_at(p, c, l))
            return c;
        *moot = 1;
    }
    return NULL;
}

/* Goes on asking c's person (answers in oracle) what the rules ask after
 * c's answers, then judges: the level, or NULL (also on error). */
static const tp_level *ask_on(worker *w, tp_case *c, const tp_answer *const *oracle)
{
    tp_error err = {{0}};
    for (int step = 0; step < w->p->kb->nquestions; step++) {
        tp_step st;
        if (tp_triage_step(w->t, c, TP_STEP_NEXT_ONLY, NULL, &st, &err) != 0)
            return NULL;
        const tp_question *q = st.next;
        const tp_answer *a = q ? oracle[q - w->p->kb->questions] : NULL;
        if (!a || a->nvals == 0)
            break;
        tp_case_put(c, a);
    }
    tp_result r;
    w->extra++;
    return tp_triage_case(w->t, c, &r, &err) == 0 ? r.level : NULL;
}

/* Whether the one-at-a-time interview in w->iv left question q unasked
 * though it is asked always (not a follow-up) and oracle answers it. */
static int unasked(const worker *w, const tp_answer *const *oracle, int q)
{
    const tp_answer *a = oracle[q];
    return a && a->nvals && !w->p->kb->questions[q].conditional && !tp_case_find(&w->iv, q);
}

/* Puts the interview's answers (w->iv) into w->c. */
static void from_interview(worker *w)
{
    for (int i = 0; i < w->iv.nanswers; i++)
        tp_case_put(&w->c, &w->iv.answers[i]);
}

/* What the rules no longer ask is moot: a person the one-at-a-time
 * interview stopped asking (it ended because no rule asked anything more,
 * not because the person stopped) is not given a more urgent level by the
 * answers it left unasked: every question asked always (not a follow-up)
 * that it did not ask, answered as the combination does, and then whatever
 * follow-ups the rules ask after them. A question that stops being asked at
 * a level (its ask-below) while its answer still calls for a more urgent
 * one fails here; the message names the first such question. Needs w->iv to
 * hold the interview's answers. */
static void check_unasked(worker *w, const tp_answer *const *oracle, const tp_level *reached)
{
    plan *p = w->p;
    if (reached && reached->rank <= 1)
        return; /* the most urgent level: nothing to lose */
    tp_case_reset(&w->c, "unasked");
    from_interview(w);
    int n = 0;
    for (int q = 0; q < p->kb->nquestions; q++)
        if (unasked(w, oracle, q))
            tp_case_put(&w->c, oracle[q]), n++;
    if (n == 0)
        return;
    const tp_level *more = ask_on(w, &w->c, oracle);
    if (!more || (reached && more->rank >= reached->rank))
        return;
    /* which one: the first that raises the level with the interview's answers */
    const tp_question *culprit = NULL;
    for (int q = 0; q < p->kb->nquestions && !culprit; q++) {
        if (!unasked(w, oracle, q))
            continue;
        tp_case_reset(&w->c, "unasked");
        from_interview(w);
        tp_case_put(&w->c, oracle[q]);
        const tp_level *l = ask_on(w, &w->c, oracle);
        if (l && (!reached || l->rank < reached->rank))
            culprit = &p->kb->questions[q];
    }
    char msg[700];
    if (culprit)
        snprintf(msg, sizeof msg,
                 "the one-at-a-time interview stops asking %s once %s is reached (ask-below %s), "
                 "but its answer still calls for %s",
                 culprit->id, reached ? reached->id : "none",
                 culprit->ask_below ? culprit->ask_below : "", more->id);
    else
        snprintf(msg, sizeof msg,
                 "the one-at-a-time interview ends at %s, but the answers it no longer asks for "
                 "call for %s together",
                 reached ? reached->id : "none", more->id);
    /* the answers the interview was given (batch judges them as it did),
     * expecting what the answers it did not ask call for: fails with `batch
     * --check` while the interview stops too early; a comment names them */
    tp_buf left = {0};
    for (int q = 0; q < p->kb->nquestions; q++) {
        if (!unasked(w, oracle, q))
            continue;
        char v[256];
        tp_answer_format(oracle[q], v, sizeof v);
        tp_buf_printf(&left, "%s%s = %s", left.len ? ", " : "", p->kb->questions[q].id, v);
    }
    char expect[1200];
    snprintf(expect, sizeof expect,
             "# not asked one question at a time: %s\nexpect disposition = %s\n",
             left.data ? left.data : "", more->id);
    tp_buf_free(&left);
    tp_case_reset(&w->c, "unasked");
    from_interview(w);
    report(w, msg, expect);
}

/* The grouped interview (checklists, as the session asks) and the one-at-a-
 * time interview of a person answering as this combination does reach the
 * same result: the same level and the same conclusions, but for those the
 * level reached makes moot (moot_at). */
static void check_grouped(worker *w)
{
    plan *p = w->p;
    const tp_answer **oracle = w->oracle;
    for (int q = 0; q < p->kb->nquestions; q++)
        oracle[q] = NULL;
    for (int d = 0; d < p->ndims; d++)
        oracle[p->dims[d].q] = &p->dims[d].vals[w->pick[d]];
    tp_error err = {{0}};
    const tp_result *one = NULL, *grouped = NULL;
    int stopped = 0, gstopped = 0;
    tp_interview_memo_trim(w->memo);
    int rv = tp_interview_run(w->t, w->memo, oracle, 0, &w->iv, &one, &stopped, &err);
    if (rv == 0 && !stopped)
        check_unasked(w, oracle, one->level);
    if (rv == 0) {
        tp_case_reset(&w->iv_one, "interview");
        for (int a = 0; a < w->iv.nanswers; a++)
            tp_case_put(&w->iv_one, &w->iv.answers[a]);
        rv = tp_interview_run(w->t, w->memo, oracle, 1, &w->iv, &grouped, &gstopped, &err);
    }
    if (rv == 1)
        w->skipped++;
    if (rv < 0) {
        char what[1200];
        snprintf(what, sizeof what, "an interview could not be run: %s", err.msg);
        report(w, what, "");
        return;
    }
    if (rv != 0)
        return;
    w->grouped++;
    int moot = 0;
    const tp_conclusion *c = NULL;
    int differ = one->level != grouped->level, one_lacks = 0;
    if (!differ && (c = lacks(p, one, grouped, one->level, &moot)) == NULL &&
        (c = lacks(p, grouped, one, one->level, &moot)) != NULL)
        one_lacks = 1; /* (stop_pressing is one of the conclusions) */
    if (!differ && !c) {
        w->moot += moot;
        return;
    }
    /* in a clinician's words, with a counterexample that fails `batch
     * --check` for as long as the interviews differ: the answers the
     * interview that gave less was given (batch judges them as that
     * interview did), expecting what the other gave: for a level, the more
     * urgent level; for a conclusion, KIND = ID. A comment names the answers
     * only the other interview was given. */
    char msg[900], expect[1200], what[300];
    const char *lo = one->level ? one->level->id : "none";
    const char *lg = grouped->level ? grouped->level->id : "none";
    int short_one; /* the answers to write: the one-at-a-time interview's */
    char want[300];
    if (differ) {
        snprintf(msg, sizeof msg,
                 "the interviews reach different levels: asked by checklists this person reaches "
                 "%s, asked one question at a time %s (levels %s and %s)",
                 lg, lo, lo, lg);
        short_one = !one->level || (grouped->level && one->level->rank > grouped->level->rank);
        const tp_level *call = short_one ? grouped->level : one->level;
        snprintf(want, sizeof want, "expect disposition = %s\n", call ? call->id : "none");
    } else {
        snprintf(what, sizeof what, "%s %s (\"%s\")", c->kind, c->id,
                 c->text ? c->text->text : c->id);
        snprintf(
            msg, sizeof msg, "both interviews reach %s; %s also list%s %s as a reason, %s do%s not",
            lo, one_lacks ? "the checklists" : "one question at a time", one_lacks ? "" : "s", what,
            one_lacks ? "one question at a time" : "the checklists", one_lacks ? "es" : "");
        short_one = one_lacks;
        snprintf(want, sizeof want, "expect %s = %s\n", c->kind, c->id);
    }
    const tp_case *ans = short_one ? &w->iv_one : &w->iv;
    const tp_case *more = short_one ? &w->iv : &w->iv_one;
    tp_case_reset(&w->c, "interview");
    for (int a = 0; a < ans->nanswers; a++)
        tp_case_put(&w->c, &ans->answers[a]);
    tp_buf only = {0};
    for (int a = 0; a < more->nanswers; a++) {
        if (tp_case_find(ans, more->answers[a].q))
            continue;
        char v[256];
        tp_answer_format(&more->answers[a], v, sizeof v);
        tp_buf_printf(&only, "%s%s = %s", only.len ? ", " : "",
                      p->kb->questions[more->answers[a].q].id, v);
    }
    if (only.len)
        snprintf(expect, sizeof expect, "# asked %s, not %s: %s\n%s",
                 short_one ? "by checklists" : "one question at a time",
                 short_one ? "one question at a time" : "by checklists", only.data, want);
    else
        snprintf(expect, sizeof expect, "%s", want);
    tp_buf_free(&only);
    report(w, msg, expect);
}

static void policy_report(void *ud, const char *what, const char *expect)
{
    report(ud, what, expect);
}

/* The index of value v in a dim's domain, or -1. */
static int value_index(const dim *dm, const char *v)
{
    for (int i = 0; i < dm->n; i++)
        if (dm->vals[i].nvals == 1 && dm->vals[i].vals[0].sym &&
            strcmp(dm->vals[i].vals[0].sym, v) == 0)
            return i;
    return -1;
}

/* Unsure is the most cautious answer: the combination just judged (r),
 * with one safety answer changed to unsure (a different one each time),
 * gives no less urgent a level and keeps every flag it had. */
static void unsure_one(worker *w, int d, const tp_result *r)
{
    plan *p = w->p;
    const dim *dm = &p->dims[d];
    if (!r->level || value_index(dm, "unsure") < 0 || !dm->vals[w->pick[d]].nvals)
        return;
    tp_result before;
    tp_arena_reset(&w->arena);
    tp_result_copy(r, &before, &w->arena);
    int was = w->pick[d];
    w->pick[d] = value_index(dm, "unsure");
    tp_result after;
    w->unsured++;
    if (judge(w, &after) == 0) {
        const char *qid = p->kb->questions[dm->q].id, *old = dm->vals[was].vals[0].sym;
        char what[700], expect[256];
        if (!after.level || after.level->rank > before.level->rank) {
            snprintf(what, sizeof what,
                     "unsure is not the most cautious answer: %s = unsure instead of %s gives %s, "
                     "less urgent than %s",
                     qid, old ? old : "?", after.level ? after.level->id : "none",
                     before.level->id);
            snprintf(expect, sizeof expect, "expect disposition >= %s\n", before.level->id);
            report(w, what, expect);
        }
        for (int k = 0; k < before.nitems; k++) {
            const tp_conclusion *c = &before.items[k];
            if (!tp_policy_flag_kind(&p->policy, c->kind) || tp_result_find(&after, c->kind, c->id))
                continue;
            snprintf(what, sizeof what,
                     "unsure is not the most cautious answer: %s = unsure instead of %s removes "
                     "%s %s",
                     qid, old ? old : "?", c->kind, c->id);
            snprintf(expect, sizeof expect, "expect %s = %s\n", c->kind, c->id);
            report(w, what, expect);
            break;
        }
    }
    w->pick[d] = was;
}

static void check_unsure(worker *w, long i, const tp_result *r)
{
    plan *p = w->p;
    int cand[256], n = 0;
    for (int d = 0; d < p->ndims && n < 256; d++) {
        const dim *dm = &p->dims[d];
        int u = dm->safety_choice ? value_index(dm, "unsure") : -1;
        if (u >= 0 && w->pick[d] != u && dm->vals[w->pick[d]].nvals)
            cand[n++] = d;
    }
    if (n)
        unsure_one(w, cand[(i / UNSURE_EVERY) % n], r);
}

static void run_one(worker *w, long i)
{
    plan *p = w->p;
    tp_result r;
    pick_of(p, i, w->pick);
    if (judge(w, &r) != 0)
        return;
    p->ranks[i] = (unsigned char)(r.level ? r.level->rank : 0);
    check_flags(w, &r);
    check_calm(w, &r);
    tp_policy_check(&p->policy, &w->c, &r, policy_report, w);
    if (i % REVERSE_EVERY == 0)
        check_order(w, &r); /* before check_flip, which judges again */
    else if (i % FLIP_EVERY == 1)
        check_flip(w, i, &r);
    else if (i % UNSURE_EVERY == 3)
        check_unsure(w, i, &r);
    if (p->kb->ngroups)
        check_grouped(w);
}

/* Judges witness k (rule-directed picks) against every result invariant. */
static void run_witness(worker *w, int k)
{
    plan *p = w->p;
    tp_result r;
    memcpy(w->pick, p->witness + (size_t)k * (size_t)p->ndims, (size_t)p->ndims * sizeof *w->pick);
    w->witnessed++;
    if (judge(w, &r) != 0)
        return;
    check_flags(w, &r);
    check_calm(w, &r);
    tp_policy_check(&p->policy, &w->c, &r, policy_report, w);
    if (p->wunsure[k] >= 0)
        unsure_one(w, p->wunsure[k], &r);
}

/* ---- workers --------------------------------------------------------------------------------- */

static int worker_init(worker *w, plan *p, int max_examples, tp_error *err)
{
    memset(w, 0, sizeof *w);
    w->p = p;
    w->max_examples = max_examples;
    if (!(w->t = tp_triage_borrow(p->kb, err)))
        return -1;
    tp_case_init(&w->c, "counterexample");
    tp_case_init(&w->iv, "interview");
    tp_case_init(&w->iv_one, "interview");
    w->memo = tp_interview_memo_new();
    w->oracle = tp_xmalloc((size_t)p->kb->nquestions * sizeof *w->oracle);
    w->pick = tp_xmalloc((size_t)p->ndims * sizeof *w->pick);
    return 0;
}

static void worker_free(worker *w)
{
    if (!w->t)
        return;
    tp_triage_close(w->t);
    tp_triage_close(w->other);
    tp_case_free(&w->c);
    tp_case_free(&w->iv);
    tp_case_free(&w->iv_one);
    tp_interview_memo_free(w->memo);
    free(w->oracle);
    tp_arena_free(&w->arena);
    tp_buf_free(&w->out);
    tp_strset_free(&w->seen);
    free(w->pick);
}

/* Judges the combinations [first, end) in this process, in order: the
 * crossed questions change fastest, so that one combination differs from
 * the one before in an answer or two, and the judge (which keeps unchanged
 * answers in the engine) redoes little. */
static void run_slice(worker *w, long first, long end)
{
    for (long i = first; i < end; i++) {
        if (w->p->stop_early && *w->p->stop)
            return;
        run_one(w, i);
    }
}

/* What a verification worker starts from. */
typedef struct {
    plan *p;               /* the plan */
    int max_examples;      /* counterexamples each may report */
    worker_counts *counts; /* shared: each worker's totals */
} start;

/* Worker k of n (in the child): its slice of the combinations; what it
 * reports goes to fd. */
static void start_worker(void *ud, int k, int n, int fd)
{
    start *st = ud;
    plan *p = st->p;
    worker w;
    tp_error werr = {{0}};
    if (worker_init(&w, p, st->max_examples, &werr) == 0) {
        run_slice(&w, p->total * k / n, p->total * (k + 1) / n);
        for (int x = k; x < p->nwitness && !(p->stop_early && *p->stop); x += n)
            run_witness(&w, x);
        st->counts[k].violations = w.violations;
        st->counts[k].extra = w.extra;
        st->counts[k].witnessed = w.witnessed;
        st->counts[k].unsured = w.unsured;
        st->counts[k].grouped = w.grouped;
        st->counts[k].moot = w.moot;
        st->counts[k].skipped = w.skipped;
        tp_interview_memo_counts(w.memo, &st->counts[k].reused, &st->counts[k].walked);
        tp_fd_write_all(fd, w.out.data ? w.out.data : "", w.out.len);
        worker_free(&w);
    } else {
        st->counts[k].violations = 1;
        tp_fd_write_all(fd, werr.msg, strlen(werr.msg));
    }
}

static int run_parallel(plan *p, const tp_verify_opts *o, tp_verify_stats *st, tp_buf *out,
                        tp_error *err)
{
    int n = o->workers < 1 ? 1 : o->workers;
    worker_counts *counts = mmap(NULL, (size_t)n * sizeof *counts, PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (counts == MAP_FAILED) {
        tp_error_set(err, "cannot share memory: %s", strerror(errno));
        return -1;
    }
    tp_pool_worker *pw = tp_xmalloc((size_t)n * sizeof *pw);
    start sw = {p, o->max_examples, counts};
    tp_error serr = {{0}};
    int started = tp_pool_start(pw, n, start_worker, &sw, &serr);
    int bad = started < n;
    for (int k = 0; k < started; k++) {
        tp_fd_read_all(pw[k].fd, out);
        close(pw[k].fd);
        int status = tp_pool_wait(pw[k].pid);
        bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        st->violations += counts[k].violations;
        st->extra += counts[k].extra;
        st->witnesses += counts[k].witnessed;
        st->unsure += counts[k].unsured;
        st->grouped += counts[k].grouped;
        st->ungrouped += counts[k].skipped;
        st->grouped_moot += counts[k].moot;
        st->steps_reused += counts[k].reused;
        st->steps_walked += counts[k].walked;
    }
    if (bad)
        tp_error_set(err, "a verification worker failed");
    munmap(counts, (size_t)n * sizeof *counts);
    free(pw);
    return bad ? -1 : 0;
}

/* ---- planning ------------------------------------------------------------------------------- */

static int by_urgency(const void *a, const void *b, void *ud)
{
    const plan *p = ud;
    const dim *x = &p->dims[*(const int *)a], *y = &p->dims[*(const int *)b];
    int ex = x->flag->rank == p->kb->levels[0].rank, ey = y->flag->rank == p->kb->levels[0].rank;
    if (ex != ey)
        return ey - ex;
    return x->q - y->q;
}

/* Picks the flag questions to cross with every value: most urgent first,
 * then in asking order, while the total stays within the budget. */
static int is_emergency(const plan *p, int d)
{
    return p->dims[d].flag && p->dims[d].flag->rank == p->kb->levels[0].rank;
}

static void choose_exhaustive(plan *p, long budget, int grow)
{
    int *cand = tp_xmalloc((size_t)p->ndims * sizeof *cand);
    int n = 0;
    for (int d = 0; d < p->ndims; d++)
        if (p->dims[d].flag)
            cand[n++] = d;
    qsort_r(cand, (size_t)n, sizeof *cand, by_urgency, p);
    p->ex = tp_xmalloc((size_t)(n ? n : 1) * sizeof *p->ex);
    p->stride = tp_xmalloc((size_t)(n ? n : 1) * sizeof *p->stride);
    p->nex = 0;
    p->space = 1;
    build_rows(p);
    for (int k = 0; k < n; k++) {
        p->ex[p->nex++] = cand[k];
        build_rows(p);
        long space = p->space * p->dims[cand[k]].n;
        if (space * p->nrows > budget && p->nex > 1) {
            if (grow && is_emergency(p, cand[k])) { /* never weakened silently */
                p->grown = space * p->nrows;
                p->space = space;
                continue;
            }
            p->nex--;
            build_rows(p);
            /* what is left out, and what crossing it would take */
            long need = p->space;
            for (int e = k; e < n; e++)
                if (is_emergency(p, cand[e])) {
                    need *= p->dims[cand[e]].n;
                    size_t used = strlen(p->uncrossed);
                    snprintf(p->uncrossed + used, sizeof p->uncrossed - used, "%s%s",
                             used ? " " : "", p->kb->questions[p->dims[cand[e]].q].id);
                }
            p->needed = need * p->nrows;
            break;
        }
        p->space = space;
    }
    if (p->grown && p->grown < p->space * p->nrows)
        p->grown = p->space * p->nrows;
    long s = 1;
    for (int k = 0; k < p->nex; k++) {
        p->stride[k] = s;
        s *= p->dims[p->ex[k]].n;
    }
    p->total = p->space * p->nrows;
    free(cand);
}

/* The calm baseline: "no" where allowed; elsewhere the value that gives
 * the least urgent level with everything else calm. */
static int choose_base(plan *p, tp_error *err)
{
    worker w;
    if (worker_init(&w, p, 0, err) != 0)
        return -1;
    for (int d = 0; d < p->ndims; d++)
        p->base[d] = p->dims[d].calm >= 0 ? p->dims[d].calm : 0;
    for (int d = 0; d < p->ndims; d++) {
        if (p->dims[d].calm >= 0)
            continue;
        int best = 0, best_rank = -1;
        for (int v = 0; v < p->dims[d].n; v++) {
            memcpy(w.pick, p->base, (size_t)p->ndims * sizeof *w.pick);
            w.pick[d] = v;
            tp_result r;
            if (judge(&w, &r) == 0 && r.level && r.level->rank > best_rank) {
                best = v;
                best_rank = r.level->rank;
            }
        }
        p->base[d] = best;
    }
    worker_free(&w);
    return 0;
}

/* Sets dim d of pick to a value that condition text (of a rule) or the
 * values of a requires fact admit; keeps it when none does. */
static void satisfy(const plan *p, int *pick, int d, const char *text, char *const *values,
                    int nvalues)
{
    const dim *dm = &p->dims[d];
    for (int v = 0; v < dm->n; v++) {
        const tp_answer *a = &dm->vals[v];
        if (a->nvals != 1 || !a->vals[0].sym)
            continue;
        int ok = text ? tp_constraint_admits(text, a->vals[0].sym) == 1 : 0;
        for (int k = 0; values && k < nvalues; k++)
            ok |= strcmp(values[k], a->vals[0].sym) == 0;
        if (ok) {
            pick[d] = v;
            return;
        }
    }
}

static int *witness_add(plan *p, const int *from)
{
    p->witness =
        tp_xrealloc(p->witness, (size_t)(p->nwitness + 1) * (size_t)p->ndims * sizeof *p->witness);
    p->wunsure = tp_xrealloc(p->wunsure, (size_t)(p->nwitness + 1) * sizeof *p->wunsure);
    p->wunsure[p->nwitness] = -1;
    int *w = p->witness + (size_t)p->nwitness++ * (size_t)p->ndims;
    memcpy(w, from, (size_t)p->ndims * sizeof *w);
    return w;
}

/* Rule-directed verification: for each advice rule (one that concludes
 * something that is neither a level nor a flag), a witness: the calm
 * baseline with the rule's answer conditions and its conclusion's requires
 * facts met; tried as it is, with all the flags of each level raised, with
 * each flag alone raised, with the answers of each rule making what a
 * forbids fact says keeps it out (the source of each restriction), and with
 * each two-answer row and combination floor met, so that from-level,
 * forbids and the flag invariants are exercised for every rule whatever the
 * budget. */
static void build_witnesses(plan *p, const tp_kb *kb)
{
    tp_error err = {{0}};
    tp_triage *t = tp_triage_borrow(kb, &err);
    if (!t)
        return;
    const tp_rule_set *rs = tp_triage_rules(t);
    int *base = tp_xmalloc((size_t)p->ndims * sizeof *base);
    const tp_policy *pol = &p->policy;
    for (int ri = 0; ri < rs->n; ri++) {
        const tp_rule_desc *r = &rs->rules[ri];
        const tp_rule_make *m = tp_rule_concludes(r);
        if (m && (strcmp(m->kind, "level") == 0 || tp_policy_flag_kind(pol, m->kind))) {
            /* a level or flag rule: its answers met, then each made unsure,
             * which must call for as much */
            memcpy(base, p->base, (size_t)p->ndims * sizeof *base);
            int qs[16], nq = 0;
            for (int k = 0; k < r->nconds; k++) {
                const tp_rule_cond *c = &r->conds[k];
                int q = c->question && !c->negated ? tp_kb_question_index(kb, c->question) : -1;
                if (q >= 0 && c->value) {
                    satisfy(p, base, q, c->value, NULL, 0);
                    if (nq < 16)
                        qs[nq++] = q;
                }
            }
            for (int k = 0; k < nq; k++) {
                witness_add(p, base);
                p->wunsure[p->nwitness - 1] = qs[k];
            }
            continue;
        }
        if (!m)
            continue;
        memcpy(base, p->base, (size_t)p->ndims * sizeof *base);
        for (int k = 0; k < r->nconds; k++) {
            const tp_rule_cond *c = &r->conds[k];
            int q = c->question && !c->negated ? tp_kb_question_index(kb, c->question) : -1;
            if (q >= 0 && c->value)
                satisfy(p, base, q, c->value, NULL, 0);
        }
        for (int k = 0; k < pol->nneeds; k++) {
            const tp_rule_fact *f = &pol->needs[k];
            int q = tp_kb_question_index(kb, f->question);
            if (q >= 0 && strcmp(f->kind, m->kind) == 0 && strcmp(f->id, m->id) == 0)
                satisfy(p, base, q, NULL, f->values, f->nvalues);
        }
        witness_add(p, base);
        for (int l = 0; l < kb->nlevels; l++) {
            int *w = witness_add(p, base), any = 0;
            for (int d = 0; d < p->ndims; d++)
                if (p->dims[d].flag == &kb->levels[l])
                    for (int v = 0; v < p->dims[d].n; v++)
                        if (p->dims[d].raises[v]) {
                            w[d] = v, any = 1;
                            break;
                        }
            p->nwitness -= !any;
        }
        for (int d = 0; d < p->ndims; d++)
            for (int v = 0; p->dims[d].flag && v < p->dims[d].n; v++)
                if (p->dims[d].raises[v]) {
                    witness_add(p, base)[d] = v;
                    break;
                }
        /* each source of what forbids it: the answers of every rule that
         * makes a conclusion a forbids fact says keeps this one out */
        for (int k = 0; k < pol->nforbids; k++) {
            const tp_forbid *fb = &pol->forbids[k];
            if (strcmp(fb->other_kind, m->kind) != 0 ||
                (strcmp(fb->other_id, "any") != 0 && strcmp(fb->other_id, m->id) != 0))
                continue;
            for (int r2 = 0; r2 < rs->n; r2++) {
                const tp_rule_make *m2 = tp_rule_concludes(&rs->rules[r2]);
                if (!m2 || strcmp(m2->kind, fb->kind) != 0 ||
                    (strcmp(fb->id, "any") != 0 && strcmp(m2->id, fb->id) != 0))
                    continue;
                int *w = witness_add(p, base);
                for (int c = 0; c < rs->rules[r2].nconds; c++) {
                    const tp_rule_cond *cd = &rs->rules[r2].conds[c];
                    int q =
                        cd->question && !cd->negated ? tp_kb_question_index(kb, cd->question) : -1;
                    if (q >= 0 && cd->value)
                        satisfy(p, w, q, cd->value, NULL, 0);
                }
            }
        }
        for (int k = 0; k < pol->nrows + pol->ncombos; k++) {
            const tp_trigger *tr = k < pol->nrows ? &pol->rows[k] : &pol->combos[k - pol->nrows];
            if (k < pol->nrows && tr->nalts == 0)
                continue; /* one-answer rows: the flag questions above */
            int *w = witness_add(p, base);
            for (int c = -1; c < (tr->nalts ? 1 : 0); c++) {
                const tp_cond *x = c < 0 ? &tr->first : &tr->alts[0];
                int q = tp_kb_question_index(kb, x->question);
                if (q < 0)
                    continue;
                if (x->nvalues) {
                    satisfy(p, w, q, NULL, x->values, x->nvalues);
                    continue;
                }
                for (int v = 0; v < p->dims[q].n; v++) { /* a number within the range */
                    const tp_answer *a = &p->dims[q].vals[v];
                    if (a->nvals == 1 && !a->vals[0].sym && a->vals[0].num >= x->lo &&
                        a->vals[0].num <= x->hi) {
                        w[q] = v;
                        break;
                    }
                }
            }
        }
    }
    free(base);
    tp_triage_close(t);
}

static int plan_init(plan *p, const tp_kb *kb, long budget, int grow, tp_error *err)
{
    memset(p, 0, sizeof *p);
    p->kb = kb;
    p->least = &kb->levels[kb->nlevels - 1];
    tp_triage *t = tp_triage_borrow(kb, err);
    if (!t)
        return -1;
    p->ndims = kb->nquestions;
    p->dims = calloc((size_t)p->ndims, sizeof *p->dims);
    p->base = calloc((size_t)p->ndims, sizeof *p->base);
    for (int d = 0; d < p->ndims; d++) {
        p->dims[d].q = d;
        build_domain(&p->dims[d], kb, t);
        if (p->dims[d].n == 0) {
            tp_error_set(err, "question %s has no value to try", kb->questions[d].id);
            tp_triage_close(t);
            return -1;
        }
    }
    tp_triage_policy(t, &p->policy);
    tp_triage_close(t);
    /* the flag table's one-answer rows say which answers raise which flag;
     * a flag named after its question without a row is raised by yes and
     * unsure (a knowledge base written with a rule per flag) */
    const tp_policy *pol = &p->policy;
    for (int i = 0; i < pol->nrows; i++) {
        const tp_trigger *t = &pol->rows[i];
        int q = tp_kb_question_index(kb, t->first.question);
        if (q >= 0 && t->nalts == 0 && t->first.nvalues)
            mark_flag(&p->dims[q], kb, t->kind, t->id, tp_policy_flag_call(pol, t->kind, t->id),
                      t->first.values, t->first.nvalues);
    }
    /* a follow-up raising a flag with the answer that opens it (a two-answer
     * row) is crossed and raised as a flag too, but judged by its row: an
     * emergency follow-up stays among the questions crossed first */
    for (int i = 0; i < pol->nrows; i++) {
        const tp_trigger *t = &pol->rows[i];
        int q = tp_kb_question_index(kb, t->first.question);
        if (q < 0 || t->nalts == 0 || !t->first.nvalues || p->dims[q].flag)
            continue;
        mark_flag(&p->dims[q], kb, t->kind, t->id, tp_policy_flag_call(pol, t->kind, t->id),
                  t->first.values, t->first.nvalues);
        p->dims[q].gated = 1;
    }
    const tp_flag *const lists[2] = {pol->flags, pol->floors};
    const int counts[2] = {pol->nflags, pol->nfloors};
    for (int l = 0; l < 2; l++)
        for (int f = 0; f < counts[l]; f++) {
            const tp_flag *fl = &lists[l][f];
            int q = tp_kb_question_index(kb, fl->id), rowed = 0;
            for (int i = 0; i < pol->nrows && !rowed; i++)
                rowed = strcmp(pol->rows[i].kind, fl->kind) == 0 &&
                        strcmp(pol->rows[i].id, fl->id) == 0;
            if (q >= 0 && !rowed)
                mark_flag(&p->dims[q], kb, fl->kind, fl->id, tp_kb_level(kb, fl->level), NULL, 0);
        }
    if (choose_base(p, err) != 0)
        return -1;
    choose_exhaustive(p, budget, grow);
    build_witnesses(p, kb);
    return 0;
}

static void plan_free(plan *p)
{
    if (p->kb)
        tp_policy_free(&p->policy);
    free(p->dims);
    free(p->ex);
    free(p->stride);
    free(p->rows);
    free(p->base);
    free(p->witness);
    free(p->wunsure);
}

/* ---- monotonicity over the crossed questions ------------------------------------------- */

/* For every combination where a crossed flag is calm, the combinations that
 * raise it instead must be at least as urgent. Uses the shared ranks. */
static long check_neighbours(plan *p, int max_examples, tp_buf *out)
{
    long found = 0;
    worker w;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.max_examples = max_examples;
    w.pick = tp_xmalloc((size_t)p->ndims * sizeof *w.pick);
    tp_case_init(&w.c, "counterexample");
    for (long i = 0; i < p->total; i++) {
        long x = i % p->space;
        for (int k = 0; k < p->nex; k++) {
            const dim *dm = &p->dims[p->ex[k]];
            long digit = x / p->stride[k] % dm->n;
            if (digit != dm->calm)
                continue;
            for (int v = 0; v < dm->n; v++) {
                if (!dm->raises[v])
                    continue;
                long j = i + (v - digit) * p->stride[k];
                if (!p->ranks[i] || !p->ranks[j] || p->ranks[j] <= p->ranks[i])
                    continue;
                pick_of(p, j, w.pick);
                fill_case(&w);
                char what[512], expect[128];
                const char *qid = p->kb->questions[dm->q].id;
                snprintf(what, sizeof what, "adding %s = %s lowered the level from rank %d to %d",
                         qid, dm->vals[v].vals[0].sym, p->ranks[i], p->ranks[j]);
                const tp_level *want = NULL;
                for (int l = 0; l < p->kb->nlevels; l++)
                    if (p->kb->levels[l].rank == p->ranks[i])
                        want = &p->kb->levels[l];
                snprintf(expect, sizeof expect, "expect disposition >= %s\n",
                         want ? want->id : "?");
                report(&w, what, expect);
            }
        }
    }
    found = w.violations;
    if (w.out.len)
        tp_buf_add(out, w.out.data, w.out.len);
    tp_buf_free(&w.out);
    tp_strset_free(&w.seen);
    tp_case_free(&w.c);
    free(w.pick);
    return found;
}

int tp_verify_safety(const tp_kb *kb, const tp_verify_opts *o, tp_verify_stats *st, tp_buf *out,
                     tp_error *err)
{
    memset(st, 0, sizeof *st);
    double t0 = tp_now();
    plan p;
    if (plan_init(&p, kb, o->budget, o->grow, err) != 0) {
        plan_free(&p);
        return -1;
    }
    /* the ranks, and after them the shared stop flag */
    size_t stop_at = ((size_t)p.total + sizeof(long) - 1) / sizeof(long) * sizeof(long);
    size_t mapped = stop_at + sizeof(long);
    p.ranks = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p.ranks == MAP_FAILED) {
        tp_error_set(err, "cannot share memory for %ld combinations", p.total);
        plan_free(&p);
        return -1;
    }
    p.stop = (volatile long *)(void *)(p.ranks + stop_at);
    p.stop_early = o->stop_early;
    tp_buf_printf(out, "safety: crossing every value of");
    for (int k = 0; k < p.nex; k++)
        tp_buf_printf(out, " %s", kb->questions[p.dims[p.ex[k]].q].id);
    tp_buf_printf(out, "\nsafety: with %d covering rows of the other %d questions\n", p.nrows,
                  p.ndims - p.nex);
    if (p.grown)
        tp_buf_printf(out,
                      "safety: the budget was raised from %ld to %ld combinations to cross every "
                      "emergency flag with all its answers\n",
                      o->budget, p.grown);
    if (*p.uncrossed)
        tp_buf_printf(out,
                      "safety: NOT crossed with all their answers: %s (emergency flags); about "
                      "%ld combinations would cross them (--combinations %ld)\n",
                      p.uncrossed, p.needed, p.needed);
    int rv = run_parallel(&p, o, st, out, err);
    if (rv == 0)
        st->violations += check_neighbours(&p, o->max_examples, out);
    st->combinations = p.total;
    st->exhaustive = p.nex;
    st->space = p.space;
    st->rows = p.nrows;
    st->seconds = tp_now() - t0;
    munmap(p.ranks, mapped);
    plan_free(&p);
    if (rv != 0)
        return -1;
    return st->violations ? 1 : 0;
}
