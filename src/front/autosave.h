/* autosave.h: the session's answers kept on disk while it runs, so that a
 * closed terminal, a dropped connection or a kill loses nothing.
 *
 * After every answer the answers are written (tp_write_file, mode 0600) to
 * $XDG_STATE_HOME/tptriage/autosave.sym (default ~/.local/state/tptriage,
 * folders made 0700) as a symptom file; a finished or quit session removes
 * it; the next session offers to resume from it. */
#ifndef TP_AUTOSAVE_H
#define TP_AUTOSAVE_H

#include "session.h"

typedef struct tp_autosave tp_autosave;

/* The path of file name in tptriage's state folder, made (0700) as needed:
 * $XDG_STATE_HOME/tptriage/NAME or ~/.local/state/tptriage/NAME. Malloc'ed;
 * NULL when there is neither $XDG_STATE_HOME nor $HOME. */
char *tp_state_file(const char *name);
/* The same under another XDG folder: $VAR/tptriage/NAME, or, when VAR is
 * unset or not absolute, ~/HOME_REL/tptriage/NAME (the diary is
 * tp_xdg_file("XDG_DATA_HOME", ".local/share", "diary.jsonl")). */
char *tp_xdg_file(const char *var, const char *home_rel, const char *name);

/* The autosave of this user; NULL when there is no state folder. */
tp_autosave *tp_autosave_open(void);
void tp_autosave_free(tp_autosave *a);
const char *tp_autosave_path(const tp_autosave *a);

/* Seconds since an unfinished session was saved, or -1 when there is none. */
long tp_autosave_age(const tp_autosave *a);
/* "just now", "10 minutes ago", "3 hours ago", "2 days ago". */
void tp_autosave_age_text(long seconds, char *out, size_t len);

/* Gives the saved answers to s, which has not begun yet. On an error (the
 * knowledge base changed so they no longer fit) err is set and the file is
 * kept as PATH.old. Returns the number of answers, or -1. */
int tp_autosave_restore(tp_autosave *a, tp_session *s, tp_error *err);

/* After every line: saves the answers when they changed; removes the file
 * when the session is done or has no answers (only a file this session
 * wrote or resumed: with --fresh an older one is left until replaced). Returns -1 with err set when
 * the save failed (said once; the session goes on). */
int tp_autosave_update(tp_autosave *a, const tp_session *s, tp_error *err);
/* Removes the file (a finished, quit or declined session). */
void tp_autosave_discard(tp_autosave *a);

#endif
