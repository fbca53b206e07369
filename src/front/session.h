/* session.h: the interactive question-and-answer session.
 *
 * The session core (session.c, session_explain.c) holds all state in one
 * struct and talks through a FILE* for output and one call per input line,
 * so that tests drive it without a terminal. The terminal front end
 * (session_tty.c) adds readline, history, completion, colour and signals. */
#ifndef TP_SESSION_H
#define TP_SESSION_H

#include "opts.h"

/* session's options, for its --help, `tptriage --help` and completion. */
extern const tp_optspec tp_session_spec;

#include "result.h"

#include <stdio.h>

typedef struct tp_session tp_session;

typedef struct {
    const char *kbdir;  /* knowledge-base folder, or NULL to locate it */
    int show_ids;       /* print "[question-id]" before each question */
    int verbose;        /* explanations name rules and show their patterns */
    int colour;         /* use terminal colours */
    int echo;           /* repeat each input line after the prompt (piped input) */
    const char *diary;  /* the check-in diary's file, or NULL: none read or kept */
    int one_at_a_time;  /* ask grouped questions one at a time, not as checklists */
    const char *locale; /* --locale: the numbers to call (facts/locales.clp), or NULL:
                           $TPTRIAGE_LOCALE, the region of $LANG */
} tp_session_opts;

/* What tp_session_line asks of its caller next. */
typedef enum {
    TP_SESSION_MORE, /* read another line */
    TP_SESSION_QUIT, /* the person asked to stop */
} tp_session_status;

/* Opens the knowledge base and starts an empty case. Returns NULL with the
 * reason ("file:line: message") in err. Nothing is printed yet. */
tp_session *tp_session_new(const tp_session_opts *o, FILE *out, tp_error *err);
void tp_session_free(tp_session *s);

/* Prints the welcome screen and the first question (or the summary). */
void tp_session_begin(tp_session *s);
/* The prompt for the next line. */
const char *tp_session_prompt(const tp_session *s);
/* Handles one line: an answer, '?', or a command with a ':' or '.' prefix. */
tp_session_status tp_session_line(tp_session *s, const char *line);
/* End of input: the questions left become unanswered, and the summary so far
 * is shown (unless it already was). */
void tp_session_end(tp_session *s);

/* Completion of the word being typed (text, starting at byte start of line):
 * the state-th candidate, malloc'ed, or NULL when there are no more. */
char *tp_session_complete(tp_session *s, const char *line, int start, const char *text, int state);

/* For tests and the front end. */
const tp_question *tp_session_current(const tp_session *s); /* NULL when done */
const tp_result *tp_session_result(const tp_session *s);    /* as judged now */
const tp_case *tp_session_case(const tp_session *s);
/* Before tp_session_begin: the session goes on from answers c (an
 * autosave's), which it takes (c is left empty). */
void tp_session_resume(tp_session *s, tp_case *c);
const tp_kb *tp_session_kb(const tp_session *s);
int tp_session_done(const tp_session *s); /* the summary has been shown */
/* The result shown is provisional: questions are left, and count as
 * unanswered (as tptriage batch counts them in a file without them). */
int tp_session_provisional(const tp_session *s);

/* Runs `tptriage [session] [--show-ids] [--one-at-a-time] [--kb DIR]`
 * (TPTRIAGE_GROUPS=off: one at a time too). Returns an exit code. */
int tp_session_main(int argc, char **argv);

#endif
