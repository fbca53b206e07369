/* kbcheck.h: `tptriage check`, the rule author's safety net: refuses rules
 * that reach files or the system, loads the knowledge base, checks that
 * every rule, question and conclusion is complete, runs the case files,
 * reports coverage and verifies the safety invariants. */
#ifndef TP_KBCHECK_H
#define TP_KBCHECK_H

#include "opts.h"
#include "ruleinfo.h"
#include "triage.h"

/* check's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_check_spec;

/* Scans one knowledge-base file's raw text for calls to functions that
 * reach files, the system or the rule parser; appends "path:line: ..." per
 * call found to out and returns how many. */
int tp_check_scan(const char *path, const char *text, tp_buf *out);

/* Static checks of a loaded knowledge base. Appends problems to errors and
 * findings that do not fail the check to notes; returns the problem count. */
int tp_check_static(tp_triage *t, tp_buf *errors, tp_buf *notes);

/* Lists the .sym files of a folder, sorted, into *paths (malloc'd). */
int tp_sym_list(const char *dir, char ***paths, int *n);
void tp_sym_list_free(char **paths, int n);

/* What `:reload` requires of a knowledge base before it replaces the one
 * running: no refused function, no static problem (flag levels, the safety
 * floor), every case file of its facts/cases as expected, and a quick safety
 * verification of about `budget` combinations (0: none) in this process.
 * Appends what fails to why; returns the number of problems. */
int tp_check_strict(tp_triage *t, long budget, tp_buf *why);

/* Runs `tptriage check ...` (argv[0] is "check"). Returns an exit code. */
int tp_check_main(int argc, char **argv);

#endif
