/* ruleinfo.h: the one reader of CLIPS source text. What each rule reads,
 * concludes and asks, its conditions as the engine counts them, its comment
 * and where it is written, read from its source text as the engine prints
 * it; and the heads of the lists of a source file, for the sandbox scan.
 * Used by the explanations (explain.c), check and graph: the host still
 * knows nothing of what the rules mean, only their shape. */
#ifndef TP_RULEINFO_H
#define TP_RULEINFO_H

#include "kb.h"

/* A conclusion a rule reads on its left-hand side. */
typedef struct {
    const char *kind; /* literal kind, or NULL when a variable */
    const char *id;   /* literal id, or NULL when a variable */
    int negated;      /* inside (not ...): the rule needs it absent */
} tp_rule_need;

/* A conclusion a rule asserts. */
typedef struct {
    const char *kind;   /* literal kind, or NULL when a variable */
    const char *id;     /* literal id, or NULL when a variable */
    const char *rule;   /* the (rule ...) slot, or NULL when absent */
    const char *source; /* literal source, or NULL when absent or a variable */
    int has_source;     /* a (source ...) slot is there */
    int has_reason;     /* a (reason ...) slot is there */
} tp_rule_make;

/* One top-level condition of a rule, counted as the engine counts them (see
 * tp_engine_rule_progress): the patterns inside (logical ...) one by one, a
 * (not ...) or (not (and ...)) as one, a (test ...) not at all. */
typedef struct {
    const char *text;     /* its source text, runs of white space made one */
    const char *tmpl;     /* template of the pattern (of the one inside a
                             (not ...)); NULL for (not (and ...)) and others */
    int negated;          /* a (not ...): it holds while no fact matches */
    const char *question; /* an answer pattern: its literal question, or NULL */
    const char *value;    /* an answer pattern: the text inside (value ...),
                             e.g. "yes|unsure" or "$? tennis-ball $?"; or NULL */
    const char *kind;     /* a conclusion pattern: the text of its kind slot */
    const char *id;       /* a conclusion pattern: the text of its id slot */
    const char *level;    /* a disposition or open-below pattern: the text
                             of its level slot, e.g. "self-care|gentle-self-care" */
    int ranged;           /* a flag-table row's number condition: lo to hi */
    long long lo, hi;     /* its range */
} tp_rule_cond;

typedef struct {
    const char *name;     /* rule name */
    const char *module;   /* its module */
    const char *comment;  /* its comment string, NULL if none */
    const char *file;     /* file it was found in, NULL if not found */
    int line;             /* its line there, 0 if not found */
    const char **reads;   /* question ids in (answer (question X) ...) */
    int nreads;           /* how many */
    const char **asks;    /* question ids in asserted (ask (question X)) */
    int nasks;            /* how many */
    const char *ask_when; /* asks every question whose when slot is this
                             ("" for any); NULL when it asks none that way */
    tp_rule_need *needs;  /* conclusions read */
    int nneeds;           /* how many */
    const char **gates;   /* levels in (disposition (level ...)) patterns */
    int ngates;           /* how many */
    int gate_negated;     /* the level patterns exclude (~) rather than list */
    tp_rule_make *makes;  /* conclusions asserted */
    int nmakes;           /* how many */
    tp_rule_cond *conds;  /* top-level conditions, in order */
    int nconds;           /* how many */
    int row;              /* a row of the flag table (a flag-trigger fact),
                             described as the rule it names; 0 for a defrule */
    int table;            /* a generic rule: it reads the flag table */
} tp_rule_desc;

typedef struct {
    tp_rule_desc *rules; /* in the engine's order */
    int n;               /* how many */
    tp_arena arena;      /* all the strings and arrays */
} tp_rule_set;

/* Describes every rule loaded in e (the kb gives the files for locations),
 * and then each row of the flag table (flag-trigger facts of a reset
 * engine) as the rule it names: its comment, the questions it reads, its
 * answer conditions and the conclusion it makes, located at the row. */
int tp_rules_describe(const tp_kb *kb, tp_engine *e, tp_rule_set *out);
void tp_rules_free(tp_rule_set *s);

/* The first rule named name, or NULL. */
const tp_rule_desc *tp_rules_find(const tp_rule_set *s, const char *name);
/* The first conclusion a rule asserts with a literal kind and id, or NULL. */
const tp_rule_make *tp_rule_concludes(const tp_rule_desc *r);

/* Whether one constraint of a condition (a value or level slot's text, such
 * as "yes|unsure", "~moderate&~tolerates-deep" or "$? a|b $?") admits the
 * symbol v: 1, 0, or -1 when it cannot tell (a test on a number). */
int tp_constraint_admits(const char *text, const char *v);

/* Calls fn with the first word of every list in CLIPS source text ("(word")
 * and its line, skipping comments and strings. */
typedef void (*tp_head_fn)(void *ud, const char *word, int line);
void tp_clips_heads(const char *text, tp_head_fn fn, void *ud);

/* Whether rule r reads or asks question id (for "never asked"). */
int tp_rule_asks(const tp_rule_desc *r, const tp_question *q);
/* Whether a string list holds s. */
int tp_strs_has(const char *const *v, int n, const char *s);

#endif
