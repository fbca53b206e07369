/* graph.h: `tptriage graph`: the knowledge base as a Graphviz DOT picture,
 * questions -> rules -> conclusions, coloured by level. */
#ifndef TP_GRAPH_H
#define TP_GRAPH_H

#include "opts.h"

/* graph's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_graph_spec;

#include "triage.h"

/* Writes the DOT text of a loaded knowledge base to out. */
void tp_graph_dot(tp_triage *t, tp_buf *out);

/* Runs `tptriage graph [--kb DIR]` (argv[0] is "graph"). */
int tp_graph_main(int argc, char **argv);

#endif
