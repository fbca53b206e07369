/* triage_int.h (private to src/core): the engine and the judge under a
 * handle, for the core's own modules (the explainer reads the engine's
 * working memory), and the checklist finder the interview step uses. */
#ifndef TP_TRIAGE_INT_H
#define TP_TRIAGE_INT_H

#include "judge.h"
#include "triage.h"

tp_judge *tp_triage_judge(tp_triage *t);
tp_engine *tp_triage_engine(tp_triage *t);

/* The questions to ask together with q, the question the rules want next:
 * the members of q's group that fit a checklist, that the rules ask now and
 * that c has not answered, in the group's order (q among them). Writes their
 * indexes to out (room for TP_GROUP_MAX) and returns how many; 0 when q is
 * asked on its own (in no group, not fitting, or the only one left). */
int tp_group_pending(const tp_kb *kb, tp_judge *j, const tp_case *c, const tp_question *q,
                     int *out);

#endif
