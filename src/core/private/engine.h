/* engine.h: the rule engine behind an opaque handle.
 *
 * This is the only interface to CLIPS; engine.c is the only file that includes
 * its headers. The engine never prints: every message CLIPS writes is captured
 * and handed to the caller, who owns all input and output. Strings returned
 * from facts live in CLIPS's symbol table and may be freed at the next reset or
 * run: callers copy what they keep. */
#ifndef TP_ENGINE_H
#define TP_ENGINE_H

#include "value.h"

#include <stddef.h>

tp_engine *tp_engine_new(void);
void tp_engine_free(tp_engine *e);

/* Loads the constructs in text (named file for messages), one at a time.
 * Returns 0, or -1 with "file:line: message" in err. */
int tp_engine_load(tp_engine *e, const char *file, const char *text, char *err, size_t errlen);

/* Makes the functions that reach files, the system or the parser unknown to
 * rules; call before loading a knowledge base. */
void tp_engine_sandbox(tp_engine *e);
/* What the sandbox refuses: NULL-terminated lists of function names, and of
 * construct kinds (functions that could call themselves). */
const char *const *tp_engine_denied_functions(void);
const char *const *tp_engine_denied_constructs(void);

/* Takes the constant strings that rules assert into slot of tmpl out of the
 * facts: each text is replaced, in the rules, by a short key of its own, so
 * CLIPS hashes a few bytes instead of the text whenever such a fact is
 * asserted or retracted; tp_fact_str gives the text back. Facts are equal
 * exactly when they were before (one key per text). Call after loading and
 * before reset. Returns how many strings were replaced. */
int tp_engine_detach(tp_engine *e, const char *tmpl, const char *slot);

/* Binary images of the loaded constructs (CLIPS's bsave and bload), for a
 * quicker start. tp_engine_image_save writes the constructs loaded from
 * source, and the strings tp_engine_detach took out of them, to path
 * (atomically, mode 0600), with tag (at most 47 bytes: what the image was
 * made from) and a checksum. tp_engine_image_load reads one into a new,
 * sandboxed engine with no constructs; the file is refused, with the reason
 * in err, when it is not such an image, has another tag, fails its
 * checksum, names functions the engine does not have, or defines functions.
 * After a refusal the engine may hold part of the image: free it. */
int tp_engine_image_save(tp_engine *e, const char *path, const char *tag, char *err, size_t errlen);
int tp_engine_image_load(tp_engine *e, const char *path, const char *tag, char *err, size_t errlen);
/* 0 when the constructs came from an image: rules have no source text then
 * (tp_engine_rules gives NULL ppforms). */
int tp_engine_has_text(tp_engine *e);

/* Resets working memory to the knowledge base's initial facts and records
 * the modules to focus, in order, before each run. */
int tp_engine_reset(tp_engine *e);
int tp_engine_set_phases(tp_engine *e, const char *const *modules, int n, char *err, size_t errlen);

/* Asserts (answer (question qid) (value ...)) as a case fact. Returns it
 * (valid until forgotten, the case cleared or the engine reset), or NULL when
 * the template or slot refused the value. */
tp_fact *tp_engine_answer(tp_engine *e, const char *qid, const tp_value *vals, int n);
/* Retracts one case fact, and with it all that rested on it. */
void tp_engine_forget(tp_engine *e, tp_fact *f);
/* Retracts this case's answers, and with them all that rested on them. */
void tp_engine_clear_case(tp_engine *e);

/* Focuses the phases and runs at most limit rule firings. Returns the number
 * fired, or -1 with the reason in err (an evaluation error, or the limit hit:
 * then the rule that kept firing is named). The engine is usable afterwards. */
long tp_engine_run(tp_engine *e, long limit, char *err, size_t errlen);

/* Whether a deftemplate of this name is defined. */
int tp_engine_has_template(tp_engine *e, const char *tmpl);
/* Walks the facts of a template (NULL template: no facts). */
int tp_engine_each(tp_engine *e, const char *tmpl, tp_fact_fn fn, void *ud);
/* A symbol or string slot; NULL when absent or of another type. */
const char *tp_fact_str(tp_engine *e, tp_fact *f, const char *slot);
/* An integer slot; returns 0 and sets *out, or -1. */
int tp_fact_int(tp_engine *e, tp_fact *f, const char *slot, long long *out);
/* A multislot's values, at most max; returns how many there are in all. */
int tp_fact_values(tp_engine *e, tp_fact *f, const char *slot, tp_value *out, int max);
/* Name of the fact's template. */
const char *tp_fact_template(tp_engine *e, tp_fact *f);

/* Calls fn for every fact that f rests on through (logical ...), following
 * derived facts down to the facts no rule made; derived facts of template
 * stop (may be NULL) are handed to fn instead of being followed. Each fact is
 * visited once. */
int tp_engine_support(tp_engine *e, tp_fact *f, const char *stop, tp_fact_fn fn, void *ud);

/* Rule introspection, for the clinician's tools. */
typedef struct {
    const char *name;   /* rule name */
    const char *module; /* module it lives in */
    const char *ppform; /* its source text, as CLIPS prints it */
} tp_rule_info;
typedef int (*tp_rule_fn)(void *ud, const tp_rule_info *r);
int tp_engine_rules(tp_engine *e, tp_rule_fn fn, void *ud);

/* How far a rule (of any module) matches: the number of its leading top-level
 * conditions that are satisfied together, and how many it has. Conditions
 * are counted as CLIPS counts them: the patterns inside (logical ...) one by
 * one, a (not ...) or (not (and ...)) as one, a (test ...) not at all (it
 * belongs to the pattern before it). Returns 0, or -1 for no such rule. */
int tp_engine_rule_progress(tp_engine *e, const char *rule, int *satisfied, int *total);

/* Messages CLIPS wrote since the last call (warnings, output of rules). */
const char *tp_engine_messages(tp_engine *e);
void tp_engine_clear_messages(tp_engine *e);

/* Counts rule firings per rule while on (for coverage). */
void tp_engine_count_firings(tp_engine *e, int on);
/* Firings of a rule since counting began. */
long tp_engine_firings(tp_engine *e, const char *rule);

#endif
