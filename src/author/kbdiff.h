/* kbdiff.h: `tptriage diff --kb OLD --kb NEW PATH...`: the cases whose
 * level or recommendations change between two knowledge bases. */
#ifndef TP_KBDIFF_H
#define TP_KBDIFF_H

#include "opts.h"

/* diff's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_diff_spec;

/* Runs the command (argv[0] is "diff"). Exit 0 when no case changes, 1 when
 * some do, 2 when a case could not be read or judged, 3 when a knowledge
 * base failed to load, 64 on usage errors. */
int tp_diff_main(int argc, char **argv);

#endif
