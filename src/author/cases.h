/* cases.h: `tptriage cases add`: adds an answer to every case file that
 * lacks it, in place and atomically, keeping comments and order. */
#ifndef TP_CASES_H
#define TP_CASES_H

#include "opts.h"

/* cases's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_cases_spec;

/* Runs `tptriage cases add ...` (argv[0] is "cases"). Returns an exit code:
 * 0 done, 2 a file could not be changed, 3 knowledge base, 64 usage. */
int tp_cases_main(int argc, char **argv);

#endif
