/* groupcheck.h: what `check` proves about the question groups (facts/
 * groups.clp): that every member fits a checklist, that no yes/no safety
 * question is left out of every group without a reason, and (with the safety
 * verification, verify.c) that the grouped interview and the one-at-a-time
 * interview reach the same result for the same answers. */
#ifndef TP_GROUPCHECK_H
#define TP_GROUPCHECK_H

#include "groups.h"

/* Static checks of the groups; appends problems to errors, returns how many. */
int tp_groups_static(const tp_kb *kb, tp_buf *errors);

/* Runs the session's interview on judge j for a person whose answers are
 * oracle (per question index: the answer, or NULL / no values for none, which
 * ends the interview there as the end of input does). grouped: ask groups as
 * checklists, as the session does; else one question at a time. Fills c with
 * the answers given. Returns 0; 1 when a checklist met an item the oracle
 * does not answer (a checklist answers all its items: not comparable); -1
 * on error. */
int tp_interview_run(const tp_kb *kb, tp_judge *j, const tp_answer *const *oracle, int grouped,
                     tp_case *c, tp_error *err);

#endif
