/* triage.h: the triage core behind one opaque handle.
 *
 * As Lua has one lua_State and jq one jq_state, every front end and tool
 * reaches the knowledge base, the rule engine and the judge through one
 * tp_triage: open a knowledge base, clone it for another thread, judge a
 * case, or run an interview step by step. The handle never prints; the
 * caller owns all input and output. */
#ifndef TP_TRIAGE_H
#define TP_TRIAGE_H

#include "judge.h"

typedef struct tp_triage tp_triage;

/* Reads and loads the knowledge base in dir (NULL: found as tp_kb_locate
 * finds it). Returns the handle, or NULL with "file:line: what" in err. */
tp_triage *tp_triage_open(const char *dir, tp_error *err);
/* A handle for another thread: the same knowledge base (shared, read-only,
 * kept until its last handle closes), its own engine and judge. */
tp_triage *tp_triage_clone(tp_triage *t, tp_error *err);
/* A handle on a knowledge base description the caller keeps alive (and
 * may have changed, as the mutation report does): its own engine, loaded
 * from kb's files, and judge. */
tp_triage *tp_triage_borrow(const tp_kb *kb, tp_error *err);
void tp_triage_close(tp_triage *t);

/* The knowledge base as the host sees it (questions, levels, texts). */
const tp_kb *tp_triage_kb(const tp_triage *t);

/* Judges a whole case, as batch does; the result lives until the next
 * call on this handle. */
int tp_triage_case(tp_triage *t, const tp_case *c, tp_result *r, tp_error *err);

/* An interview, step by step: start from the answers so far, ask the
 * question the rules want next (NULL: none left), read the result so far. */
int tp_triage_start(tp_triage *t, const tp_case *answers, tp_error *err);
const tp_question *tp_triage_next(tp_triage *t);
int tp_triage_result(tp_triage *t, tp_result *r);

/* The judge and the engine under the handle, for the clinician's tools and
 * the explanations that read rules (no other module makes either). */
tp_judge *tp_triage_judge(tp_triage *t);
tp_engine *tp_triage_engine(tp_triage *t);

#endif
