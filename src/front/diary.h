/* diary.h: the check-in diary. With the person's consent, each finished
 * session keeps its date, answers, result and a 0-10 pain score as one JSON
 * line in $XDG_DATA_HOME/tptriage/diary.jsonl (~/.local/share/tptriage), so
 * that a later session can compute how long self-care has gone on and
 * whether the pain is easing, and `tptriage diary` can show the course.
 * Plain JSON Lines, written whole through the safe writer (0600); a damaged
 * line is reported and skipped, never fatal. TPTRIAGE_DIARY=off turns it
 * off; TPTRIAGE_TODAY=YYYY-MM-DD sets today (for tests). */
#ifndef TP_DIARY_H
#define TP_DIARY_H

#include "opts.h"

/* diary's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_diary_spec;

#include "util.h"

#define TP_PAIN_NONE -1 /* no pain score given */

/* One check-in. */
typedef struct {
    long day;      /* days since 1970-01-01 */
    int pain;      /* 0..10, or TP_PAIN_NONE */
    char *level;   /* level id reached */
    char *kb;      /* knowledge-base hash it was judged with */
    char *answers; /* the answers, a JSON object's text */
} tp_checkin;

/* The diary as read. */
typedef struct {
    tp_checkin *v; /* check-ins, in file order (oldest first) */
    int n, cap;    /* count and capacity */
} tp_diary;

/* The diary file's path (malloc'ed), or NULL when it is turned off or
 * there is no home folder. */
char *tp_diary_path(void);

/* Reads the diary at path (a missing file is an empty diary). Damaged
 * lines are skipped, with "path:line: what is wrong" appended to warnings.
 * Returns 0, or -1 with err when the file cannot be read at all. */
int tp_diary_read(const char *path, tp_diary *d, tp_buf *warnings, tp_error *err);
/* Adds one check-in at the end of the diary at path, atomically (damaged
 * lines are kept as they were). Returns 0 or -1 with err. */
int tp_diary_add(const char *path, const tp_checkin *c, tp_error *err);
void tp_diary_free(tp_diary *d);

/* Runs `tptriage diary [--delete]` (argv[0] is "diary"). Returns an exit
 * code. */
int tp_diary_main(int argc, char **argv);

#endif
