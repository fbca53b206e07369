/* triage.c: the one handle (see triage.h): a shared, reference-counted
 * knowledge base description, and an engine and a judge of the handle's
 * own. */
#include "triage.h"

#include <stdlib.h>

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
};

static tp_triage *wrap(const tp_kb *kb, shared_kb *s, tp_engine *e)
{
    tp_triage *t = tp_xmalloc(sizeof *t);
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
    return wrap(&s->kb, s, e);
}

tp_triage *tp_triage_clone(tp_triage *t, tp_error *err)
{
    tp_engine *e = tp_kb_engine(t->kb, err);
    if (!e)
        return NULL;
    if (t->shared)
        __atomic_add_fetch(&t->shared->refs, 1, __ATOMIC_RELAXED);
    return wrap(t->kb, t->shared, e);
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
    tp_judge_free(t->judge);
    tp_engine_free(t->engine);
    if (t->shared && __atomic_sub_fetch(&t->shared->refs, 1, __ATOMIC_ACQ_REL) == 0) {
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

int tp_triage_start(tp_triage *t, const tp_case *answers, tp_error *err)
{
    return tp_judge_start(t->judge, answers, err);
}

const tp_question *tp_triage_next(tp_triage *t)
{
    return tp_judge_next(t->judge);
}

int tp_triage_result(tp_triage *t, tp_result *r)
{
    return tp_judge_collect(t->judge, r);
}

tp_judge *tp_triage_judge(tp_triage *t)
{
    return t->judge;
}

tp_engine *tp_triage_engine(tp_triage *t)
{
    return t->engine;
}
