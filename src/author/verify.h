/* verify.h: safety verification over the answer space. Which questions are
 * flags, and what level each calls for, comes from the knowledge base's
 * flag-level facts (a flag whose id is a question id is raised by answering
 * that question yes or unsure); the host knows no question by name. */
#ifndef TP_VERIFY_H
#define TP_VERIFY_H

#include "kbpolicy.h"

typedef struct {
    long budget;      /* combinations to aim for (0: skip verification) */
    int workers;      /* processes judging in parallel */
    int max_examples; /* counterexamples printed in full */
    int stop_early;   /* stop at the first violation (mutation testing) */
    int grow;         /* the budget is a default: raise it so that every
                         emergency flag is crossed with all its answers */
} tp_verify_opts;

typedef struct {
    long combinations; /* answer combinations judged */
    long extra;        /* further judgements (one flag added, order reversed) */
    long violations;   /* invariant violations found */
    int exhaustive;    /* questions crossed with every value */
    long space;        /* combinations of those questions */
    int rows;          /* rows of the covering set of the other questions */
    double seconds;    /* wall-clock time */
    long grouped;      /* combinations whose grouped and one-at-a-time interviews compared */
    long ungrouped;    /* not compared: a checklist item left unanswered */
    long grouped_moot; /* compared, and differing only in what the level makes moot */
    long steps_walked; /* interview steps run on the engine */
    long steps_reused; /* interview steps taken from those walked before */
    long witnesses;    /* rule-directed judgements (a witness of each advice rule) */
    long unsure;       /* combinations judged again with one answer made unsure */
} tp_verify_stats;

/* Checks the safety invariants (see docs/rules.md) on a knowledge base;
 * writes the plan, violations and ready-to-run counterexamples to out.
 * Returns 0 when no invariant was violated, 1 when one was, -1 on error. */
int tp_verify_safety(const tp_kb *kb, const tp_verify_opts *o, tp_verify_stats *st, tp_buf *out,
                     tp_error *err);

#endif
