/* ruleinfo.h: what each rule reads and concludes, read from its source text
 * as the engine prints it. Used by the clinician's tools (check, graph): the
 * host still knows nothing of what the rules mean, only their shape. */
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
} tp_rule_desc;

typedef struct {
    tp_rule_desc *rules; /* in the engine's order */
    int n;               /* how many */
    tp_arena arena;      /* all the strings and arrays */
} tp_rule_set;

/* Describes every rule loaded in e (the kb gives the files for locations). */
int tp_rules_describe(const tp_kb *kb, tp_engine *e, tp_rule_set *out);
void tp_rules_free(tp_rule_set *s);

/* Whether rule r reads or asks question id (for "never asked"). */
int tp_rule_asks(const tp_rule_desc *r, const tp_question *q);
/* Whether a string list holds s. */
int tp_strs_has(const char *const *v, int n, const char *s);

#endif
