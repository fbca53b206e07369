/* judge.h: judging a case with the rules: answers in, conclusions out.
 * The same loop serves batch and session: the rules assert which questions
 * they need; a batch marks the ones its file leaves out as unanswered, one at
 * a time in asking order, exactly as a session would meet them. */
#ifndef TP_JUDGE_H
#define TP_JUDGE_H

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

/* Copies a result into memory from arena, so that it outlives the next
 * judgement (free it with tp_arena_free). */
void tp_result_copy(const tp_result *r, tp_result *out, tp_arena *arena);

/* Looks up a conclusion of kind/id in a result; NULL if absent. */
const tp_conclusion *tp_result_find(const tp_result *r, const char *kind, const char *id);
/* Checks a case's expect lines; appends one line per mismatch to out.
 * Returns the number of mismatches. */
int tp_result_check(const tp_kb *kb, const tp_case *c, const tp_result *r, tp_buf *out);

#endif
