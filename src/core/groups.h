/* groups.h: asking questions together as one checklist. The knowledge base's
 * question-group facts say which questions go together; here is which of
 * them are asked now, and what a line typed at a checklist ("1 3 ?2", "0",
 * "none", "unsure 4") means: the same yes, no and unsure answers the rules
 * see when each question is asked on its own. Nothing here knows what a
 * question means. */
#ifndef TP_GROUPS_H
#define TP_GROUPS_H

#include "result.h"

/* One item of a checklist as answered. */
typedef struct {
    int q;             /* question index */
    const char *value; /* "yes" (chosen), "no" (not chosen) or "unsure" (static) */
} tp_group_pick;

/* Whether q fits a checklist: a question of one value among yes and no (and
 * perhaps unsure), so that a tick means yes and no tick means no. */
int tp_group_fits(const tp_question *q);

/* What a line typed at a checklist of n items (question indexes) means.
 * Numbers (1 is the first item) are chosen: yes; "?N", "? N" or "unsure N"
 * mark item N unsure; "0", "none" or "no" alone choose none; the others are
 * no. Numbers are separated by blanks or commas. Fills picks (n entries, in
 * item order) and returns 0; a line that is only "? N" asks for help on item
 * N: returns 1 with *help_item = N - 1; otherwise returns -1 with the reason
 * in err. */
int tp_group_expand(const tp_kb *kb, const int *items, int n, const char *line,
                    tp_group_pick *picks, int *help_item, tp_error *err);

/* Appends an answer to c (for simulations and tests): question q, symbol v
 * (static storage). */
void tp_group_case_add(tp_case *c, int q, const char *v);

#endif
