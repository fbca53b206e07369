/* judge.h (private to src/core): judging a case with the rules: answers in,
 * conclusions out. Front ends and tools reach it only through the handle
 * (triage.h).
 * The same loop serves batch and session: the rules assert which questions
 * they need; a batch marks the ones its file leaves out as unanswered, one at
 * a time in asking order, exactly as a session would meet them. */
#ifndef TP_JUDGE_H
#define TP_JUDGE_H

#include "engine.h"
#include "result.h"

typedef struct tp_judge tp_judge;

tp_judge *tp_judge_new(const tp_kb *kb, tp_engine *e);
void tp_judge_free(tp_judge *j);
tp_engine *tp_judge_engine(tp_judge *j);

/* Judges a whole case; results live until the next call. */
int tp_judge_case(tp_judge *j, const tp_case *c, tp_result *r, tp_error *err);

/* Stepwise, for the session: asserts the case's answers and runs. */
int tp_judge_start(tp_judge *j, const tp_case *c, tp_error *err);
/* The question the rules want next (lowest order among those pending and
 * unanswered), or NULL. */
const tp_question *tp_judge_next(tp_judge *j);
/* Marks a question unanswered (as at the end of input) and runs. */
int tp_judge_skip(tp_judge *j, const tp_question *q, tp_error *err);
/* Marks every pending question unanswered, one at a time, until none is left. */
int tp_judge_finish(tp_judge *j, tp_error *err);
/* Reads the conclusions now in working memory. */
int tp_judge_collect(tp_judge *j, tp_result *r);
/* The disposition now in working memory (the most urgent level), or NULL;
 * cheaper than collecting. */
const tp_level *tp_judge_level(tp_judge *j);
/* Whether question q is currently asked by some rule. */
int tp_judge_asked(tp_judge *j, const tp_question *q);

#endif
