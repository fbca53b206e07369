/* testutil.h: helpers shared by the Check suites. */
#ifndef TP_TESTUTIL_H
#define TP_TESTUTIL_H

#include "triage_int.h" /* the unit tests reach the engine and judge under the handle */

#include <check.h>

/* A knowledge base opened through the handle, with its parts at hand. */
typedef struct {
    tp_triage *t;    /* the handle */
    const tp_kb *kb; /* its knowledge base */
    tp_engine *e;    /* its engine */
    tp_judge *j;     /* its judge */
} tu_world;

/* The unit tests' knowledge base is the small fixture in tests/fixture/kb
 * (TP_FIXTURE_KB), never the clinical one: renaming a clinical id breaks no
 * unit test. */

/* Opens the knowledge base in dir (NULL: the fixture); fails the test when it
 * does not load. */
void tu_world_open(tu_world *w, const char *dir);
void tu_world_close(tu_world *w);

/* Opens the fixture knowledge base (aborts the test on failure). */
void tu_open_kb(tp_kb *kb, tp_engine **e);
/* Makes a temporary copy of the fixture knowledge base; returns its path
 * (static buffer). */
const char *tu_copy_kb(void);
/* Writes text to dir/rel. */
void tu_write(const char *dir, const char *rel, const char *text);
/* Parses symptom-file text into c (initialised here); fails the test on error. */
void tu_case(tp_case *c, const tp_kb *kb, const char *text);
/* Runs a suite; returns the number of failures. */
int tu_run(Suite *s);

#endif
