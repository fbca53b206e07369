/* testutil.h: helpers shared by the Check suites. */
#ifndef TP_TESTUTIL_H
#define TP_TESTUTIL_H

#include "judge.h"

#include <check.h>

/* Opens the shipped knowledge base (aborts the test on failure). */
void tu_open_kb(tp_kb *kb, tp_engine **e);
/* Makes a temporary copy of the shipped knowledge base; returns its path
 * (static buffer). */
const char *tu_copy_kb(void);
/* Writes text to dir/rel. */
void tu_write(const char *dir, const char *rel, const char *text);
/* Parses symptom-file text into c (initialised here); fails the test on error. */
void tu_case(tp_case *c, const tp_kb *kb, const char *text);
/* Runs a suite; returns the number of failures. */
int tu_run(Suite *s);

#endif
