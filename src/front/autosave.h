/* autosave.h: a session's answers kept on disk while it runs, so that a
 * closed terminal, a dropped connection or a kill loses nothing, and two
 * sessions at once never touch each other's.
 *
 * Each running session holds one slot of the state folder: BASE.sym (the
 * first), BASE-2.sym, BASE-3.sym, ... each with its lock file (BASE.lock,
 * BASE-2.lock: flock, held while the session runs; a lock file is never
 * removed). After every answer the answers are written (tp_write_file, mode
 * 0600) as a symptom file to the slot held; a finished or quit session
 * removes its file; a new session offers to resume the newest file no
 * running session holds, and only that one can be declined (removed).
 * This module knows answers and files only: the session gives it its case
 * and knowledge base, and takes the answers back. */
#ifndef TP_AUTOSAVE_H
#define TP_AUTOSAVE_H

#include "case.h"

typedef struct tp_autosave tp_autosave;

/* The autosave slots of BASE (a path without ".sym": the session passes
 * $XDG_STATE_HOME/tptriage/autosave); nothing is held yet. */
tp_autosave *tp_autosave_open(const char *base);
void tp_autosave_free(tp_autosave *a); /* lets its slot go */
/* The file of the slot held (or of the first slot when none is held). */
const char *tp_autosave_path(const tp_autosave *a);

/* Finds the newest unfinished session that no running session holds, and
 * holds it. Returns its age in seconds, or -1 when there is none. */
long tp_autosave_find(tp_autosave *a);
/* Seconds since the file of the slot held was saved, or -1 when there is
 * none. */
long tp_autosave_age(const tp_autosave *a);
/* "just now", "10 minutes ago", "3 hours ago", "2 days ago". */
void tp_autosave_age_text(long seconds, char *out, size_t len);

/* Reads the answers of the file found into c (initialised here) for kb; the
 * file is then this session's. On an error (the knowledge base changed so
 * they no longer fit) err is set and the file is kept as PATH.old. Returns
 * the number of answers, or -1. */
int tp_autosave_restore(tp_autosave *a, const tp_kb *kb, tp_case *c, tp_error *err);

/* After every line: saves answers c when they changed (in a slot of this
 * session's own); removes the file when done or there are no answers (only
 * a file this session wrote or resumed). Returns -1 with err set when the
 * save failed (said once; the session goes on). */
int tp_autosave_update(tp_autosave *a, const tp_case *c, const tp_kb *kb, int done, tp_error *err);
/* Removes the file of the slot held (a finished, quit or declined session). */
void tp_autosave_discard(tp_autosave *a);
/* Whether the answers last given to tp_autosave_update are on disk now
 * (what "your answers are saved" may say). */
int tp_autosave_saved(const tp_autosave *a);

#endif
