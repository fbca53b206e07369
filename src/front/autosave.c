/* autosave.c: a session's answers kept on disk while it runs, one slot per
 * running session held by a lock (see autosave.h). */
#include "autosave.h"

#include "statedir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 64 /* sessions that can run at once, each with its own file */

struct tp_autosave {
    char *base;  /* BASE: the slots are BASE.sym, BASE-2.sym, ... */
    int slot;    /* the slot held (1..SLOTS), or 0 */
    int lockfd;  /* its lock file, locked (flock), or -1 */
    char *path;  /* its file (or the first slot's when none is held) */
    tp_buf last; /* what was last written there (or read from it) */
    int warned;  /* a failed save has been said */
    int owned;   /* the file holds this session's answers (else it is left alone) */
    int saved;   /* the answers last given are in the file */
};

/* BASE.EXT for slot 1, BASE-N.EXT for slot N (malloc'ed). */
static char *slot_name(const tp_autosave *a, int slot, const char *ext)
{
    tp_buf b = {0};
    if (slot == 1)
        tp_buf_printf(&b, "%s.%s", a->base, ext);
    else
        tp_buf_printf(&b, "%s-%d.%s", a->base, slot, ext);
    return b.data;
}

tp_autosave *tp_autosave_open(const char *base)
{
    if (!base)
        return NULL;
    tp_autosave *a = calloc(1, sizeof *a);
    a->base = tp_xstrdup(base);
    a->lockfd = -1;
    a->path = slot_name(a, 1, "sym");
    return a;
}

/* Lets the slot held go (its file stays). */
static void release(tp_autosave *a)
{
    if (a->lockfd >= 0)
        close(a->lockfd); /* the lock goes with it */
    a->lockfd = -1;
    a->slot = 0;
    a->owned = 0;
    a->last.len = 0;
}

void tp_autosave_free(tp_autosave *a)
{
    if (!a)
        return;
    release(a);
    free(a->base);
    free(a->path);
    tp_buf_free(&a->last);
    free(a);
}

const char *tp_autosave_path(const tp_autosave *a)
{
    return a->path;
}

/* Holds slot if no running session does: 0, or -1. */
static int hold(tp_autosave *a, int slot)
{
    char *lock = slot_name(a, slot, "lock");
    int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    free(lock);
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return -1;
    }
    release(a);
    a->lockfd = fd;
    a->slot = slot;
    free(a->path);
    a->path = slot_name(a, slot, "sym");
    return 0;
}

/* Whether nothing at all is at path. */
static int absent(const char *path)
{
    struct stat st;
    return lstat(path, &st) != 0 && errno == ENOENT;
}

/* The modification time of a regular file at path, or -1. */
static long mtime_of(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    return (long)st.st_mtime;
}

long tp_autosave_find(tp_autosave *a)
{
    int best = 0;
    long best_time = -1;
    for (int slot = 1; slot <= SLOTS; slot++) {
        char *path = slot_name(a, slot, "sym");
        long t = mtime_of(path);
        free(path);
        if (t < 0 || t <= best_time)
            continue;
        tp_autosave probe = {.base = a->base, .lockfd = -1};
        if (hold(&probe, slot) != 0)
            continue; /* a running session's */
        close(probe.lockfd);
        free(probe.path);
        best = slot;
        best_time = t;
    }
    if (!best || hold(a, best) != 0)
        return -1;
    return tp_autosave_age(a);
}

long tp_autosave_age(const tp_autosave *a)
{
    if (!a->slot)
        return -1;
    long t = mtime_of(a->path);
    if (t < 0)
        return -1;
    long age = (long)time(NULL) - t;
    return age < 0 ? 0 : age;
}

void tp_autosave_age_text(long s, char *out, size_t len)
{
    if (s < 60)
        snprintf(out, len, "just now");
    else if (s < 3600)
        snprintf(out, len, "%ld minute%s ago", s / 60, s / 60 == 1 ? "" : "s");
    else if (s < 86400)
        snprintf(out, len, "%ld hour%s ago", s / 3600, s / 3600 == 1 ? "" : "s");
    else
        snprintf(out, len, "%ld day%s ago", s / 86400, s / 86400 == 1 ? "" : "s");
}

/* Keeps a file that could not be resumed as PATH.old, for a person to read. */
static void keep_aside(tp_autosave *a)
{
    tp_buf old = {0};
    tp_buf_printf(&old, "%s.old", a->path);
    rename(a->path, old.data);
    tp_buf_free(&old);
}

int tp_autosave_restore(tp_autosave *a, const tp_kb *kb, tp_case *c, tp_error *err)
{
    tp_case_init(c, "session");
    if (!a->slot) {
        tp_error_set(err, "%s: no unfinished session is held", a->path);
        return -1;
    }
    size_t len;
    char *text = tp_read_regular(a->path, TP_SYMFILE_MAX, &len, err);
    if (!text)
        return -1;
    if (tp_symfile_parse(c, kb, a->path, text, len, err) != 0) {
        tp_case_free(c);
        tp_case_init(c, "session");
        free(text);
        keep_aside(a);
        return -1;
    }
    a->last.len = 0;
    tp_buf_add(&a->last, text, len);
    a->owned = 1;
    a->saved = 1;
    free(text);
    return c->nanswers;
}

void tp_autosave_discard(tp_autosave *a)
{
    if (!a->slot)
        return; /* only a file this session holds */
    if (unlink(a->path) != 0 && errno != ENOENT && !a->warned) {
        a->warned = 1;
        tp_report("%s: cannot remove: %s", a->path, strerror(errno));
    }
    a->last.len = 0;
    a->owned = 0;
    a->saved = 0;
}

/* Holds a slot with no file in it, for this session's own answers: 0, or
 * -1 with err. */
static int claim(tp_autosave *a, tp_error *err)
{
    if (a->slot && a->owned)
        return 0;
    if (a->slot && absent(a->path))
        return 0; /* held and empty (declined or kept aside) */
    release(a);
    for (int slot = 1; slot <= SLOTS; slot++) {
        char *path = slot_name(a, slot, "sym");
        int empty = absent(path);
        free(path);
        if (empty && hold(a, slot) == 0) {
            if (absent(a->path))
                return 0;
            release(a); /* saved by another between the look and the lock */
        }
    }
    tp_error_set(err, "%s: no free place: %d sessions are running or left unfinished", a->base,
                 SLOTS);
    return -1;
}

int tp_autosave_update(tp_autosave *a, const tp_case *c, const tp_kb *kb, int done, tp_error *err)
{
    if (done || c->nanswers == 0) {
        if (a->owned)
            tp_autosave_discard(a);
        a->saved = 0;
        return 0;
    }
    tp_buf text = {0};
    tp_buf_printf(&text, "# tptriage: an unfinished session (knowledge base %s)\n", kb->hash);
    tp_symfile_write(c, kb, &text);
    int rv = 0;
    if (!a->owned || a->last.len != text.len || memcmp(a->last.data, text.data, text.len) != 0) {
        a->saved = 0;
        rv = claim(a, err);
        if (rv == 0)
            rv = tp_write_file(a->path, text.data, text.len, TP_MODE_PRIVATE, err);
        a->last.len = 0;
        if (rv == 0) {
            tp_buf_add(&a->last, text.data, text.len);
            a->owned = 1;
            a->saved = 1;
        } else if (a->warned)
            rv = 0; /* said once is enough */
        else
            a->warned = 1;
    }
    tp_buf_free(&text);
    return rv;
}

int tp_autosave_saved(const tp_autosave *a)
{
    struct stat st;
    return a->saved && a->slot && lstat(a->path, &st) == 0 && S_ISREG(st.st_mode) &&
           (size_t)st.st_size == a->last.len;
}
