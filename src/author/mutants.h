/* mutants.h: `tptriage check --mutants`: small edits of the loaded
 * knowledge base (a rule deleted, a flag level lowered one step, an unsure
 * dropped from a flag pattern), each judged in memory by the static checks,
 * the case files and the safety verifier; a mutant nothing kills is a gap
 * in the case files or the checks. The user's files are never written. */
#ifndef TP_MUTANTS_H
#define TP_MUTANTS_H

#include "kb.h"

typedef struct {
    const char *const *case_dirs; /* folders of case files (facts/cases first) */
    int ncase_dirs;               /* how many */
    long budget;                  /* verifier combinations per mutant */
    int workers;                  /* processes, each judging whole mutants */
} tp_mutant_opts;

/* Builds and judges every mutant of kb; prints the report on stdout.
 * Returns the number of survivors, or -1 when the unmutated knowledge base
 * itself fails (then no mutant is judged). */
int tp_mutants_run(const tp_kb *kb, const tp_mutant_opts *o);

#endif
