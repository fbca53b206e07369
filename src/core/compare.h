/* compare.h: what changed between two results of the same case (after an
 * answer changed, or with another knowledge base). */
#ifndef TP_COMPARE_H
#define TP_COMPARE_H

#include "result.h"

/* Appends one line per difference ("level: self-care -> see-clinician",
 * "+ red-flag ID", "- technique ID") to out, each line prefixed
 * by indent; with reasons, also conclusions kept whose rules changed
 * ("~ technique ball-wall now rests on ..."). Returns the number of
 * differences. */
int tp_compare_results(const tp_result *before, const tp_result *after, const char *indent,
                       int reasons, tp_buf *out);

#endif
