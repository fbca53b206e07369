/* kbpolicy.c: reading the facts that say what a result must satisfy, and
 * checking one result against them (see docs/rules.md, "Safety
 * verification" and "Usefulness invariants"). */
#include "kbpolicy.h"
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ----------------------------------------------------------------- */

struct reader {
    tp_engine *e;  /* read from */
    tp_policy *p;  /* read into */
    tp_flag **fv;  /* flag list being filled (flag-level or safety-floor) */
    int *fn;       /* its count */
    int forbid;    /* reading forbids facts */
    int is_useful; /* reading useful facts (else requires) */
};

static char *dup_slot(tp_engine *e, tp_fact *f, const char *slot)
{
    const char *s = tp_fact_str(e, f, slot);
    return tp_xstrdup(s ? s : "");
}

static int read_flag(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    *r->fv = tp_xrealloc(*r->fv, (size_t)(*r->fn + 1) * sizeof **r->fv);
    tp_flag *g = &(*r->fv)[(*r->fn)++];
    g->kind = dup_slot(r->e, f, "kind");
    g->id = dup_slot(r->e, f, "id");
    g->level = dup_slot(r->e, f, "level");
    g->source = dup_slot(r->e, f, "source");
    return 0;
}

static int read_rule_fact(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_rule_fact **v = r->is_useful ? &r->p->useful : &r->p->needs;
    int *n = r->is_useful ? &r->p->nuseful : &r->p->nneeds;
    *v = tp_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
    tp_rule_fact *g = &(*v)[(*n)++];
    g->kind = dup_slot(r->e, f, "kind");
    g->id = dup_slot(r->e, f, "id");
    g->level = dup_slot(r->e, f, "level");
    g->question = dup_slot(r->e, f, "question");
    tp_value vals[TP_MAX_VALUES];
    int k = tp_fact_values(r->e, f, "values", vals, TP_MAX_VALUES);
    k = k > TP_MAX_VALUES ? TP_MAX_VALUES : k;
    g->values = tp_xmalloc((size_t)(k ? k : 1) * sizeof *g->values);
    g->nvalues = 0;
    for (int i = 0; i < k; i++)
        if (vals[i].sym)
            g->values[g->nvalues++] = tp_xstrdup(vals[i].sym);
    return 0;
}

static int read_forbid(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_policy *p = r->p;
    p->forbids = tp_xrealloc(p->forbids, (size_t)(p->nforbids + 1) * sizeof *p->forbids);
    tp_forbid *g = &p->forbids[p->nforbids++];
    g->kind = dup_slot(r->e, f, "kind");
    g->id = dup_slot(r->e, f, "id");
    g->other_kind = dup_slot(r->e, f, "other-kind");
    g->other_id = dup_slot(r->e, f, "other-id");
    return 0;
}

static int read_from_level(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_policy *p = r->p;
    const char *id = tp_fact_str(r->e, f, "id"), *from = tp_fact_str(r->e, f, "from-level");
    if (!id || !from || strcmp(from, "none") == 0 || !*from)
        return 0;
    for (int k = 0; k < p->kb->nkinds; k++)
        if (strcmp(p->kb->kinds[k].id, id) == 0) {
            p->from[k] = tp_kb_level(p->kb, from);
            if (!p->from[k])
                p->from_bad[k] = tp_xstrdup(from);
        }
    return 0;
}

static int read_text_from(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    const char *from = tp_fact_str(r->e, f, "from-level");
    if (!from || !*from || strcmp(from, "none") == 0 || tp_kb_level(r->p->kb, from))
        return 0;
    char key[512];
    const char *kind = tp_fact_str(r->e, f, "kind"), *id = tp_fact_str(r->e, f, "id");
    snprintf(key, sizeof key, "%s %s %s", kind ? kind : "?", id ? id : "?", from);
    tp_strset_add(&r->p->text_bad, key);
    return 0;
}

int tp_flags_read(tp_engine *e, tp_flag **out)
{
    int n = 0;
    struct reader r = {e, NULL, out, &n, 0, 0};
    *out = NULL;
    tp_engine_each(e, "flag-level", read_flag, &r);
    return n;
}

void tp_flags_free(tp_flag *f, int n)
{
    for (int i = 0; i < n; i++) {
        free(f[i].kind);
        free(f[i].id);
        free(f[i].level);
        free(f[i].source);
    }
    free(f);
}

/* ---- the index ---------------------------------------------------------------- */

static size_t key_hash(const char *kind, const char *id)
{
    uint64_t h = tp_hash(TP_HASH_INIT, kind, strlen(kind) + 1);
    return (size_t)tp_hash(h, id, strlen(id));
}

static tp_policy_entry *entry_find(const tp_policy *p, const char *kind, const char *id)
{
    if (!p->index)
        return NULL;
    for (size_t i = key_hash(kind, id) & (p->index_size - 1); p->index[i].kind;
         i = (i + 1) & (p->index_size - 1))
        if (strcmp(p->index[i].kind, kind) == 0 && strcmp(p->index[i].id, id) == 0)
            return &p->index[i];
    return NULL;
}

static tp_policy_entry *entry_add(tp_policy *p, const char *kind, const char *id)
{
    tp_policy_entry *e = entry_find(p, kind, id);
    if (e)
        return e;
    size_t i = key_hash(kind, id) & (p->index_size - 1);
    while (p->index[i].kind)
        i = (i + 1) & (p->index_size - 1);
    p->index[i].kind = kind;
    p->index[i].id = id;
    return &p->index[i];
}

static void push_index(int **v, int *n, int x)
{
    *v = tp_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

/* Builds the index: one entry per kind and id the facts name, and one per
 * kind. */
static void build_index(tp_policy *p)
{
    size_t want =
        (size_t)(p->nflags + p->nfloors + p->nneeds + 3 * p->nforbids + p->kb->nkinds) * 2 + 16;
    p->index_size = 16;
    while (p->index_size < want)
        p->index_size *= 2;
    p->index = calloc(p->index_size, sizeof *p->index);
    for (int i = 0; i < p->nflags; i++)
        entry_add(p, p->flags[i].kind, p->flags[i].id)->flag = &p->flags[i];
    for (int i = 0; i < p->nfloors; i++)
        entry_add(p, p->floors[i].kind, p->floors[i].id)->floor = &p->floors[i];
    for (int i = 0; i < p->nneeds; i++) {
        tp_policy_entry *e = entry_add(p, p->needs[i].kind, p->needs[i].id);
        push_index(&e->needs, &e->nneeds, i);
    }
    for (int i = 0; i < p->nforbids; i++) {
        tp_policy_entry *e = entry_add(p, p->forbids[i].kind, p->forbids[i].id);
        push_index(&e->forbids, &e->nforbids, i);
    }
    for (int k = 0; k < p->kb->nkinds; k++) {
        const tp_kind *kd = &p->kb->kinds[k];
        tp_policy_entry *e = entry_add(p, kd->id, "");
        e->warning = strcmp(kd->role, "warning") == 0;
        e->treatment = strcmp(kd->role, "treatment") == 0;
        e->from = p->from[k];
    }
    for (int i = 0; i < p->nflags; i++)
        entry_add(p, p->flags[i].kind, "")->flag_kind = 1;
    for (int i = 0; i < p->nfloors; i++)
        entry_add(p, p->floors[i].kind, "")->flag_kind = 1;
    for (size_t i = 0; i < p->index_size; i++)
        if (p->index[i].kind && p->index[i].warning)
            p->index[i].flag_kind = 1;
    for (int i = 0; i < p->nforbids; i++) { /* entries no longer move */
        tp_forbid *f = &p->forbids[i];
        f->other_k = entry_add(p, f->other_kind, "");
        f->other_e =
            strcmp(f->other_id, "any") == 0 ? NULL : entry_add(p, f->other_kind, f->other_id);
    }
}

static void read_cond(tp_engine *e, tp_fact *f, const char *qslot, const char *vslot,
                      const char *prefix, tp_cond *c)
{
    char slot[64];
    memset(c, 0, sizeof *c);
    c->question = dup_slot(e, f, qslot);
    tp_value vals[TP_MAX_VALUES];
    int k = tp_fact_values(e, f, vslot, vals, TP_MAX_VALUES);
    k = k > TP_MAX_VALUES ? TP_MAX_VALUES : k;
    c->values = tp_xmalloc((size_t)(k ? k : 1) * sizeof *c->values);
    for (int i = 0; i < k; i++)
        if (vals[i].sym)
            c->values[c->nvalues++] = tp_xstrdup(vals[i].sym);
    if (!prefix)
        return;
    snprintf(slot, sizeof slot, "%smin", prefix);
    tp_fact_int(e, f, slot, &c->lo);
    snprintf(slot, sizeof slot, "%smax", prefix);
    tp_fact_int(e, f, slot, &c->hi);
}

static void free_cond(tp_cond *c)
{
    free(c->question);
    for (int i = 0; i < c->nvalues; i++)
        free(c->values[i]);
    free(c->values);
}

static tp_trigger *trigger_add(tp_trigger **v, int *n)
{
    *v = tp_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
    tp_trigger *t = &(*v)[(*n)++];
    memset(t, 0, sizeof *t);
    return t;
}

static int read_row(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_trigger *t = trigger_add(&r->p->rows, &r->p->nrows);
    t->kind = dup_slot(r->e, f, "kind");
    t->id = dup_slot(r->e, f, "id");
    t->rule = dup_slot(r->e, f, "rule");
    t->source = dup_slot(r->e, f, "source");
    const char *level = tp_fact_str(r->e, f, "level");
    if (level && *level && strcmp(level, "none") != 0)
        t->level = tp_xstrdup(level); /* the level written in the row */
    read_cond(r->e, f, "question", "values", "", &t->first);
    const char *q2 = tp_fact_str(r->e, f, "and-question");
    if (q2 && *q2 && strcmp(q2, "none") != 0) {
        t->alts = tp_xmalloc(sizeof *t->alts);
        t->nalts = 1;
        read_cond(r->e, f, "and-question", "and-values", "and-", &t->alts[0]);
    }
    return 0;
}

/* (combination-floor (id I) (level L) (source S) (question Q) (values V...)
 * (others Q2...) (other-values V2...)). */
static int read_combo(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_trigger *t = trigger_add(&r->p->combos, &r->p->ncombos);
    t->kind = tp_xstrdup("combination-floor");
    t->id = dup_slot(r->e, f, "id");
    t->level = dup_slot(r->e, f, "level");
    t->source = dup_slot(r->e, f, "source");
    read_cond(r->e, f, "question", "values", NULL, &t->first);
    tp_value qs[TP_MAX_VALUES];
    int n = tp_fact_values(r->e, f, "others", qs, TP_MAX_VALUES);
    n = n > TP_MAX_VALUES ? TP_MAX_VALUES : n;
    t->alts = tp_xmalloc((size_t)(n ? n : 1) * sizeof *t->alts);
    for (int i = 0; i < n; i++) {
        if (!qs[i].sym)
            continue;
        tp_cond *c = &t->alts[t->nalts++];
        read_cond(r->e, f, "level", "other-values", NULL, c); /* values; question below */
        free(c->question);
        c->question = tp_xstrdup(qs[i].sym);
    }
    return 0;
}

static void free_triggers(tp_trigger *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].kind);
        free(v[i].id);
        free(v[i].rule);
        free(v[i].level);
        free(v[i].source);
        free_cond(&v[i].first);
        for (int k = 0; k < v[i].nalts; k++)
            free_cond(&v[i].alts[k]);
        free(v[i].alts);
    }
    free(v);
}

int tp_cond_met(const tp_kb *kb, const tp_case *c, const tp_cond *x)
{
    int q = tp_kb_question_index(kb, x->question);
    const tp_answer *a = q >= 0 ? tp_case_find(c, q) : NULL;
    if (!a)
        return 0;
    for (int i = 0; i < a->nvals; i++) {
        if (!a->vals[i].sym) {
            if (x->nvalues == 0 && a->vals[i].num >= x->lo && a->vals[i].num <= x->hi)
                return 1;
            continue;
        }
        for (int k = 0; k < x->nvalues; k++)
            if (strcmp(a->vals[i].sym, x->values[k]) == 0)
                return 1;
    }
    return 0;
}

int tp_trigger_met(const tp_kb *kb, const tp_case *c, const tp_trigger *t)
{
    if (!tp_cond_met(kb, c, &t->first))
        return 0;
    for (int i = 0; i < t->nalts; i++)
        if (tp_cond_met(kb, c, &t->alts[i]))
            return 1;
    return t->nalts == 0;
}

void tp_policy_read(tp_policy *p, const tp_kb *kb, tp_engine *e)
{
    memset(p, 0, sizeof *p);
    p->kb = kb;
    p->nflags = tp_flags_read(e, &p->flags);
    struct reader r = {e, p, &p->floors, &p->nfloors, 0, 0};
    tp_engine_each(e, "safety-floor", read_flag, &r);
    tp_engine_each(e, "requires", read_rule_fact, &r);
    r.is_useful = 1;
    tp_engine_each(e, "useful", read_rule_fact, &r);
    tp_engine_each(e, "forbids", read_forbid, &r);
    p->from = calloc((size_t)kb->nkinds + 1, sizeof *p->from);
    p->from_bad = calloc((size_t)kb->nkinds + 1, sizeof *p->from_bad);
    tp_engine_each(e, "output-kind", read_from_level, &r);
    tp_engine_each(e, "text", read_text_from, &r);
    tp_engine_each(e, "flag-trigger", read_row, &r);
    tp_engine_each(e, "combination-floor", read_combo, &r);
    build_index(p);
}

static void free_rule_facts(tp_rule_fact *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].kind);
        free(v[i].id);
        free(v[i].level);
        free(v[i].question);
        for (int k = 0; k < v[i].nvalues; k++)
            free(v[i].values[k]);
        free(v[i].values);
    }
    free(v);
}

void tp_policy_free(tp_policy *p)
{
    tp_flags_free(p->flags, p->nflags);
    tp_flags_free(p->floors, p->nfloors);
    free_rule_facts(p->needs, p->nneeds);
    free_rule_facts(p->useful, p->nuseful);
    for (int i = 0; i < p->nforbids; i++) {
        free(p->forbids[i].kind);
        free(p->forbids[i].id);
        free(p->forbids[i].other_kind);
        free(p->forbids[i].other_id);
    }
    free(p->forbids);
    free_triggers(p->rows, p->nrows);
    free_triggers(p->combos, p->ncombos);
    if (p->from_bad)
        for (int k = 0; k < p->kb->nkinds; k++)
            free(p->from_bad[k]);
    free(p->from_bad);
    free(p->from);
    for (size_t i = 0; i < p->index_size; i++) {
        free(p->index[i].needs);
        free(p->index[i].forbids);
    }
    free(p->index);
    tp_strset_free(&p->text_bad);
    memset(p, 0, sizeof *p);
}

const tp_flag *tp_policy_flag(const tp_policy *p, const char *kind, const char *id)
{
    const tp_policy_entry *e = entry_find(p, kind, id);
    return e ? e->flag : NULL;
}

const tp_flag *tp_policy_floor(const tp_policy *p, const char *kind, const char *id)
{
    const tp_policy_entry *e = entry_find(p, kind, id);
    return e ? e->floor : NULL;
}

int tp_policy_flag_kind(const tp_policy *p, const char *kind)
{
    const tp_policy_entry *e = entry_find(p, kind, "");
    return e && e->flag_kind;
}

/* ---- where facts are written ----------------------------------------------------- */

size_t tp_sexp_end(const char *text, size_t i)
{
    int depth = 0;
    for (size_t k = i; text[k]; k++) {
        char ch = text[k];
        if (ch == ';') {
            while (text[k + 1] && text[k + 1] != '\n')
                k++;
        } else if (ch == '"') {
            for (k++; text[k] && text[k] != '"'; k++)
                if (text[k] == '\\' && text[k + 1])
                    k++;
            if (!text[k])
                return 0;
        } else if (ch == '(') {
            depth++;
        } else if (ch == ')' && --depth == 0) {
            return k + 1;
        }
    }
    return 0;
}

/* Whether [s, e) holds "(slot value)" with any spacing. */
static int has_slot(const char *s, const char *e, const char *slot, const char *value)
{
    size_t sl = strlen(slot), vl = strlen(value);
    for (const char *p = s; p < e; p++) {
        if (*p != '(')
            continue;
        const char *q = p + 1;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\n'))
            q++;
        if ((size_t)(e - q) < sl || strncmp(q, slot, sl) != 0)
            continue;
        q += sl;
        if (q >= e || !(*q == ' ' || *q == '\t' || *q == '\n'))
            continue;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\n'))
            q++;
        if ((size_t)(e - q) >= vl && strncmp(q, value, vl) == 0 &&
            (q + vl < e && (q[vl] == ')' || q[vl] == ' ')))
            return 1;
    }
    return 0;
}

int tp_fact_span_slots(const tp_kb *kb, const char *tmpl, const char *const *slots,
                       const char *const *vals, int *file, size_t *start, size_t *end)
{
    size_t tl = strlen(tmpl);
    for (int f = 0; f < kb->nfiles; f++) {
        const char *text = kb->files[f].text;
        for (const char *p = text; (p = strchr(p, '(')) != NULL; p++) {
            if (strncmp(p + 1, tmpl, tl) != 0 || !strchr(" \t\n", p[1 + tl]))
                continue;
            const char *bol = p; /* skip comment lines */
            while (bol > text && bol[-1] != '\n')
                bol--;
            if (memchr(bol, ';', (size_t)(p - bol)))
                continue;
            size_t e = tp_sexp_end(text, (size_t)(p - text));
            int all = e != 0;
            for (int k = 0; all && slots[k]; k++)
                all = !vals[k] || has_slot(p + 1, text + e, slots[k], vals[k]);
            if (all) {
                *file = f;
                *start = (size_t)(p - text);
                *end = e;
                return 0;
            }
        }
    }
    return -1;
}

int tp_fact_span(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, int *file,
                 size_t *start, size_t *end)
{
    const char *const slots[] = {"kind", "id", NULL};
    const char *const vals[] = {kind, id};
    if (tp_fact_span_slots(kb, tmpl, slots, vals, file, start, end) == 0)
        return 0;
    return tp_fact_derived(kb, tmpl, kind, id, file, start, end) ? 0 : -1;
}

int tp_fact_derived(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, int *file,
                    size_t *start, size_t *end)
{
    if (strcmp(tmpl, "flag-level") != 0 && strcmp(tmpl, "safety-floor") != 0)
        return 0;
    const char *const slots[] = {"kind", "id", NULL};
    const char *const vals[] = {kind, id};
    int f;
    size_t s, e;
    if (tp_fact_span_slots(kb, tmpl, slots, vals, &f, &s, &e) == 0)
        return 0; /* written */
    const char *const rslots[] = {"kind", "id", "level", NULL};
    const char *const rvals[] = {kind, id, NULL};
    if (tp_fact_span_slots(kb, "flag-trigger", rslots, rvals, &f, &s, &e) != 0)
        return 0;
    const char *text = kb->files[f].text;
    const char *lv = strstr(text + s, "(level"); /* a level written in the row */
    if (!lv || (size_t)(lv - text) >= e)
        return 0;
    if (file)
        *file = f, *start = s, *end = e;
    return 1;
}

/* "file:line" of offset s in file f of the knowledge base, or its folder
 * when the fact was not found. */
static void span_where(const tp_kb *kb, int found, int f, size_t s, char *out, size_t outlen)
{
    if (!found) {
        snprintf(out, outlen, "%s", kb->dir);
        return;
    }
    int line = 1;
    for (size_t k = 0; k < s; k++)
        line += kb->files[f].text[k] == '\n';
    snprintf(out, outlen, "%s:%d", kb->files[f].path, line);
}

void tp_fact_where_slots(const tp_kb *kb, const char *tmpl, const char *const *slots,
                         const char *const *vals, char *out, size_t outlen)
{
    int f = 0;
    size_t s = 0, e;
    int found = tp_fact_span_slots(kb, tmpl, slots, vals, &f, &s, &e) == 0;
    span_where(kb, found, f, s, out, outlen);
}

void tp_fact_where(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, char *out,
                   size_t outlen)
{
    int f = 0;
    size_t s = 0, e;
    int found = tp_fact_span(kb, tmpl, kind, id, &f, &s, &e) == 0;
    span_where(kb, found, f, s, out, outlen);
}

/* ---- checking a result ---------------------------------------------------------- */

typedef struct {
    const tp_policy *p;            /* the policy */
    const tp_case *c;              /* the answers */
    const tp_result *r;            /* the result checked */
    tp_violation_fn fn;            /* called per violation */
    void *ud;                      /* its data */
    int found;                     /* violations so far */
    const tp_policy_entry **kinds; /* per item: its kind's entry (or NULL) */
    const tp_policy_entry **ids;   /* per item: its kind and id's entry (or NULL) */
} checker;

static void violation(checker *k, const char *what, const char *expect)
{
    k->found++;
    k->fn(k->ud, what, expect);
}

/* Whether conclusion kind/id stands (kind level: the disposition; id any:
 * some conclusion of the kind). */
static int stands(const tp_result *r, const char *kind, const char *id)
{
    if (strcmp(kind, "level") == 0)
        return r->level && (strcmp(id, "any") == 0 || strcmp(r->level->id, id) == 0);
    for (int i = 0; i < r->nitems; i++)
        if (strcmp(r->items[i].kind, kind) == 0 &&
            (strcmp(id, "any") == 0 || strcmp(r->items[i].id, id) == 0))
            return 1;
    return 0;
}

/* Whether the case answered question qid with one of values. Sets
 * *answered when it answered at all. */
static int answered_with(const tp_policy *p, const tp_case *c, const char *qid, char **values,
                         int nvalues, int *answered)
{
    *answered = 0;
    int q = tp_kb_question_index(p->kb, qid);
    const tp_answer *a = q >= 0 ? tp_case_find(c, q) : NULL;
    if (!a)
        return 0;
    for (int i = 0; i < a->nvals; i++) {
        if (!a->vals[i].sym) {
            *answered = 1;
            continue;
        }
        if (strcmp(a->vals[i].sym, "unanswered") == 0)
            continue;
        *answered = 1;
        for (int k = 0; k < nvalues; k++)
            if (strcmp(a->vals[i].sym, values[k]) == 0)
                return 1;
    }
    return 0;
}

static void join_values(char **v, int n, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < n && used < outlen; i++)
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "|" : "", v[i]);
}

/* Flags: at least their flag-level and floor; a warning gives no
 * treatment and never the least urgent level. */
static void check_flag_item(checker *k, const tp_conclusion *it, const tp_policy_entry *e,
                            const tp_policy_entry *ke)
{
    const tp_policy *p = k->p;
    const tp_kb *kb = p->kb;
    const tp_result *r = k->r;
    char what[1024], expect[256], at[600];
    const tp_flag *want[2] = {e ? e->flag : NULL, e ? e->floor : NULL};
    static const char *const whose[2] = {"flag-level", "safety-floor"};
    for (int w = 0; w < 2; w++) {
        const tp_level *l = want[w] ? tp_kb_level(kb, want[w]->level) : NULL;
        if (!l || (r->level && r->level->rank <= l->rank))
            continue;
        tp_fact_where(kb, whose[w], it->kind, it->id, at, sizeof at);
        snprintf(what, sizeof what, "%s %s calls for level %s or more urgent (%s, %s); got %s",
                 it->kind, it->id, l->id, whose[w], at, r->level ? r->level->id : "none");
        snprintf(expect, sizeof expect, "expect disposition >= %s\n", l->id);
        violation(k, what, expect);
    }
    if (!ke->warning)
        return;
    for (int i = 0; i < r->nitems; i++)
        if (k->kinds[i] && k->kinds[i]->treatment) {
            const char *treat = r->items[i].kind;
            snprintf(what, sizeof what, "%s %s must give no %s; got %s", it->kind, it->id, treat,
                     r->items[i].id);
            snprintf(expect, sizeof expect, "expect %s != %s\n", treat, r->items[i].id);
            violation(k, what, expect);
            break;
        }
    const tp_level *least = &kb->levels[kb->nlevels - 1];
    if (r->level == least) {
        snprintf(what, sizeof what, "%s %s must never give the least urgent level %s", it->kind,
                 it->id, least->id);
        snprintf(expect, sizeof expect, "expect disposition != %s\n", least->id);
        violation(k, what, expect);
    }
}

/* Requires: a standing conclusion's prerequisites answered and met. */
static void check_requires(checker *k, const tp_conclusion *it, const tp_policy_entry *e)
{
    const tp_policy *p = k->p;
    char what[768], expect[256], vals[256];
    for (int i = 0; i < e->nneeds; i++) {
        const tp_rule_fact *n = &p->needs[e->needs[i]];
        int answered;
        if (answered_with(p, k->c, n->question, n->values, n->nvalues, &answered))
            continue;
        join_values(n->values, n->nvalues, vals, sizeof vals);
        snprintf(what, sizeof what, "%s %s requires %s = %s; %s", it->kind, it->id, n->question,
                 vals, answered ? "it was answered otherwise" : "it was not answered");
        snprintf(expect, sizeof expect, "expect %s != %s\n", it->kind, it->id);
        violation(k, what, expect);
    }
}

/* Forbids: nothing that standing conclusion e (kind/id) forbids stands
 * beside it. */
static void check_forbids(checker *k, const tp_policy_entry *e)
{
    const tp_policy *p = k->p;
    const tp_result *r = k->r;
    char what[512], expect[256];
    for (int i = 0; i < e->nforbids; i++) {
        const tp_forbid *f = &p->forbids[e->forbids[i]];
        for (int n = 0; n < r->nitems; n++) {
            const tp_conclusion *o = &r->items[n];
            if (k->kinds[n] != f->other_k || (f->other_e && k->ids[n] != f->other_e))
                continue;
            snprintf(what, sizeof what, "%s %s forbids %s %s, which stands beside it", f->kind,
                     f->id, o->kind, o->id);
            snprintf(expect, sizeof expect, "expect %s != %s\n", o->kind, o->id);
            violation(k, what, expect);
        }
        if (strcmp(f->other_kind, "level") == 0 && stands(r, "level", f->other_id)) {
            snprintf(what, sizeof what, "%s %s forbids level %s, which was given", f->kind, f->id,
                     r->level->id);
            snprintf(expect, sizeof expect, "expect disposition != %s\n", r->level->id);
            violation(k, what, expect);
        }
    }
}

/* Whether some standing conclusion forbids every conclusion of kind. */
static int kind_forbidden(const tp_policy *p, const tp_result *r, const char *kind)
{
    for (int i = 0; i < p->nforbids; i++) {
        const tp_forbid *f = &p->forbids[i];
        if (strcmp(f->other_kind, kind) == 0 && strcmp(f->other_id, "any") == 0 &&
            stands(r, f->kind, f->id))
            return 1;
    }
    return 0;
}

/* Useful: at the level, with the answer, some conclusion of the kind. */
static void check_useful(checker *k)
{
    const tp_policy *p = k->p;
    const tp_result *r = k->r;
    char what[768], vals[256];
    for (int i = 0; i < p->nuseful; i++) {
        const tp_rule_fact *u = &p->useful[i];
        int answered;
        if (!r->level || strcmp(r->level->id, u->level) != 0 ||
            !answered_with(p, k->c, u->question, u->values, u->nvalues, &answered) ||
            stands(r, u->kind, "any") || kind_forbidden(p, r, u->kind))
            continue;
        join_values(u->values, u->nvalues, vals, sizeof vals);
        snprintf(what, sizeof what,
                 "level %s with %s = %s must give at least one %s (useful fact); got none",
                 u->level, u->question, vals, u->kind);
        violation(k, what, "");
    }
}

/* From-level: no conclusion of a kind above its kind's from-level. */
static void check_from_level(checker *k, const tp_conclusion *it, const tp_policy_entry *ke)
{
    const tp_result *r = k->r;
    const tp_level *from = ke->from;
    if (!from || !r->level || r->level->rank >= from->rank)
        return;
    char what[512], expect[256];
    snprintf(what, sizeof what,
             "%s %s stands at level %s, more urgent than its kind's from-level %s", it->kind,
             it->id, r->level->id, from->id);
    snprintf(expect, sizeof expect, "expect %s != %s\n", it->kind, it->id);
    violation(k, what, expect);
}

const tp_level *tp_policy_flag_call(const tp_policy *p, const char *kind, const char *id)
{
    const tp_flag *f = tp_policy_flag(p, kind, id), *fl = tp_policy_floor(p, kind, id);
    const tp_level *a = f ? tp_kb_level(p->kb, f->level) : NULL;
    const tp_level *b = fl ? tp_kb_level(p->kb, fl->level) : NULL;
    return a && (!b || a->rank <= b->rank) ? a : b;
}

/* The answers of c that meet t's conditions, as "q = v, q2 = v2". */
static void met_words(const tp_policy *p, const tp_case *c, const tp_trigger *t, char *out,
                      size_t outlen)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = -1; i < t->nalts; i++) {
        const tp_cond *x = i < 0 ? &t->first : &t->alts[i];
        int q = tp_kb_question_index(p->kb, x->question);
        const tp_answer *a = q >= 0 ? tp_case_find(c, q) : NULL;
        if (!a || !tp_cond_met(p->kb, c, x) || used >= outlen)
            continue;
        char v[256];
        tp_answer_format(a, v, sizeof v);
        used += (size_t)snprintf(out + used, outlen - used, "%s%s = %s", used ? ", " : "",
                                 x->question, v);
    }
}

/* The rows of the flag table and the combination floors, read from the
 * answers themselves: a row met calls for its flag's level (flag-level and
 * floor) even when the flag's conclusion is missing, and for no treatment
 * when its kind is a warning; a combination floor met calls for its level. */
static void check_triggers(checker *k)
{
    const tp_policy *p = k->p;
    const tp_result *r = k->r;
    char what[2048], expect[256], ans[512];
    for (int i = 0; i < p->nrows; i++) {
        const tp_trigger *t = &p->rows[i];
        if (tp_result_find(r, t->kind, t->id) || !tp_trigger_met(p->kb, k->c, t))
            continue; /* a standing flag is judged with the conclusions */
        const tp_level *l = tp_policy_flag_call(p, t->kind, t->id);
        met_words(p, k->c, t, ans, sizeof ans);
        if (l && (!r->level || r->level->rank > l->rank)) {
            snprintf(
                what, sizeof what,
                "%s %s (%s: the flag table's row %s) calls for level %s or more urgent; got %s",
                t->kind, t->id, ans, t->rule, l->id, r->level ? r->level->id : "none");
            snprintf(expect, sizeof expect, "expect disposition >= %s\n", l->id);
            violation(k, what, expect);
        }
        const tp_policy_entry *ke = entry_find(p, t->kind, "");
        for (int j = 0; ke && ke->warning && j < r->nitems; j++)
            if (k->kinds[j] && k->kinds[j]->treatment) {
                snprintf(what, sizeof what, "%s %s (%s) must give no %s; got %s", t->kind, t->id,
                         ans, r->items[j].kind, r->items[j].id);
                snprintf(expect, sizeof expect, "expect %s != %s\n", r->items[j].kind,
                         r->items[j].id);
                violation(k, what, expect);
                break;
            }
    }
    for (int i = 0; i < p->ncombos; i++) {
        const tp_trigger *t = &p->combos[i];
        const tp_level *l = tp_kb_level(p->kb, t->level);
        if (!l || (r->level && r->level->rank <= l->rank) || !tp_trigger_met(p->kb, k->c, t))
            continue;
        char at[600];
        tp_fact_where(p->kb, "combination-floor", NULL, t->id, at, sizeof at);
        met_words(p, k->c, t, ans, sizeof ans);
        snprintf(what, sizeof what,
                 "combination floor %s (%s) calls for level %s or more urgent (%s); got %s", t->id,
                 ans, l->id, at, r->level ? r->level->id : "none");
        snprintf(expect, sizeof expect, "expect disposition >= %s\n", l->id);
        violation(k, what, expect);
    }
}

int tp_policy_check(const tp_policy *p, const tp_case *c, const tp_result *r, tp_violation_fn fn,
                    void *ud)
{
    const tp_policy_entry *local[2][64], **kinds = local[0], **ids = local[1];
    if (r->nitems > 64) {
        kinds = tp_xmalloc((size_t)r->nitems * sizeof *kinds);
        ids = tp_xmalloc((size_t)r->nitems * sizeof *ids);
    }
    for (int i = 0; i < r->nitems; i++) {
        kinds[i] = entry_find(p, r->items[i].kind, "");
        ids[i] = entry_find(p, r->items[i].kind, r->items[i].id);
    }
    checker k = {p, c, r, fn, ud, 0, kinds, ids};
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *it = &r->items[i];
        const tp_policy_entry *e = ids[i], *ke = kinds[i];
        if (ke && ke->flag_kind)
            check_flag_item(&k, it, e, ke);
        if (ke)
            check_from_level(&k, it, ke);
        if (e)
            check_requires(&k, it, e);
        if (e && strcmp(it->kind, "level") != 0) /* a level forbids as the disposition, below */
            check_forbids(&k, e);
    }
    const tp_policy_entry *le = r->level ? entry_find(p, "level", r->level->id) : NULL;
    if (le)
        check_forbids(&k, le);
    check_useful(&k);
    if (c)
        check_triggers(&k);
    if (kinds != local[0]) {
        free(kinds);
        free(ids);
    }
    return k.found;
}
