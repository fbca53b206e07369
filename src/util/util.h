/* util.h: errors, growable buffers, an arena, files and hashing. */
#ifndef TP_UTIL_H
#define TP_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit codes of the program, documented in docs/output.md and the man page. */
typedef enum {
    TP_EXIT_OK = 0,          /* all fine */
    TP_EXIT_EXPECT = 1,      /* an expectation (or a check) failed */
    TP_EXIT_BAD_INPUT = 2,   /* some input was bad; the rest was still judged */
    TP_EXIT_KB = 3,          /* the knowledge base failed to load */
    TP_EXIT_USAGE = 64,      /* the command line was wrong */
    TP_EXIT_SOFTWARE = 70,   /* a worker process died or could not start (sysexits' EX_SOFTWARE) */
    TP_EXIT_IOERR = 74,      /* writing stdout or stderr failed (sysexits' EX_IOERR) */
    TP_EXIT_INTERRUPT = 130, /* stopped by Ctrl-C */
} tp_exit;

/* An error message being built up by a module, reported by its caller. */
typedef struct {
    char msg[1024]; /* "file:line: what went wrong", or empty */
} tp_error;

void tp_error_set(tp_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The one place that writes errors for people: "tptriage: msg" on stderr. */
void tp_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports a command-line mistake as "tptriage: CMD: what (tptriage CMD --help)"
 * and returns TP_EXIT_USAGE. */
int tp_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The usual mistake with argument arg: an option of with_values (a
 * NULL-terminated list) given without its value, an option the command does
 * not know, or an argument it does not take. Returns TP_EXIT_USAGE. */
int tp_bad_option(const char *cmd, const char *arg, const char *const *with_values);

/* A growable byte buffer, always NUL-terminated. */
typedef struct {
    char *data; /* the bytes */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
} tp_buf;

void tp_buf_add(tp_buf *b, const char *s, size_t n);
void tp_buf_puts(tp_buf *b, const char *s);
void tp_buf_printf(tp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tp_buf_free(tp_buf *b);

/* A set of strings, each kept once, in the order added; owns copies. */
typedef struct {
    char **v;   /* the strings */
    int n, cap; /* count and capacity */
} tp_strset;

/* Adds a copy of str unless it is there; returns 1 if added. */
int tp_strset_add(tp_strset *s, const char *str);
int tp_strset_has(const tp_strset *s, const char *str);
void tp_strset_clear(tp_strset *s); /* empties, keeps memory */
void tp_strset_free(tp_strset *s);

/* A bump allocator for strings that live until the next reset. */
typedef struct tp_arena_block tp_arena_block;
typedef struct {
    tp_arena_block *head; /* newest block */
} tp_arena;

void *tp_arena_alloc(tp_arena *a, size_t n);
char *tp_arena_strdup(tp_arena *a, const char *s);
void tp_arena_reset(tp_arena *a); /* keeps the first block for reuse */
void tp_arena_free(tp_arena *a);

void *tp_xmalloc(size_t n);
void *tp_xrealloc(void *p, size_t n);
char *tp_xstrdup(const char *s);

/* Reads a whole file, at most max bytes. Returns NULL with err set. */
char *tp_read_file(const char *path, size_t max, size_t *len, tp_error *err);
/* The same from an open descriptor (closed here); path names it in err. */
char *tp_read_fd(int fd, const char *path, size_t max, size_t *len, tp_error *err);
/* The one safe writer (safewrite.c): data goes to a fresh temporary file
 * (mkstemp) in path's folder, is synced, and is renamed over path; the
 * folder is synced. Only a regular file is replaced: a symbolic link,
 * folder, device, FIFO or socket at path is refused with err set. An
 * file gets mode, whatever the umask and whatever it had (0600 for every
 * file holding answers: reports, saved answers, the autosave, the diary,
 * the history); with TP_MODE_KEEP an existing file keeps its mode and a new
 * one gets 0666 minus the umask. Returns 0, or -1 with err set and the old
 * file as it was. */
int tp_write_file(const char *path, const char *data, size_t len, int mode, tp_error *err);
#define TP_MODE_KEEP (-1)    /* tp_write_file: keep the mode, or 0666 minus the umask */
#define TP_MODE_PRIVATE 0600 /* tp_write_file: the mode of every file holding answers */
/* "a folder", "a device", "a FIFO (named pipe)", ... for a stat mode. */
const char *tp_file_kind(unsigned mode);
/* tp_write_file for files a person names (reports, saved answers). */
int tp_write_file_atomic(const char *path, const char *data, size_t len, tp_error *err);

/* FNV-1a, 64 bits. */
uint64_t tp_hash(uint64_t h, const void *data, size_t n);
#define TP_HASH_INIT 1469598103934665603ULL

/* Monotonic time in seconds. */
double tp_now(void);

/* Today, as days since 1970-01-01 (local time, or TPTRIAGE_TODAY). */
long tp_date_today(void);
/* "2026-11-28" for a day number, into out (11 bytes); and back (-1 when
 * text is not such a date). */
void tp_date_text(long day, char out[11]);
long tp_date_parse(const char *text);

/* Folds text for matching: ASCII letters in lower case, each run of blanks,
 * '-' and '_' as one '-', none at either end, and a final '.' or '!' gone. */
void tp_fold(const char *in, char *out, size_t len);

#endif
