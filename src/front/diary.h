/* diary.h: the check-in diary. With the person's consent, each finished
 * session keeps its date, answers, result and a 0-10 pain score as one JSON
 * line in $XDG_DATA_HOME/tptriage/diary.jsonl (~/.local/share/tptriage), so
 * that a later session can compute how long self-care has gone on and
 * whether the pain is easing, and `tptriage diary` can show the course.
 * Plain JSON Lines, written whole through the safe writer (0600) under a
 * lock; only a regular file is read (a FIFO there never hangs); a damaged
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
 * there is no home folder, or (with err set) when its folder is not safe
 * (statedir.h). */
char *tp_diary_path(tp_error *err);

/* Reads the diary at path (a missing file is an empty diary). Damaged
 * lines are skipped, with "path:line: what is wrong" appended to warnings.
 * Returns 0, or -1 with err when the file cannot be read at all. */
int tp_diary_read(const char *path, tp_diary *d, tp_buf *warnings, tp_error *err);
/* Adds one check-in at the end of the diary at path, atomically (damaged
 * lines are kept as they were), under a lock (PATH.lock, flock) so that
 * sessions adding at once all keep theirs. Returns 0 or -1 with err. */
int tp_diary_add(const char *path, const tp_checkin *c, tp_error *err);
void tp_diary_free(tp_diary *d);

/* "today", "yesterday", "3 days ago". */
void tp_diary_ago(long days, char *out, size_t len);

/* The current episode: the check-ins at the end of the diary with no gap
 * of more than gap days between two of them, nor between the last and
 * today. */
typedef struct {
    int n;                              /* check-ins in it; 0: there is no current episode */
    const tp_checkin *first, *previous; /* its first and its last check-in */
} tp_episode;

tp_episode tp_diary_episode(const tp_diary *d, long today, int gap);

/* How the diary answers a question in a later session (a diary-fill fact,
 * facts/diary.clp). */
typedef struct {
    const char *question;  /* the question's id */
    const char *from;      /* "days-since-first", "pain-lower" or "last-answer" */
    int compare_first;     /* pain-lower: against the first check-in (else the previous) */
    int min_drop;          /* pain-lower: points lower that count */
    const char *if_lower;  /* pain-lower: the answer when it is that much lower */
    const char *otherwise; /* pain-lower: the answer when not */
} tp_diary_fill;

/* The answer f gives today (into out): days-since-first counts the days
 * since the episode's first check-in, plus the number that check-in gave
 * for the same question; pain-lower compares today's pain score;
 * last-answer repeats the answer of the episode's last check-in. Returns 1,
 * or 0 when the diary cannot tell (no episode, no pain score, or scores that
 * do not decide it: a first score from which the drop cannot be met, with
 * no pain gone and none higher). */
int tp_diary_fill_answer(const tp_diary_fill *f, const tp_episode *e, long today, int pain,
                         char *out, size_t len);

/* Runs `tptriage diary [--delete]` (argv[0] is "diary"). Returns an exit
 * code. */
int tp_diary_main(int argc, char **argv);

#endif
