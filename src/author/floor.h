/* floor.h: the approved safety policy. The safety floors, the combination
 * floors (facts/safety-floor.clp) and the flag table's rows
 * (facts/flags.clp) are pinned by an approval record (facts/floor-approval.clp:
 * who approved, when, the approved entries and their hash). `check`,
 * `:reload` and `diff` show the same banner when they differ; `tptriage
 * floor approve --by NAME` writes a new record. */
#ifndef TP_FLOOR_H
#define TP_FLOOR_H

#include "triage.h"
#include "opts.h"

/* floor's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_floor_spec;

/* Runs `tptriage floor approve --by NAME` (argv[0] is "floor"). Returns an
 * exit code: 0 written (or already approved), 2 the file could not be
 * written, 3 knowledge base, 64 usage. */
int tp_floor_main(int argc, char **argv);

/* Compares the safety policy of a reset engine's knowledge base with its
 * approval record. Writes the banner and one line per difference to out
 * (nothing when approved); returns the number of differences. *worse (may
 * be NULL): how many lower, remove or change what was approved. */
int tp_floor_check(tp_triage *t, tp_buf *out, int *worse);

#endif
