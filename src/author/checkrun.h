/* checkrun.h: `tptriage check` as a command, and the checks `:reload` and
 * serve's reload require of a knowledge base before it replaces the one
 * running (see checkrun.c). */
#ifndef TP_CHECKRUN_H
#define TP_CHECKRUN_H

#include "opts.h"
#include "triage.h"

/* check's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_check_spec;

/* What `:reload` requires of a knowledge base before it replaces the one
 * running: no refused function, no static problem (flag levels, the safety
 * floor), every case file of its facts/cases as expected, and a quick safety
 * verification of about `budget` combinations (0: none) in this process.
 * Appends what fails to why; returns the number of problems. */
int tp_check_strict(tp_triage *t, long budget, tp_buf *why);

/* Runs `tptriage check ...` (argv[0] is "check"). Returns an exit code. */
int tp_check_main(int argc, char **argv);

#endif
