/* value.h: the few engine-facing types the public headers name: a value of
 * an answer, and opaque engine and fact handles. What can be done with an
 * engine is in private/engine.h, which only src/core sees; the rest of the
 * program holds these as opaque pointers from the handle (triage.h). */
#ifndef TP_VALUE_H
#define TP_VALUE_H

typedef struct tp_engine tp_engine;
typedef struct tp_fact tp_fact; /* a fact, valid until the next change */

/* One value of an answer: a symbol or, when sym is NULL, the integer num. */
typedef struct {
    const char *sym;
    long long num;
} tp_value;

/* Called for each fact of a template; a non-zero return stops the walk. */
typedef int (*tp_fact_fn)(void *ud, tp_fact *f);

#endif
