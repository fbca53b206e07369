/* kbpolicy.h: the knowledge base's own statements of what must hold, read
 * by template and slot name (never by medical id): flag-level facts, the
 * independent safety floor (facts/safety-floor.clp), requires / forbids /
 * useful facts and each output kind's from-level; and the check of one
 * judged result against all of them. */
#ifndef TP_KBPOLICY_H
#define TP_KBPOLICY_H

#include "result.h"

/* One flag-level or safety-floor fact. */
typedef struct {
    char *kind;   /* conclusion kind it applies to */
    char *id;     /* conclusion id (a question id for answer flags) */
    char *level;  /* the least urgent level it allows */
    char *source; /* the source cited */
} tp_flag;

/* (requires (kind K) (id I) (question Q) (values V...)) and
 * (useful (level L) (question Q) (values V...) (kind K)). */
typedef struct {
    char *kind, *id, *level, *question; /* id or level unused by the other */
    char **values;                      /* the answers that satisfy it */
    int nvalues;                        /* how many */
} tp_rule_fact;

/* (forbids (kind K) (id I) (other-kind OK) (other-id OI|any)). */
typedef struct {
    char *kind, *id, *other_kind, *other_id;
    const struct tp_policy_entry *other_k; /* index entry of other-kind */
    const struct tp_policy_entry *other_e; /* of other-kind other-id, NULL for any */
} tp_forbid;

/* One answer condition of a flag-table row or a combination floor: the
 * question answered with one of values (a number question: within lo..hi
 * when there are no values). */
typedef struct {
    char *question;   /* the question id */
    char **values;    /* the answers that meet it */
    int nvalues;      /* how many; 0: a number range */
    long long lo, hi; /* the range of a number */
} tp_cond;

/* A row of the flag table (flag-trigger), or a combination floor
 * (combination-floor): conditions all met raise kind id (a row) or call
 * for level at least (a floor). A combination floor's second condition is
 * met by any one of several questions (alts). */
typedef struct {
    char *kind, *id; /* the flag raised (a row), or the floor's id */
    char *rule;      /* a row: the rule name it gives; a floor: NULL */
    char *level;     /* a floor: the least urgent level it allows; a row: the
                        level written in it (its level slot), or NULL */
    char *source;    /* the source cited */
    tp_cond first;   /* the first condition */
    tp_cond *alts;   /* the second: any one of these (none: no second) */
    int nalts;       /* how many */
} tp_trigger;

/* What the policy says about one conclusion kind and id (id "": about the
 * kind as a whole), found by hash for each conclusion judged. */
typedef struct tp_policy_entry {
    const char *kind, *id;  /* the key (owned by the facts below) */
    const tp_flag *flag;    /* its flag-level fact, or NULL */
    const tp_flag *floor;   /* its safety floor, or NULL */
    int *needs, nneeds;     /* indexes of its requires facts */
    int *forbids, nforbids; /* indexes of the forbids facts it heads */
    int flag_kind;          /* kind entries: conclusions of the kind are flags */
    int warning;            /* kind entries: the kind's role is warning */
    int treatment;          /* kind entries: the kind's role is treatment */
    const tp_level *from;   /* kind entries: the kind's from-level, or NULL */
} tp_policy_entry;

typedef struct {
    tp_flag *flags;         /* flag-level facts */
    int nflags;             /* how many */
    tp_flag *floors;        /* safety-floor facts */
    int nfloors;            /* how many */
    tp_rule_fact *needs;    /* requires facts */
    int nneeds;             /* how many */
    tp_forbid *forbids;     /* forbids facts */
    int nforbids;           /* how many */
    tp_rule_fact *useful;   /* useful facts */
    int nuseful;            /* how many */
    const tp_level **from;  /* per kb kind: its from-level, NULL for none */
    char **from_bad;        /* per kb kind: a from-level that is no level */
    tp_strset text_bad;     /* "kind id from-level" of texts whose from-level is no level */
    tp_trigger *rows;       /* the flag table's rows (flag-trigger facts) */
    int nrows;              /* how many */
    tp_trigger *combos;     /* combination floors */
    int ncombos;            /* how many */
    const tp_kb *kb;        /* the knowledge base */
    tp_policy_entry *index; /* open addressing by kind and id; kind NULL: free */
    size_t index_size;      /* its slots, a power of two */
} tp_policy;

/* Reads the policy facts of a reset engine. */
void tp_policy_read(tp_policy *p, const tp_kb *kb, tp_engine *e);
void tp_policy_free(tp_policy *p);

/* Reads the flag-level facts of a reset engine; returns how many. */
int tp_flags_read(tp_engine *e, tp_flag **out);
void tp_flags_free(tp_flag *f, int n);

const tp_flag *tp_policy_flag(const tp_policy *p, const char *kind, const char *id);
const tp_flag *tp_policy_floor(const tp_policy *p, const char *kind, const char *id);
/* Whether conclusions of kind are flags: the kind's role is warning, or a
 * flag-level or safety-floor fact names the kind. */
int tp_policy_flag_kind(const tp_policy *p, const char *kind);

/* Whether case c meets condition x (c's answer to its question is one of
 * its values, or a number in its range). */
int tp_cond_met(const tp_kb *kb, const tp_case *c, const tp_cond *x);
/* Whether case c meets every condition of t. */
int tp_trigger_met(const tp_kb *kb, const tp_case *c, const tp_trigger *t);
/* The more urgent of kind id's flag-level and safety floor, or NULL. */
const tp_level *tp_policy_flag_call(const tp_policy *p, const char *kind, const char *id);

/* Called once per violation: what went wrong, and the expect line (may be
 * empty) that a counterexample file should carry. */
typedef void (*tp_violation_fn)(void *ud, const char *what, const char *expect);

/* Checks one judged result of case c against every result invariant:
 * flags (warning, flag-level, floor), requires, forbids, useful, from-level.
 * Returns the number of violations. */
int tp_policy_check(const tp_policy *p, const tp_case *c, const tp_result *r, tp_violation_fn fn,
                    void *ud);

/* Where a fact of template tmpl with (kind kind) and (id id) is written:
 * "file:line", or the kb folder when not found. With span, also its file
 * index and byte range [start, end). */
void tp_fact_where(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, char *out,
                   size_t outlen);
int tp_fact_span(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, int *file,
                 size_t *start, size_t *end);
/* Whether the flag-level or safety-floor fact of kind id is not written but
 * made from the level of its row of the flag table (flag-trigger); then
 * sets the row's file index and byte range (file may be NULL).
 * tp_fact_span and tp_fact_where give the row for such a fact. */
int tp_fact_derived(const tp_kb *kb, const char *tmpl, const char *kind, const char *id, int *file,
                    size_t *start, size_t *end);
/* The same for any slots: slots is NULL-terminated, vals parallel (a NULL
 * value matches anything). */
void tp_fact_where_slots(const tp_kb *kb, const char *tmpl, const char *const *slots,
                         const char *const *vals, char *out, size_t outlen);
int tp_fact_span_slots(const tp_kb *kb, const char *tmpl, const char *const *slots,
                       const char *const *vals, int *file, size_t *start, size_t *end);
/* The end (one past the closing parenthesis) of the list opening at text[i],
 * skipping strings and comments; 0 when it never closes. */
size_t tp_sexp_end(const char *text, size_t i);

#endif
