/* triage.c: the one handle (see triage.h): a shared, reference-counted
 * knowledge base description, and an engine and a judge of the handle's
 * own. */
#include "triage_int.h"

#include "output.h"
#include "rcache.h"

#include <stdlib.h>
#include <string.h>

/* The knowledge base, shared by a handle and its clones. */
typedef struct {
    tp_kb kb; /* what the host reads of it */
    int refs; /* handles using it (atomic: clones may close on any thread) */
} shared_kb;

struct tp_triage {
    const tp_kb *kb;   /* the knowledge base */
    shared_kb *shared; /* the same, when the handle shares in it (NULL: borrowed) */
    tp_engine *engine; /* this handle's engine, loaded with it */
    tp_judge *judge;   /* the ask-answer loop on the engine */
    tp_rule_set rules; /* every rule's shape, described on first use */
    int described;     /* rules is filled */
    tp_rcache *cache;  /* results by canonical answers (tp_triage_result), or NULL */
    tp_rkey key;       /* the case's key, reused */
};

static tp_triage *wrap(const tp_kb *kb, shared_kb *s, tp_engine *e)
{
    tp_triage *t = tp_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->kb = kb;
    t->shared = s;
    t->engine = e;
    t->judge = tp_judge_new(kb, e);
    return t;
}

tp_triage *tp_triage_open(const char *dir, tp_error *err)
{
    shared_kb *s = tp_xmalloc(sizeof *s);
    tp_engine *e;
    if (tp_kb_open(&s->kb, tp_kb_locate(dir), &e, err) != 0) {
        free(s);
        return NULL;
    }
    s->refs = 1;
    s->kb.pieces = tp_output_pieces_new(&s->kb); /* read-only from here on */
    return wrap(&s->kb, s, e);
}

tp_triage *tp_triage_clone(tp_triage *t, tp_error *err)
{
    tp_engine *e = tp_kb_engine(t->kb, err);
    if (!e)
        return NULL;
    if (t->shared)
        __atomic_add_fetch(&t->shared->refs, 1, __ATOMIC_RELAXED);
    tp_triage *c = wrap(t->kb, t->shared, e);
    if (t->cache) { /* a cache of the same bound, of its own */
        tp_cache_stats st;
        tp_rcache_stats_of(t->cache, &st);
        tp_triage_cache(c, st.cap);
    }
    return c;
}

tp_triage *tp_triage_borrow(const tp_kb *kb, tp_error *err)
{
    tp_engine *e = tp_kb_engine(kb, err);
    return e ? wrap(kb, NULL, e) : NULL;
}

void tp_triage_close(tp_triage *t)
{
    if (!t)
        return;
    if (t->described)
        tp_rules_free(&t->rules);
    tp_rcache_free(t->cache);
    tp_rkey_free(&t->key);
    tp_judge_free(t->judge);
    tp_engine_free(t->engine);
    if (t->shared && __atomic_sub_fetch(&t->shared->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        tp_output_pieces_free((tp_output_pieces *)t->shared->kb.pieces);
        tp_kb_close(&t->shared->kb);
        free(t->shared);
    }
    free(t);
}

const tp_kb *tp_triage_kb(const tp_triage *t)
{
    return t->kb;
}

int tp_triage_case(tp_triage *t, const tp_case *c, tp_result *r, tp_error *err)
{
    return tp_judge_case(t->judge, c, r, err);
}

/* ---- the result cache ---------------------------------------------------------------- */

void tp_triage_cache(tp_triage *t, int entries)
{
    tp_rcache_free(t->cache);
    t->cache = entries > 0 ? tp_rcache_new(entries) : NULL;
}

int tp_triage_result(tp_triage *t, const tp_case *c, tp_result *r, tp_error *err)
{
    if (!t->cache)
        return tp_judge_case(t->judge, c, r, err);
    tp_rcache_key(c, &t->key);
    const tp_result *kept = tp_rcache_get(t->cache, t->kb, &t->key);
    if (kept) {
        *r = *kept;
        return 0;
    }
    if (tp_judge_case(t->judge, c, r, err) != 0)
        return -1; /* not kept: judged again next time, and failing the same way */
    tp_rcache_put(t->cache, t->kb, &t->key, r);
    return 0;
}

void tp_triage_cache_stats(const tp_triage *t, tp_cache_stats *out)
{
    if (t->cache)
        tp_rcache_stats_of(t->cache, out);
    else
        memset(out, 0, sizeof *out);
}

int tp_triage_cache_parse(const char *s, int *entries)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    long v = strtol(s, &end, 10);
    if (*end || v < 0 || v > TP_RESULT_CACHE_MAX)
        return -1;
    *entries = (int)v;
    return 0;
}

int tp_triage_cache_env(int *entries, tp_error *err)
{
    const char *s = getenv("TPTRIAGE_RESULT_CACHE");
    if (!s || !*s)
        return 0;
    if (tp_triage_cache_parse(s, entries) != 0) {
        tp_error_set(err,
                     "TPTRIAGE_RESULT_CACHE takes a number from 0 (no cache) to %d, not '%.100s'",
                     TP_RESULT_CACHE_MAX, s);
        return -1;
    }
    return 0;
}

/* ---- the interview step ---------------------------------------------------------- */

/* Prompts left: the questions the rules ask that have no answer, a
 * checklist's members once when grouped. */
static int prompts_left(tp_triage *t, const tp_case *answers, int grouped)
{
    const tp_kb *kb = t->kb;
    char *counted = tp_xmalloc((size_t)kb->ngroups + 1); /* per group: counted already */
    memset(counted, 0, (size_t)kb->ngroups + 1);
    int n = 0;
    for (int i = 0; i < kb->nquestions; i++)
        if (!tp_case_find(answers, i) && tp_judge_asked(t->judge, &kb->questions[i])) {
            int g = grouped ? kb->group_of[i] : -1;
            if (g >= 0 && counted[g]++)
                continue;
            n++;
        }
    free(counted);
    return n;
}

int tp_triage_step(tp_triage *t, const tp_case *answers, int flags, const tp_question *ask_first,
                   tp_step *out, tp_error *err)
{
    const tp_kb *kb = t->kb;
    memset(out, 0, sizeof *out);
    if (tp_judge_start(t->judge, answers, err) != 0)
        return -1;
    out->next = tp_judge_next(t->judge);
    int forced = 0;
    if (ask_first && !tp_case_find(answers, (int)(ask_first - kb->questions)) &&
        tp_judge_asked(t->judge, ask_first)) {
        out->next = ask_first; /* a question taken back or changed is asked alone */
        forced = 1;
    }
    int grouped = (flags & TP_STEP_GROUPED) != 0;
    if (out->next && grouped && !forced) {
        out->nitems = tp_group_pending(kb, t->judge, answers, out->next, out->items);
        if (out->nitems)
            out->group = tp_kb_group_of(kb, out->items[0]);
    }
    if (flags & TP_STEP_NEXT_ONLY)
        return 0;
    out->reached = tp_judge_level(t->judge);
    out->alert = out->reached && out->reached->alert;
    out->pending = prompts_left(t, answers, grouped);
    /* the open questions become unanswered, as at the end of a batch file */
    if (tp_judge_finish(t->judge, err) != 0 || tp_judge_collect(t->judge, &out->result) != 0)
        return -1;
    out->level = out->result.level;
    if (out->reached && (!out->level || out->reached->rank < out->level->rank))
        out->level = out->reached; /* never less urgent than the answers given */
    out->stop_pressing = out->result.stop_pressing;
    const tp_conclusion *stop = tp_result_find(&out->result, "stop-pressing", "stop_pressing");
    out->stop = stop ? stop->text : NULL;
    out->provisional = out->next != NULL || out->result.nunanswered > 0;
    return 0;
}

/* ---- what the tools read through the handle ---------------------------------------- */

const tp_rule_set *tp_triage_rules(tp_triage *t)
{
    if (!t->described) {
        /* an engine from the binary image has no rule text: parse it */
        tp_error err = {{0}};
        tp_engine *src = tp_engine_has_text(t->engine) ? NULL : tp_kb_source_engine(t->kb, &err);
        tp_rules_describe(t->kb, src ? src : t->engine, &t->rules);
        tp_engine_free(src);
        t->described = 1;
    }
    return &t->rules;
}

void tp_triage_policy(tp_triage *t, tp_policy *p)
{
    tp_policy_read(p, t->kb, t->engine);
}

int tp_triage_flags(tp_triage *t, tp_flag **out)
{
    return tp_flags_read(t->engine, out);
}

int tp_triage_each(tp_triage *t, const char *tmpl, tp_fact_fn fn, void *ud)
{
    return tp_engine_each(t->engine, tmpl, fn, ud);
}

const char *tp_triage_fact_str(tp_triage *t, tp_fact *f, const char *slot)
{
    return tp_fact_str(t->engine, f, slot);
}

int tp_triage_fact_int(tp_triage *t, tp_fact *f, const char *slot, long long *out)
{
    return tp_fact_int(t->engine, f, slot, out);
}

int tp_triage_fact_values(tp_triage *t, tp_fact *f, const char *slot, tp_value *out, int max)
{
    return tp_fact_values(t->engine, f, slot, out, max);
}

void tp_triage_count_firings(tp_triage *t, int on)
{
    tp_engine_count_firings(t->engine, on);
}

long tp_triage_firings(tp_triage *t, const char *rule)
{
    return tp_engine_firings(t->engine, rule);
}

struct rule_texts {
    int (*fn)(void *ud, const char *name, const char *text); /* the caller's */
    void *ud;                                                /* its data */
};

static int rule_text(void *ud, const tp_rule_info *r)
{
    struct rule_texts *w = ud;
    return w->fn(w->ud, r->name, r->ppform);
}

int tp_triage_rule_texts(tp_triage *t, int (*fn)(void *ud, const char *name, const char *text),
                         void *ud)
{
    struct rule_texts w = {fn, ud};
    tp_error err = {{0}};
    tp_engine *src = tp_engine_has_text(t->engine) ? NULL : tp_kb_source_engine(t->kb, &err);
    int rv = tp_engine_rules(src ? src : t->engine, rule_text, &w);
    tp_engine_free(src);
    return rv;
}

const char *const *tp_triage_denied_functions(void)
{
    return tp_engine_denied_functions();
}

const char *const *tp_triage_denied_constructs(void)
{
    return tp_engine_denied_constructs();
}

tp_judge *tp_triage_judge(tp_triage *t)
{
    return t->judge;
}

tp_engine *tp_triage_engine(tp_triage *t)
{
    return t->engine;
}
