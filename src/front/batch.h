/* batch.h: judging many cases: files, folders, and JSON Lines on stdin,
 * with forked workers whose output is merged back in input order. */
#ifndef TP_BATCH_H
#define TP_BATCH_H

#include "opts.h"

/* batch's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_batch_spec;

/* Runs `tptriage batch ...` (argv[0] is "batch"). Returns an exit code. */
int tp_batch_main(int argc, char **argv);

#endif
