/* citecheck.h: what `check` proves about citations (issue 23, kind 12):
 * every source's section is one its source-sections fact (facts/
 * sources.clp) lists for its title, verbatim. */
#ifndef TP_CITECHECK_H
#define TP_CITECHECK_H

#include "triage.h"

/* Appends a problem (file:line and a hint) for every source whose title has
 * no source-sections fact or whose section that fact does not list; returns
 * how many. */
int tp_check_citations(tp_triage *t, tp_buf *errors);

#endif
