/* result.h: what a judgement gives: the level, every conclusion with its
 * rule, reason, source and the answers it rests on, and the questions left
 * open. Filled by the handle (triage.h); read by the outputs, explanations
 * and every front end. */
#ifndef TP_RESULT_H
#define TP_RESULT_H

#include "case.h"

#define TP_FIRING_LIMIT 100000 /* rule firings allowed per case */

typedef struct {
    const char *question; /* question id (owned by the kb) */
    const char *answer;   /* the answer as text */
} tp_because;

typedef struct {
    const char *kind;         /* level, red-flag, technique, ... */
    const char *id;           /* output id */
    const char *rule;         /* rule that concluded it */
    const char *reason;       /* one-line reason */
    const tp_source *source;  /* cited source, NULL if unknown */
    const char *source_id;    /* the key the rule gave */
    const tp_text *text;      /* text and dose, NULL if none */
    tp_because *because;      /* answers it rests on */
    int nbecause;             /* how many */
    const tp_level *at_level; /* level it needs (its own reasons are the level's) */
} tp_conclusion;

typedef struct {
    const tp_level *level;          /* the disposition */
    tp_conclusion *items;           /* every conclusion, in output order */
    int nitems;                     /* how many */
    const tp_question **unanswered; /* safety and other questions left open */
    int nunanswered;                /* how many */
    int stop_pressing;              /* the stop-pressing action applies */
    long firings;                   /* rule firings in all */
} tp_result;

/* Copies a result into memory from arena, so that it outlives the next
 * judgement (free it with tp_arena_free). */
void tp_result_copy(const tp_result *r, tp_result *out, tp_arena *arena);

/* Looks up a conclusion of kind/id in a result; NULL if absent. */
const tp_conclusion *tp_result_find(const tp_result *r, const char *kind, const char *id);
/* Checks a case's expect lines; appends one line per mismatch to out.
 * Returns the number of mismatches. */
int tp_result_check(const tp_kb *kb, const tp_case *c, const tp_result *r, tp_buf *out);

#endif
