/* kbcheck.h: the checks of `tptriage check` (checkrun.c runs them), the rule
 * author's safety net: refuses rules that reach files or the system, and
 * checks that every rule, question and conclusion is complete. The mutation
 * report judges its mutants with the same calls. */
#ifndef TP_KBCHECK_H
#define TP_KBCHECK_H

#include "opts.h"
#include "ruleinfo.h"
#include "triage.h"

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

/* Scans the rules/ and facts/ files of folder dir as tp_check_scan does;
 * returns the calls found. */
int tp_check_scan_kb(const char *dir, tp_buf *out);
/* Whether some rule concludes kind (and id, when not NULL) by name. */
int tp_check_kind_concluded(const tp_rule_set *rs, const char *kind, const char *id);

/* Where rule r is written, "file:line" (the kb folder when unknown). */
void tp_check_rule_where(const tp_rule_desc *r, const tp_kb *kb, char *out, size_t outlen);

#endif
