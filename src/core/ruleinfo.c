/* ruleinfo.c: a rule's shape from its printed source: a small tokenizer (the
 * only one for CLIPS text) and a walk over the tokens that picks out the
 * patterns and conditions the host cares about. */
#include "ruleinfo.h"
#include "engine.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { TK_LP, TK_RP, TK_STR, TK_ATOM } tk_type;

typedef struct {
    tk_type type;   /* what it is */
    const char *s;  /* atom or string text (arena) */
    int depth;      /* parenthesis depth before it */
    const char *at; /* where it begins in the source text */
    int line;       /* the line it is on, from 1 */
} token;

typedef struct {
    token *v;   /* the tokens */
    int n, cap; /* count and capacity */
} tokens;

/* A growable list of strings kept in the set's arena at the end. */
typedef struct {
    const char **v; /* the strings */
    int n, cap;     /* count and capacity */
} strs;

static void tk_push(tokens *t, tk_type type, const char *s, int depth, const char *at, int line)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 128;
        t->v = tp_xrealloc(t->v, (size_t)t->cap * sizeof *t->v);
    }
    t->v[t->n].type = type;
    t->v[t->n].s = s;
    t->v[t->n].depth = depth;
    t->v[t->n].at = at;
    t->v[t->n].line = line;
    t->n++;
}

/* Splits CLIPS source text into parentheses, strings and atoms. */
static void tokenize(const char *p, tokens *t, tp_arena *a)
{
    int depth = 0, line = 1;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            line += *p == '\n';
            p++;
        } else if (*p == ';') {
            while (*p && *p != '\n')
                p++;
        } else if (*p == '(') {
            tk_push(t, TK_LP, "(", depth++, p, line);
            p++;
        } else if (*p == ')') {
            tk_push(t, TK_RP, ")", --depth, p, line);
            p++;
        } else if (*p == '"') {
            const char *at = p, *start = ++p;
            int first = line;
            for (; *p && *p != '"'; p += (*p == '\\' && p[1]) ? 2 : 1)
                line += *p == '\n' || (*p == '\\' && p[1] == '\n');
            char *s = tp_arena_alloc(a, (size_t)(p - start) + 1);
            memcpy(s, start, (size_t)(p - start));
            s[p - start] = 0;
            tk_push(t, TK_STR, s, depth, at, first);
            if (*p)
                p++;
        } else {
            const char *start = p;
            while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')' && *p != '"' &&
                   *p != ';')
                p++;
            char *s = tp_arena_alloc(a, (size_t)(p - start) + 1);
            memcpy(s, start, (size_t)(p - start));
            s[p - start] = 0;
            tk_push(t, TK_ATOM, s, depth, start, line);
        }
    }
}

void tp_clips_heads(const char *text, tp_head_fn fn, void *ud)
{
    tokens t = {0};
    tp_arena a = {0};
    tokenize(text, &t, &a);
    for (int i = 0; i + 1 < t.n; i++)
        if (t.v[i].type == TK_LP && t.v[i + 1].type == TK_ATOM)
            fn(ud, t.v[i + 1].s, t.v[i].line);
    free(t.v);
    tp_arena_free(&a);
}

/* A copy of the source text [a, b) with runs of white space made one space
 * (none after "(" or before ")"). */
static const char *squeeze(tp_arena *ar, const char *a, const char *b)
{
    char *s = tp_arena_alloc(ar, (size_t)(b - a) + 1), *d = s;
    int space = 0;
    for (; a < b; a++) {
        if (isspace((unsigned char)*a)) {
            space = 1;
            continue;
        }
        if (space && d > s && d[-1] != '(' && *a != ')')
            *d++ = ' ';
        space = 0;
        *d++ = *a;
    }
    *d = 0;
    return s;
}

static void strs_add(strs *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = tp_xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

/* The literal symbols a constraint allows: "a|b" gives a and b, "?x&a|b"
 * gives a and b, "?x", "~a" and ":(...)" give none. */
static void literals(const char *atom, strs *out, tp_arena *a)
{
    char *copy = tp_arena_strdup(a, atom);
    for (char *part = strtok(copy, "&"); part; part = strtok(NULL, "&")) {
        if (*part == '?' || *part == '$' || *part == '~' || *part == ':' || *part == '=')
            continue;
        char *alts = tp_arena_strdup(a, part);
        for (char *s = alts; s;) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = 0;
            if (*s && *s != '~' && *s != '?')
                strs_add(out, s);
            s = bar ? bar + 1 : NULL;
        }
    }
}

/* Index of the token closing the list opened at i. */
static int close_of(const tokens *t, int i)
{
    int d = t->v[i].depth;
    for (int k = i + 1; k < t->n; k++)
        if (t->v[k].type == TK_RP && t->v[k].depth == d)
            return k;
    return t->n - 1;
}

/* Whether tokens i, i+1 are "(" and the atom word. */
static int opens(const tokens *t, int i, const char *word)
{
    return i + 1 < t->n && t->v[i].type == TK_LP && t->v[i + 1].type == TK_ATOM &&
           strcmp(t->v[i + 1].s, word) == 0;
}

/* Finds slot name inside the fact pattern or assertion [i, end]; returns the
 * index of its first value token, or -1. */
static int slot_at(const tokens *t, int i, int end, const char *name)
{
    int d = t->v[i].depth + 1;
    for (int k = i + 2; k < end; k++)
        if (t->v[k].depth == d && opens(t, k, name))
            return k + 2;
    return -1;
}

/* The single literal value of a slot, or NULL (absent, variable, call). */
static const char *slot_literal(const tokens *t, int i, int end, const char *name)
{
    int k = slot_at(t, i, end, name);
    if (k < 0 || t->v[k].type != TK_ATOM || t->v[k].s[0] == '?')
        return NULL;
    return t->v[k].s;
}

/* ---- one rule ------------------------------------------------------------- */

struct walk {
    const tokens *t;         /* the rule's tokens */
    tp_arena *a;             /* where strings go */
    tp_rule_desc *r;         /* being filled */
    strs reads, asks, gates; /* lists being built */
    tp_rule_need *needs;     /* conclusions read */
    int nneeds, needcap;     /* count and capacity */
    tp_rule_make *makes;     /* conclusions made */
    int nmakes, makecap;     /* count and capacity */
    const char *when;        /* when slot of a question pattern, "" if none */
    tp_rule_cond *conds;     /* top-level conditions */
    int nconds, condcap;     /* count and capacity */
};

static void add_need(struct walk *w, const char *kind, const char *id, int negated)
{
    if (w->nneeds == w->needcap) {
        w->needcap = w->needcap ? w->needcap * 2 : 8;
        w->needs = tp_xrealloc(w->needs, (size_t)w->needcap * sizeof *w->needs);
    }
    tp_rule_need *n = &w->needs[w->nneeds++];
    n->kind = kind;
    n->id = id;
    n->negated = negated;
}

/* A (conclusion ...) pattern at i: every literal kind and id pair it reads. */
static void lhs_conclusion(struct walk *w, int i, int end, int negated)
{
    strs kinds = {0}, ids = {0};
    int k = slot_at(w->t, i, end, "kind");
    if (k >= 0 && w->t->v[k].type == TK_ATOM)
        literals(w->t->v[k].s, &kinds, w->a);
    k = slot_at(w->t, i, end, "id");
    if (k >= 0 && w->t->v[k].type == TK_ATOM)
        literals(w->t->v[k].s, &ids, w->a);
    for (int a = 0; a < (kinds.n ? kinds.n : 1); a++)
        for (int b = 0; b < (ids.n ? ids.n : 1); b++)
            add_need(w, kinds.n ? kinds.v[a] : NULL, ids.n ? ids.v[b] : NULL, negated);
    free(kinds.v);
    free(ids.v);
}

static void lhs_pattern(struct walk *w, int i, int negated)
{
    const tokens *t = w->t;
    int end = close_of(t, i);
    const char *tmpl = t->v[i + 1].s;
    if (strcmp(tmpl, "answer") == 0) {
        int k = slot_at(t, i, end, "question");
        if (k >= 0 && t->v[k].type == TK_ATOM)
            literals(t->v[k].s, &w->reads, w->a);
    } else if (strcmp(tmpl, "conclusion") == 0) {
        lhs_conclusion(w, i, end, negated);
    } else if (strcmp(tmpl, "disposition") == 0) {
        int k = slot_at(t, i, end, "level");
        if (k >= 0 && t->v[k].type == TK_ATOM) {
            literals(t->v[k].s, &w->gates, w->a);
            if (strchr(t->v[k].s, '~'))
                w->r->gate_negated = 1;
        }
    } else if (strcmp(tmpl, "flag-trigger") == 0) {
        w->r->table = 1;
    } else if (strcmp(tmpl, "question") == 0 && i + 2 < t->n && t->v[i + 2].type == TK_LP) {
        const char *when = slot_literal(t, i, end, "when");
        w->when = when ? when : "";
    }
}

static void rhs_assert(struct walk *w, int i)
{
    const tokens *t = w->t;
    int end = close_of(t, i);
    const char *tmpl = t->v[i + 1].s;
    if (strcmp(tmpl, "ask") == 0) {
        int k = slot_at(t, i, end, "question");
        if (k >= 0 && t->v[k].type == TK_ATOM && t->v[k].s[0] == '?')
            w->r->ask_when = w->when ? w->when : "";
        else if (k >= 0 && t->v[k].type == TK_ATOM)
            strs_add(&w->asks, t->v[k].s);
    } else if (strcmp(tmpl, "conclusion") == 0) {
        if (w->nmakes == w->makecap) {
            w->makecap = w->makecap ? w->makecap * 2 : 4;
            w->makes = tp_xrealloc(w->makes, (size_t)w->makecap * sizeof *w->makes);
        }
        tp_rule_make *m = &w->makes[w->nmakes++];
        m->kind = slot_literal(t, i, end, "kind");
        m->id = slot_literal(t, i, end, "id");
        m->rule = slot_literal(t, i, end, "rule");
        m->source = slot_literal(t, i, end, "source");
        m->has_source = slot_at(t, i, end, "source") >= 0;
        m->has_reason = slot_at(t, i, end, "reason") >= 0;
    }
}

/* Copies a list into the arena. */
static const char **keep(tp_arena *a, strs *l, int *n)
{
    const char **v = tp_arena_alloc(a, (size_t)(l->n ? l->n : 1) * sizeof *v);
    if (l->n)
        memcpy(v, l->v, (size_t)l->n * sizeof *v);
    *n = l->n;
    free(l->v);
    return v;
}

/* The source text of a slot's values inside the pattern [i, end], or NULL. */
static const char *slot_text(struct walk *w, int i, int end, const char *name)
{
    int k = slot_at(w->t, i, end, name);
    if (k < 0)
        return NULL;
    int close = close_of(w->t, k - 2);
    return squeeze(w->a, w->t->v[k].at, w->t->v[close].at);
}

/* A top-level condition opening at token i. */
static void add_cond(struct walk *w, int i)
{
    const tokens *t = w->t;
    if (w->nconds == w->condcap) {
        w->condcap = w->condcap ? w->condcap * 2 : 8;
        w->conds = tp_xrealloc(w->conds, (size_t)w->condcap * sizeof *w->conds);
    }
    tp_rule_cond *c = &w->conds[w->nconds++];
    memset(c, 0, sizeof *c);
    int end = close_of(t, i);
    c->text = squeeze(w->a, t->v[i].at, t->v[end].at + 1);
    int p = i; /* the pattern itself */
    if (opens(t, i, "not")) {
        c->negated = 1;
        p = i + 2;
    }
    if (p + 1 >= t->n || t->v[p].type != TK_LP || t->v[p + 1].type != TK_ATOM ||
        strcmp(t->v[p + 1].s, "and") == 0)
        return;
    int pend = close_of(t, p);
    c->tmpl = t->v[p + 1].s;
    if (strcmp(c->tmpl, "answer") == 0) {
        c->question = slot_literal(t, p, pend, "question");
        c->value = slot_text(w, p, pend, "value");
    } else if (strcmp(c->tmpl, "conclusion") == 0) {
        c->kind = slot_text(w, p, pend, "kind");
        c->id = slot_text(w, p, pend, "id");
    } else {
        c->level = slot_text(w, p, pend, "level");
    }
}

/* The conditions of the left-hand side [from, arrow), as the engine counts
 * them: (logical ...) opens, (test ...) is not counted, (declare ...) is no
 * condition. */
static void conditions(struct walk *w, int from, int arrow)
{
    const tokens *t = w->t;
    for (int i = from; i < arrow; i++) {
        if (t->v[i].type != TK_LP || t->v[i].depth != 1)
            continue;
        if (opens(t, i, "logical")) {
            int end = close_of(t, i);
            for (int k = i + 2; k < end; k++)
                if (t->v[k].type == TK_LP && t->v[k].depth == 2 && !opens(t, k, "test"))
                    add_cond(w, k);
        } else if (!opens(t, i, "test") && !opens(t, i, "declare")) {
            add_cond(w, i);
        }
    }
}

static void walk_rule(struct walk *w)
{
    const tokens *t = w->t;
    int arrow = t->n;
    for (int i = 0; i < t->n; i++)
        if (t->v[i].type == TK_ATOM && t->v[i].depth == 1 && strcmp(t->v[i].s, "=>") == 0)
            arrow = i;
    if (t->n > 3 && t->v[3].type == TK_STR)
        w->r->comment = t->v[3].s;
    conditions(w, 3, arrow);
    int not_until = -1; /* tokens up to here are inside (not ...) */
    for (int i = 3; i < arrow; i++) {
        if (opens(t, i, "not") && not_until < i)
            not_until = close_of(t, i);
        else if (t->v[i].type == TK_LP && i + 1 < arrow && t->v[i + 1].type == TK_ATOM)
            lhs_pattern(w, i, i < not_until);
    }
    for (int i = arrow + 1; i < t->n; i++)
        if (opens(t, i, "assert"))
            for (int k = i + 2; k < close_of(t, i); k = close_of(t, k) + 1)
                if (t->v[k].type == TK_LP && t->v[k + 1].type == TK_ATOM)
                    rhs_assert(w, k);
}

/* ---- locating rules in files ---------------------------------------------- */

static void locate(const tp_kb *kb, tp_rule_desc *r)
{
    char full[512], bare[512];
    snprintf(full, sizeof full, "(defrule %s::%s", r->module, r->name);
    snprintf(bare, sizeof bare, "(defrule %s", r->name);
    for (int f = 0; f < kb->nfiles; f++) {
        const char *text = kb->files[f].text;
        for (const char *p = text; (p = strstr(p, "(defrule")) != NULL; p++) {
            const char *hit = NULL;
            if (strncmp(p, full, strlen(full)) == 0)
                hit = p + strlen(full);
            else if (strncmp(p, bare, strlen(bare)) == 0)
                hit = p + strlen(bare);
            if (!hit || !(isspace((unsigned char)*hit) || *hit == '"' || *hit == '('))
                continue;
            int line = 1;
            for (const char *q = text; q < p; q++)
                line += *q == '\n';
            r->file = kb->files[f].path;
            r->line = line;
            return;
        }
    }
}

/* ---- the whole set ----------------------------------------------------------- */

struct collect {
    const tp_kb *kb; /* for locations */
    tp_rule_set *s;  /* being filled */
    int cap;         /* capacity of s->rules */
};

static int describe_rule(void *ud, const tp_rule_info *info)
{
    struct collect *c = ud;
    tp_rule_set *s = c->s;
    if (s->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        s->rules = tp_xrealloc(s->rules, (size_t)c->cap * sizeof *s->rules);
    }
    tp_rule_desc *r = &s->rules[s->n++];
    memset(r, 0, sizeof *r);
    r->name = tp_arena_strdup(&s->arena, info->name);
    r->module = tp_arena_strdup(&s->arena, info->module ? info->module : "MAIN");
    tokens t = {0};
    tokenize(info->ppform ? info->ppform : "", &t, &s->arena);
    struct walk w;
    memset(&w, 0, sizeof w);
    w.t = &t;
    w.a = &s->arena;
    w.r = r;
    walk_rule(&w);
    r->reads = keep(&s->arena, &w.reads, &r->nreads);
    r->asks = keep(&s->arena, &w.asks, &r->nasks);
    r->gates = keep(&s->arena, &w.gates, &r->ngates);
    r->needs = tp_arena_alloc(&s->arena, (size_t)(w.nneeds ? w.nneeds : 1) * sizeof *r->needs);
    if (w.nneeds)
        memcpy(r->needs, w.needs, (size_t)w.nneeds * sizeof *r->needs);
    r->nneeds = w.nneeds;
    r->makes = tp_arena_alloc(&s->arena, (size_t)(w.nmakes ? w.nmakes : 1) * sizeof *r->makes);
    if (w.nmakes)
        memcpy(r->makes, w.makes, (size_t)w.nmakes * sizeof *r->makes);
    r->nmakes = w.nmakes;
    r->conds = tp_arena_alloc(&s->arena, (size_t)(w.nconds ? w.nconds : 1) * sizeof *r->conds);
    if (w.nconds)
        memcpy(r->conds, w.conds, (size_t)w.nconds * sizeof *r->conds);
    r->nconds = w.nconds;
    free(w.conds);
    free(w.needs);
    free(w.makes);
    free(t.v);
    locate(c->kb, r);
    return 0;
}

/* ---- the flag table's rows, as the rules they name ------------------------------ */

struct rows {
    struct collect *c; /* the set being filled */
    tp_engine *e;      /* read from */
    const char *mod;   /* the module of the generic rules */
    int n;             /* rows read */
};

static const char *row_str(struct rows *w, tp_fact *f, const char *slot)
{
    const char *s = tp_fact_str(w->e, f, slot);
    return tp_arena_strdup(&w->c->s->arena, s ? s : "");
}

/* One answer condition of a row: "(answer (question Q) (value a|b))", or a
 * number's range written as the tests a rule would write. */
static void row_cond(struct rows *w, tp_fact *f, const char *prefix, tp_rule_cond *c,
                     const char **read)
{
    tp_arena *a = &w->c->s->arena;
    char slot[32];
    snprintf(slot, sizeof slot, "%squestion", prefix);
    const char *q = row_str(w, f, slot);
    const tp_question *qq = tp_kb_question(w->c->kb, q);
    tp_value vals[TP_MAX_VALUES];
    snprintf(slot, sizeof slot, "%svalues", prefix);
    int nv = tp_fact_values(w->e, f, slot, vals, TP_MAX_VALUES);
    tp_buf v = {0};
    memset(c, 0, sizeof *c);
    if (nv == 0) {
        long long lo = 0, hi = 0;
        snprintf(slot, sizeof slot, "%smin", prefix);
        tp_fact_int(w->e, f, slot, &lo);
        snprintf(slot, sizeof slot, "%smax", prefix);
        tp_fact_int(w->e, f, slot, &hi);
        c->ranged = 1;
        c->lo = lo;
        c->hi = hi;
        tp_buf_puts(&v, "?v&:(integerp ?v)");
        if (!qq || lo > qq->min)
            tp_buf_printf(&v, "&:(>= ?v %lld)", lo);
        if (!qq || hi < qq->max)
            tp_buf_printf(&v, "&:(<= ?v %lld)", hi);
    }
    for (int i = 0; i < nv && i < TP_MAX_VALUES; i++)
        tp_buf_printf(&v, "%s%s", i ? "|" : "", vals[i].sym ? vals[i].sym : "?");
    c->tmpl = "answer";
    c->question = q;
    c->value = tp_arena_strdup(a, v.data ? v.data : "");
    tp_buf text = {0};
    tp_buf_printf(&text, "(answer (question %s) (value %s))", q, c->value);
    c->text = tp_arena_strdup(a, text.data);
    tp_buf_free(&text);
    tp_buf_free(&v);
    *read = q;
}

static int describe_row(void *ud, tp_fact *f)
{
    struct rows *w = ud;
    struct collect *c = w->c;
    tp_rule_set *s = c->s;
    tp_arena *a = &s->arena;
    if (s->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        s->rules = tp_xrealloc(s->rules, (size_t)c->cap * sizeof *s->rules);
    }
    tp_rule_desc *r = &s->rules[s->n++];
    memset(r, 0, sizeof *r);
    r->row = ++w->n;
    r->name = row_str(w, f, "rule");
    r->module = tp_arena_strdup(a, w->mod);
    r->comment = row_str(w, f, "comment");
    const char *and_q = tp_fact_str(w->e, f, "and-question");
    int two = and_q && *and_q && strcmp(and_q, "none") != 0;
    r->conds = tp_arena_alloc(a, 2 * sizeof *r->conds);
    r->reads = tp_arena_alloc(a, 2 * sizeof *r->reads);
    row_cond(w, f, "", &r->conds[0], &r->reads[0]);
    if (two)
        row_cond(w, f, "and-", &r->conds[1], &r->reads[1]);
    r->nconds = r->nreads = 1 + two;
    r->makes = tp_arena_alloc(a, sizeof *r->makes);
    r->nmakes = 1;
    tp_rule_make *m = &r->makes[0];
    m->kind = row_str(w, f, "kind");
    m->id = row_str(w, f, "id");
    m->rule = r->name;
    m->source = row_str(w, f, "source");
    m->has_source = *m->source != 0;
    m->has_reason = *row_str(w, f, "reason") != 0;
    r->asks = tp_arena_alloc(a, sizeof *r->asks);
    r->gates = tp_arena_alloc(a, sizeof *r->gates);
    r->needs = tp_arena_alloc(a, sizeof *r->needs);
    /* where: the row holding (rule NAME) */
    const tp_kb *kb = c->kb;
    char needle[300];
    snprintf(needle, sizeof needle, "(rule %s)", r->name);
    for (int fi = 0; fi < kb->nfiles && !r->file; fi++) {
        const char *text = kb->files[fi].text;
        for (const char *p = strstr(text, "(flag-trigger"); p; p = strstr(p + 1, "(flag-trigger")) {
            const char *hit = strstr(p, needle);
            const char *next = strstr(p + 1, "(flag-trigger");
            size_t nl = strlen(needle);
            if (!hit || (next && hit > next) || (hit[nl - 1] != ')'))
                continue;
            int line = 1;
            for (const char *q = text; q < p; q++)
                line += *q == '\n';
            r->file = kb->files[fi].path;
            r->line = line;
            break;
        }
    }
    return 0;
}

int tp_rules_describe(const tp_kb *kb, tp_engine *e, tp_rule_set *out)
{
    memset(out, 0, sizeof *out);
    struct collect c = {kb, out, 0};
    tp_engine_rules(e, describe_rule, &c);
    struct rows w = {&c, e, "MAIN", 0};
    for (int i = 0; i < out->n; i++)
        if (out->rules[i].table)
            w.mod = out->rules[i].module;
    tp_engine_each(e, "flag-trigger", describe_row, &w);
    return 0;
}

void tp_rules_free(tp_rule_set *s)
{
    free(s->rules);
    tp_arena_free(&s->arena);
    memset(s, 0, sizeof *s);
}

const tp_rule_desc *tp_rules_find(const tp_rule_set *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->rules[i].name, name) == 0)
            return &s->rules[i];
    return NULL;
}

const tp_rule_make *tp_rule_concludes(const tp_rule_desc *r)
{
    for (int i = 0; i < r->nmakes; i++)
        if (r->makes[i].kind && r->makes[i].id)
            return &r->makes[i];
    return NULL;
}

/* Whether one term ("yes|unsure", "~a&~b", "?d&:(>= ?d 3)") admits v. */
static int term_admits(const char *term, const char *v)
{
    if (strchr(term, ':'))
        return -1;
    if (term[0] == '?')
        return 1;
    int neg = term[0] == '~';
    char buf[512];
    snprintf(buf, sizeof buf, "%s", term);
    int found = 0;
    for (char *save = NULL, *t = strtok_r(buf, "|&~", &save); t; t = strtok_r(NULL, "|&~", &save))
        if (strcmp(t, v) == 0)
            found = 1;
    return neg ? !found : found;
}

int tp_constraint_admits(const char *text, const char *v)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    int verdict = 0, terms = 0;
    for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "$?") == 0)
            continue;
        terms++;
        int a = term_admits(t, v);
        if (a < 0)
            return -1;
        verdict |= a;
    }
    return terms ? verdict : -1;
}

int tp_strs_has(const char *const *v, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

int tp_rule_asks(const tp_rule_desc *r, const tp_question *q)
{
    if (tp_strs_has(r->asks, r->nasks, q->id))
        return 1;
    if (!r->ask_when)
        return 0;
    if (!*r->ask_when)
        return 1;
    return strcmp(r->ask_when, q->conditional ? "conditional" : "always") == 0;
}
