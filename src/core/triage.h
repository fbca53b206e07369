/* triage.h: the triage core behind one opaque handle.
 *
 * As Lua has one lua_State and jq one jq_state, every front end and tool
 * reaches the knowledge base, the rule engine and the judge through one
 * tp_triage: open a knowledge base, clone it for another thread, judge a
 * case, or take one step of an interview. The handle never prints; the
 * caller owns all input and output. The engine and the judge under it are
 * private to src/core (CMake keeps their headers off every other layer's
 * include path). */
#ifndef TP_TRIAGE_H
#define TP_TRIAGE_H

#include "kbpolicy.h"
#include "result.h"
#include "ruleinfo.h"

typedef struct tp_triage tp_triage;

/* Reads and loads the knowledge base in dir (NULL: found as tp_kb_locate
 * finds it). Returns the handle, or NULL with "file:line: what" in err. */
tp_triage *tp_triage_open(const char *dir, tp_error *err);
/* A handle for another thread: the same knowledge base (shared, read-only,
 * kept until its last handle closes), its own engine and judge. */
tp_triage *tp_triage_clone(tp_triage *t, tp_error *err);
/* A handle on a knowledge base description the caller keeps alive (and
 * may have changed, as the mutation report does): its own engine, loaded
 * from kb's files, and judge. */
tp_triage *tp_triage_borrow(const tp_kb *kb, tp_error *err);
void tp_triage_close(tp_triage *t);

/* The knowledge base as the host sees it (questions, levels, texts). */
const tp_kb *tp_triage_kb(const tp_triage *t);

/* Judges a whole case, as batch does; the result lives until the next
 * call on this handle. */
int tp_triage_case(tp_triage *t, const tp_case *c, tp_result *r, tp_error *err);

/* ---- the result cache --------------------------------------------------------------
 * Results kept by the canonical form of a case's answers (sorted by
 * question; values as normalised): the same answers give a copy of the
 * result judged first, and so the same output byte for byte (the output is
 * a function of the result). One cache per handle (a clone gets its own,
 * of the same bound): no two threads share one. A reload is a new handle,
 * so a new, empty cache; a cache also empties itself if asked about another
 * knowledge base. Off unless tp_triage_cache turns it on (batch and serve
 * do). */

#define TP_RESULT_CACHE_DEFAULT 4096  /* results kept by batch and serve */
#define TP_RESULT_CACHE_MAX (1 << 20) /* at most */

typedef struct {
    long hits, misses, evictions; /* lookups that found a result, did not; results dropped */
    int entries, cap;             /* results kept now, and at most */
} tp_cache_stats;

/* Keeps up to entries results from now on (0: none, and the cache freed);
 * any results kept before are forgotten. */
void tp_triage_cache(tp_triage *t, int entries);
/* tp_triage_case through the cache: for callers that read only the result.
 * On a hit the engine is not run, so its working memory is not this case's:
 * what reads the engine after judging (explanations, why-not) calls
 * tp_triage_case. */
int tp_triage_result(tp_triage *t, const tp_case *c, tp_result *r, tp_error *err);
void tp_triage_cache_stats(const tp_triage *t, tp_cache_stats *out);
/* A cache size as text: a number from 0 to TP_RESULT_CACHE_MAX. 0 or -1. */
int tp_triage_cache_parse(const char *s, int *entries);
/* $TPTRIAGE_RESULT_CACHE, when set and not empty, into *entries (0: no
 * cache, N: N results). Returns 0, or -1 with err when it is not a size. */
int tp_triage_cache_env(int *entries, tp_error *err);

/* ---- the interview step ----------------------------------------------------------
 * The one place where "given these answers, what now?" is decided. The
 * session, serve's /v1/interview and its web page, check's interview
 * comparison and the safety verification all call it, so what check proves
 * of it is what every front end shows. */

enum {
    TP_STEP_GROUPED = 1,  /* ask a checklist (facts/groups.clp) as one prompt */
    TP_STEP_NEXT_ONLY = 2 /* only what is asked next (no result): for walks
                             that judge the end once, as check's comparison */
};

typedef struct {
    const tp_question *next; /* asked next (with a checklist: its first item
                                the rules want); NULL: the interview is over */
    int items[TP_GROUP_MAX]; /* TP_STEP_GROUPED: the checklist asked now
                                (question indexes, next among them) */
    int nitems;              /* how many; 0: next is asked on its own */
    const tp_group *group;   /* the checklist's group, or NULL */
    int pending;             /* prompts left: questions the rules ask that
                                have no answer (a checklist counts once) */
    const tp_level *reached; /* the level the answers given call for, open
                                questions not counted: what alerts follow */
    const tp_level *level;   /* the level that stands now, open safety
                                questions counted as batch counts them: what
                                a front end shows as "so far"; never less
                                urgent than reached */
    int alert;               /* reached's facts ask for an alert at once */
    int stop_pressing;       /* stop pressing now (raised by an answer) */
    const tp_text *stop;     /* then its text (facts/texts.clp), or NULL */
    int provisional;         /* questions are left open */
    tp_result result;        /* what batch gives for these answers (not with
                                TP_STEP_NEXT_ONLY); lives until the next call */
} tp_step;

/* One step of an interview: judges the answers so far and fills out.
 * ask_first: a question to ask next if the rules still ask it and it has no
 * answer (a session's :change), or NULL. Returns 0, or -1 with err. */
int tp_triage_step(tp_triage *t, const tp_case *answers, int flags, const tp_question *ask_first,
                   tp_step *out, tp_error *err);

/* ---- what the tools read through the handle ---------------------------------------- */

/* Every rule's shape (ruleinfo.h), described once per handle. */
const tp_rule_set *tp_triage_rules(tp_triage *t);
/* The safety policy facts (kbpolicy.h) and the flag-level facts. */
void tp_triage_policy(tp_triage *t, tp_policy *p);
int tp_triage_flags(tp_triage *t, tp_flag **out);
/* Walks the facts of a template in the engine's working memory; slots are
 * read with the two calls after it. */
int tp_triage_each(tp_triage *t, const char *tmpl, tp_fact_fn fn, void *ud);
const char *tp_triage_fact_str(tp_triage *t, tp_fact *f, const char *slot);
int tp_triage_fact_int(tp_triage *t, tp_fact *f, const char *slot, long long *out);
/* A multislot's values, at most max; returns how many there are in all. */
int tp_triage_fact_values(tp_triage *t, tp_fact *f, const char *slot, tp_value *out, int max);
/* Counting rule firings (coverage): on or off, and a rule's count. */
void tp_triage_count_firings(tp_triage *t, int on);
long tp_triage_firings(tp_triage *t, const char *rule);
/* Each rule's name and source text as the engine prints it. */
int tp_triage_rule_texts(tp_triage *t, int (*fn)(void *ud, const char *name, const char *text),
                         void *ud);
/* What the sandbox refuses: function names, then construct kinds. */
const char *const *tp_triage_denied_functions(void);
const char *const *tp_triage_denied_constructs(void);

#endif
