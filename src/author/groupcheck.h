/* groupcheck.h: what `check` proves about the question groups (facts/
 * groups.clp): that every member fits a checklist, that no yes/no
 * question is left out of every group without a reason, and (with the safety
 * verification, verify.c) that the grouped interview and the one-at-a-time
 * interview reach the same result for the same answers. */
#ifndef TP_GROUPCHECK_H
#define TP_GROUPCHECK_H

#include "groups.h"
#include "triage.h"

/* Static checks of the groups; appends problems to errors, returns how many.
 * A yes/no question in no group and without an ask-alone fact is asked on
 * its own: a note (notes), not a problem. */
int tp_groups_static(const tp_kb *kb, tp_buf *errors, tp_buf *notes);
/* Every checklist line says each key term (key-terms facts) of its
 * question, and the question's text says it too; every grouped question has
 * its key terms listed. Appends problems to errors, returns how many. */
int tp_groups_key_terms(tp_triage *t, tp_buf *errors);

/* Remembered steps of interviews, so that people who answer the same
 * questions the same way are walked once: for each list of answers given so
 * far, what is asked next, and at the end the judgement. Answers are told
 * apart by their address in the oracle, so a memo serves only oracles whose
 * answers stay where they are while it lives. */
typedef struct tp_interview_memo tp_interview_memo;

tp_interview_memo *tp_interview_memo_new(void);
void tp_interview_memo_free(tp_interview_memo *m);
/* Steps taken from the memo and steps judged (for the report). */
/* Starts again when the memo has grown large; results got before are gone. */
void tp_interview_memo_trim(tp_interview_memo *m);
void tp_interview_memo_counts(const tp_interview_memo *m, long *reused, long *judged);

/* Runs the session's interview (tp_triage_step) on handle t for a person whose answers are
 * oracle (per question index: the answer, or NULL / no values for none, which
 * ends the interview there as the end of input does), and judges the
 * answers given as batch would. grouped: ask groups as checklists, as the
 * session does; else one question at a time. Fills c with the answers given
 * and *r with the result, which lives until the memo is trimmed or freed;
 * *stopped tells whether the person stopped at a question the oracle leaves
 * unanswered (else the rules asked nothing more). Returns 0; 1 when a checklist met
 * an item the oracle does not answer (a checklist answers all its items:
 * not comparable); -1 on error. */
int tp_interview_run(tp_triage *t, tp_interview_memo *m, const tp_answer *const *oracle,
                     int grouped, tp_case *c, const tp_result **r, int *stopped, tp_error *err);

#endif
