/* choices.h: how people may give an answer. The knowledge base's choice
 * facts give each value of a question a plain label and other words that
 * mean it, and number-unit facts the units a number may carry; the
 * normaliser turns what a person typed ("Tennis ball, 3", "not sure",
 * "7 days") into the ids the case reader takes ("tennis-ball, foam-roller",
 * "unsure", "7"). Nothing here knows what a question means. */
#ifndef TP_CHOICES_H
#define TP_CHOICES_H

#include "kb.h"

/* What a person typed for question q, as answer text for
 * tp_case_answer_text: each part (parts of a multi answer are separated by
 * ',', ';', '/', "and" or, for numbers of choices, blanks) may be the id in
 * any case with blanks for hyphens, the number of the value (1 is the
 * first), its label, another word for it, or the start of exactly one id or
 * label; a number may carry one of its units ("7 days", "2 weeks"). A part
 * that matches nothing is kept as typed, so that the reader's message
 * names it. */
void tp_answer_normalise(const tp_question *q, const char *typed, char *out, size_t len);

#endif
