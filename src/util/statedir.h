/* statedir.h: tptriage's own folders under the XDG base folders (the
 * session's autosave and history, the diary), trusted only when safe, and
 * the way files there are opened (regular files only: a FIFO never hangs).
 *
 * A folder is used only when it is a real folder (not a link), owned by the
 * user, and not writable by group or others: a folder someone else made or
 * can write to in a shared XDG_STATE_HOME could plant answers or read them.
 * Nothing is read from a refused folder; the message says how to fix it. */
#ifndef TP_STATEDIR_H
#define TP_STATEDIR_H

#include "util.h"

/* The path of NAME in $VAR/tptriage, or, when VAR is unset or not absolute,
 * in ~/HOME_REL/tptriage (folders made 0700 as needed). Malloc'ed. NULL
 * when there is neither $VAR nor $HOME (err.msg empty), or when the
 * tptriage folder is not safe (err says why and how to fix it). */
char *tp_xdg_file(const char *var, const char *home_rel, const char *name, tp_error *err);
/* tp_xdg_file("XDG_STATE_HOME", ".local/state", name, err). */
char *tp_state_file(const char *name, tp_error *err);

/* Opens path (O_RDONLY, or flags) with O_NONBLOCK and O_NOFOLLOW, and keeps
 * it only when it is a regular file: a FIFO, device, folder or link is
 * refused ("PATH: is a FIFO (named pipe), not a regular file; not read", or
 * "not written" when opened for writing).
 * Returns the descriptor (blocking again), or -1 with err and errno
 * (ENOENT: no file). */
int tp_open_regular(const char *path, int flags, tp_error *err);
/* tp_read_file for a file in a state folder: regular files only. A missing
 * file gives NULL with errno ENOENT. */
char *tp_read_regular(const char *path, size_t max, size_t *len, tp_error *err);

#endif
