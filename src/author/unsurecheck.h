/* unsurecheck.h: what `check` proves about reasons resting on an answer
 * "unsure" (issue 23, kind 6): a reason never states as fact an answer the
 * person was not sure of. */
#ifndef TP_UNSURECHECK_H
#define TP_UNSURECHECK_H

#include "ruleinfo.h"

/* The rules (and rows of the flag table) that can conclude something resting
 * on an answer "unsure": those whose answer condition admits unsure on a
 * question that allows it, and those that read a conclusion such a rule
 * makes (as the explanations' "because" follows it). Each needs a text of
 * kind unsure-reason named after it, the reason shown in its place when the
 * conclusion rests on unsure (the judge swaps it in). Appends a problem
 * (file:line) for each one missing and returns how many; a text naming no
 * such rule is a note (never shown; a note, not a problem, so that a rule
 * deleted or an unsure dropped by check --mutants is still left for the
 * cases and the verifier to notice). */
int tp_check_unsure_reasons(const tp_kb *kb, const tp_rule_set *rs, tp_buf *errors, tp_buf *notes);

#endif
